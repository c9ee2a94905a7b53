// The seed notebook's relative error, max over entries of |a - b| / max(1e-8, |a| + |b|),
// for numbers and (nested) arrays. Equal entries (also equal infinities) count 0;
// a NaN entry makes the whole result NaN, so a check built on it fails.
import { arg, argError } from '../core/check-args.js';
import { MathError } from '../core/rational.js';

export type Numeric = number | ArrayLike<number> | ReadonlyArray<Numeric>;

/** Relative error of two numbers: |a - b| / max(1e-8, |a| + |b|). */
export function relErrorScalar(a: number, b: number): number {
  if (typeof a !== 'number') throw argError('relErrorScalar', arg(1, 'a'), 'a number', a);
  if (typeof b !== 'number') throw argError('relErrorScalar', arg(2, 'b'), 'a number', b);
  if (a === b) return 0;
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  let d = Math.abs(a - b);
  let s = Math.abs(a) + Math.abs(b);
  if (!Number.isFinite(s) && Number.isFinite(a) && Number.isFinite(b)) {
    // |a| + |b| overflowed; halve both (the ratio is unchanged).
    d = Math.abs(a / 2 - b / 2);
    s = Math.abs(a / 2) + Math.abs(b / 2);
  }
  if (!Number.isFinite(d)) return d === s ? 1 : NaN; // one infinite: as far apart as can be
  return d / Math.max(1e-8, s);
}

/** Flattens a number or nested array into a list of numbers (iteratively); anything else is a MathError naming `what`. */
function flatten(x: Numeric, what: string): number[] {
  const out: number[] = [];
  const stack: Numeric[] = [x];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (typeof top === 'number') {
      out.push(top);
      continue;
    }
    // A string is array-like too: '3'[0] is '3' again, forever.
    if (typeof top !== 'object' || top === null || typeof top.length !== 'number') throw argError('relError', what, 'a number or an array (nested, or typed) of numbers', top);
    for (let i = top.length - 1; i >= 0; i--) stack.push(top[i] as Numeric);
  }
  return out;
}

/** Max over entries of |a - b| / max(1e-8, |a| + |b|); NaN if any entry is NaN. */
export function relError(a: Numeric, b: Numeric): number {
  if (typeof a === 'number' && typeof b === 'number') return relErrorScalar(a, b);
  const xs = flatten(a, arg(1, 'a'));
  const ys = flatten(b, arg(2, 'b'));
  if ((typeof a === 'number') !== (typeof b === 'number')) {
    throw new MathError('relError: cannot compare a number with an array');
  }
  if (xs.length !== ys.length) throw new MathError(`relError: ${xs.length} entries against ${ys.length}`);
  let worst = 0;
  for (let i = 0; i < xs.length; i++) {
    const r = relErrorScalar(xs[i]!, ys[i]!);
    if (Number.isNaN(r)) return NaN;
    if (r > worst) worst = r;
  }
  return worst;
}
