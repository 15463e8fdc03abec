/** Exhaustiveness guard for switches over discriminated unions: a new case that is not handled fails to compile. */
export function missingCase(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
