// What the stand-ins of this folder share: functions that load their package on the first call and hand it on.
'use strict';

/**
 * An object with a function for each of `names` that calls the package's function of that name, the package
 * loaded by `load` on the first call (a static `require` in the stand-in, so the bundler includes the package).
 */
exports.lazyFunctions = (load, names) => {
  let real = null;
  const out = {};
  for (const name of names) out[name] = (...args) => (real ??= load())[name](...args);
  return out;
};
