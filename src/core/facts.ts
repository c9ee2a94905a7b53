// Sign facts as bits: what is certain about a value wherever it is defined.
// The function registry (functions.ts) states each function's facts in these
// terms and simplify/sign.ts combines them; a bit is only ever set when the
// fact is certain.
export const POS = 1;
export const NONNEG = 2;
export const NEG = 4;
export const NONPOS = 8;
export const NONZERO = 16;
export const INT = 32;
export const EVEN = 64;
export const ODD = 128;
/** No free symbols (only numbers, pi, e and known functions of them). */
export const CONST = 256;
/** Value >= 1. */
export const GE1 = 512;

/** Closes a set of bits under the obvious implications. */
export function close(b: number): number {
  if (b & GE1) b |= POS;
  if (b & POS) b |= NONNEG | NONZERO;
  if (b & NEG) b |= NONPOS | NONZERO;
  if (b & NONNEG && b & NONZERO) b |= POS;
  if (b & NONPOS && b & NONZERO) b |= NEG;
  if (b & (EVEN | ODD)) b |= INT;
  if (b & ODD) b |= NONZERO;
  if (b & NONZERO && b & NONNEG && b & NONPOS) b &= ~(POS | NEG); // cannot happen for a defined value
  return b;
}

/**
 * A function's sign facts: the facts of its value from the facts of its
 * arguments (`a` is the first argument's, `all` every argument's), certain at
 * every point where the call is defined.
 */
export type SignRule = (a: number, all: readonly number[]) => number;
