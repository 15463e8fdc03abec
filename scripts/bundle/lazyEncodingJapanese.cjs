// encoding-japanese as mailparser and libmime get it inside the bundled command line (scripts/build-cli.mjs):
// loaded on first use. Both require it when they load (its conversion tables) and call it only for a text in
// ISO-2022-JP, Shift_JIS or EUC-JP.
'use strict';

let real = null;
const load = () => (real ??= require('encoding-japanese'));

exports.convert = (...args) => load().convert(...args);
exports.detect = (...args) => load().detect(...args);
exports.codeToString = (...args) => load().codeToString(...args);
exports.stringToCode = (...args) => load().stringToCode(...args);
