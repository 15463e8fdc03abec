// linkify-it as mailparser gets it inside the bundled command line (scripts/build-cli.mjs). mailparser builds and
// configures its linkifier when it is loaded: regular expressions over every top-level domain, ~10 ms of each
// start of `process`. It uses the linkifier only to turn a text body into HTML with links, which
// electron/mail/readImipMail.ts switches off (skipTextToHtml, skipTextLinks). So it gets a stand-in here: the calls
// that configure it (add, set, tlds) are recorded, and the real linkifier is built, with the same calls in the same
// order, the first time it is asked to find links. Chained calls return the stand-in, as the real ones return the
// linkifier.
'use strict';

const LinkifyIt = require('linkify-it/build/index.cjs.js');

const CONFIGURE = ['add', 'set', 'tlds'];
const USE = ['test', 'pretest', 'testSchemaAt', 'match', 'matchAtStart', 'normalize', 'onCompile'];

module.exports = function lazyLinkifyIt(schemas, options) {
  const recorded = [];
  let real = null;
  const linkifier = () => {
    if (!real) {
      real = new LinkifyIt(schemas, options);
      for (const [method, args] of recorded) real[method](...args);
      recorded.length = 0;
    }
    return real;
  };
  const standIn = {
    get re() {
      return linkifier().re;
    },
    /** Whether the real linkifier was built (for the tests). */
    get built() {
      return real !== null;
    },
  };
  for (const method of CONFIGURE)
    standIn[method] = (...args) => {
      if (real) real[method](...args);
      else recorded.push([method, args]);
      return standIn;
    };
  for (const method of USE) standIn[method] = (...args) => linkifier()[method](...args);
  return standIn;
};
