// Conditions and piecewise values as numbers: a condition is 1 (true), 0
// (false) or NaN (undefined: a comparison of an undefined value). `and` and
// `or` follow Kleene's logic (false and undefined = false), so a condition
// that is decided by one side is decided whatever the other side is. A
// piecewise value whose deciding condition is undefined is undefined.
// Any non-zero number counts as true (core nodes built in code may hold one).

const test = (x: number): number => (Number.isNaN(x) ? NaN : x !== 0 ? 1 : 0);

export const lt = (a: number, b: number): number => (a < b ? 1 : a >= b ? 0 : NaN);
export const le = (a: number, b: number): number => (a <= b ? 1 : a > b ? 0 : NaN);
export const eq = (a: number, b: number): number => (a === b ? 1 : a !== a || b !== b ? NaN : 0);
export const ne = (a: number, b: number): number => (a === b ? 0 : a !== a || b !== b ? NaN : 1);

export function and(...xs: number[]): number {
  let out = 1;
  for (const x of xs) {
    const t = test(x);
    if (t === 0) return 0;
    if (t !== 1) out = NaN;
  }
  return out;
}

export function or(...xs: number[]): number {
  let out = 0;
  for (const x of xs) {
    const t = test(x);
    if (t === 1) return 1;
    if (t !== 0) out = NaN;
  }
  return out;
}

export const not = (x: number): number => 1 - test(x);

/** piecewise(c1, v1, c2, v2, ..., otherwise): the first value whose condition holds; NaN past an undefined condition or with no otherwise. */
export function piecewise(...xs: number[]): number {
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const t = test(xs[i]!);
    if (t === 1) return xs[i + 1]!;
    if (t !== 0) return NaN;
  }
  return xs.length % 2 === 1 ? xs[xs.length - 1]! : NaN;
}

/** The unit step: 0 for x < 0, 1/2 at 0, 1 for x > 0. */
export const heaviside = (x: number): number => (x > 0 ? 1 : x < 0 ? 0 : x === 0 ? 0.5 : NaN);

/** max(x, 0), NaN for NaN. */
export const relu = (x: number): number => (x > 0 ? x : x <= 0 ? 0 : NaN);
