// fast-check points from the test domains of the function registry
// (src/core/functions.ts): each function states where it may be sampled, as data.
import fc from 'fast-check';
import type { Domain, FunctionInfo, Range } from '../src/core/functions.js';

const real = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true });

export function rangeArb(r: Range): fc.Arbitrary<number> {
  if ('real' in r) return real(...r.real);
  if ('away' in r) return fc.tuple(real(...r.away), fc.boolean()).map(([m, s]) => (s ? -m : m));
  if ('offInteger' in r) {
    const [min, max] = r.offInteger;
    return fc.tuple(fc.integer({ min, max }), real(0.1, 0.9)).map(([k, f]) => k + f);
  }
  if ('integer' in r) return fc.integer({ min: r.integer[0], max: r.integer[1] });
  return fc.oneof(...r.oneOf.map(rangeArb));
}

/** Variadic arguments without near-ties (a tie is where min and max are not differentiable). */
const distinct = (n: number): fc.Arbitrary<number[]> =>
  fc
    .tuple(fc.uniqueArray(fc.integer({ min: -100, max: 100 }), { minLength: n, maxLength: n }), real(0, 0.04))
    .map(([ks, jitter]) => ks.map((k) => k / 10 + jitter));

export function domainArb(d: Domain): fc.Arbitrary<number[]> {
  if ('variadic' in d) return fc.oneof(distinct(2), distinct(3), distinct(4));
  const points = fc.tuple(...d.args.map(rangeArb));
  return d.where ? points.filter((xs) => d.where!(xs)) : points;
}

/** The key of a domain, like the derivative table's: name/arity, or name/n for a variadic function. */
export const domainKey = (f: FunctionInfo, d: Domain): string => `${f.name}/${'variadic' in d ? 'n' : d.args.length}`;
