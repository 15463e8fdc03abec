// he as mailparser gets it inside the bundled command line (scripts/build-cli.mjs): loaded on first use. mailparser
// requires it when it loads (its entity tables) and calls it only to write HTML from a text body or the headers,
// which electron/mail/readImipMail.ts switches off (skipTextToHtml).
'use strict';

let real = null;
const load = () => (real ??= require('he'));

exports.encode = (...args) => load().encode(...args);
exports.decode = (...args) => load().decode(...args);
exports.escape = (...args) => load().escape(...args);
exports.unescape = (...args) => load().unescape(...args);
