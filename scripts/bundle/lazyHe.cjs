// he as mailparser gets it inside the bundled command line (scripts/build-cli.mjs): loaded on first use. mailparser
// requires it when it loads (its entity tables) and calls it only to write HTML from a text body or the headers,
// which electron/mail/readImipMail.ts switches off (skipTextToHtml).
'use strict';

module.exports = require('./lazy.cjs').lazyFunctions(() => require('he'), ['encode', 'decode', 'escape', 'unescape']);
