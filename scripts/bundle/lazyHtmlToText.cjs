// html-to-text as mailparser gets it inside the bundled command line (scripts/build-cli.mjs): loaded on first use.
// mailparser requires it when it loads (an HTML parser, selectors, entity tables) but calls it only to turn an HTML
// body into text, which electron/mail/readImipMail.ts switches off (skipHtmlToText).
'use strict';

module.exports = require('./lazy.cjs').lazyFunctions(
  () => require('html-to-text'),
  ['htmlToText', 'convert', 'compile'],
);
