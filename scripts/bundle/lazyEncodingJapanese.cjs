// encoding-japanese as mailparser and libmime get it inside the bundled command line (scripts/build-cli.mjs):
// loaded on first use. Both require it when they load (its conversion tables) and call it only for a text in
// ISO-2022-JP, Shift_JIS or EUC-JP.
'use strict';

module.exports = require('./lazy.cjs').lazyFunctions(
  () => require('encoding-japanese'),
  ['convert', 'detect', 'codeToString', 'stringToCode'],
);
