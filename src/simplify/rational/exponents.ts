// Relations among the exponents of powers of one base (read.ts reads the
// powers through them): each exponent a linear form over Q in monomials plus
// a constant; a few of them are chosen as atoms, and every other one that is
// an integer combination of atoms plus an integer offset, with signs as
// read.ts's soundness argument allows, is read through them. Pure linear
// algebra over exact rationals; the caller bounds the group's size.
import { isInteger, rat, ratAdd, ratInv, ratMul, ratNeg, type Rational } from '../../core/rational.js';

/** An exponent: rational coefficients of its monomials (by key, none constant) and its constant part. */
export interface LinearForm {
  readonly v: ReadonlyMap<string, Rational>;
  readonly c: Rational;
}

/** A form as sum of coefs[i] * forms[atoms[i]], plus the integer offset. */
export interface Combination {
  readonly atoms: readonly number[];
  readonly coefs: readonly number[];
  readonly offset: number;
}

const ZERO = rat(0n);
const isZero = (r: Rational): boolean => r.p === 0n;

/**
 * Gauss-Jordan elimination of the columns of m (rows of coordinates) in order:
 * the pivot row of each column, or -1 where the column depends on the earlier ones.
 * Works in place.
 */
function eliminate(m: Rational[][], columns: number): number[] {
  const pivots: number[] = [];
  let row = 0;
  for (let col = 0; col < columns; col++) {
    let p = row;
    while (p < m.length && isZero(m[p]![col]!)) p++;
    if (p === m.length) {
      pivots.push(-1);
      continue;
    }
    [m[row], m[p]] = [m[p]!, m[row]!];
    const inv = ratInv(m[row]![col]!);
    m[row] = m[row]!.map((x) => ratMul(x, inv));
    for (let r = 0; r < m.length; r++) {
      const f = m[r]![col]!;
      if (r === row || isZero(f)) continue;
      const top = m[row]!;
      m[r] = m[r]!.map((x, j) => ratAdd(x, ratNeg(ratMul(f, top[j]!))));
    }
    pivots.push(row++);
  }
  return pivots;
}

/** r as an integer when it is one in [-max, max], else null. */
export const intWithin = (r: Rational, max: number): number | null => (isInteger(r) && r.p >= BigInt(-max) && r.p <= BigInt(max) ? Number(r.p) : null);

/**
 * The combination of t in the atoms when the reading may use it: integer
 * coefficients (`solved`, t's coordinates in the atoms) and offset within
 * max, all >= 0 or all <= 0 (read.ts says why); else null.
 */
function combination(atoms: readonly LinearForm[], t: LinearForm, solved: readonly Rational[], max: number): { coefs: number[]; offset: number } | null {
  const coefs: number[] = [];
  let c = t.c;
  for (let i = 0; i < atoms.length; i++) {
    const k = intWithin(solved[i]!, max);
    if (k === null) return null;
    coefs.push(k);
    c = ratAdd(c, ratNeg(ratMul(rat(BigInt(k)), atoms[i]!.c)));
  }
  const offset = intWithin(c, max);
  if (offset === null) return null;
  const up = coefs.every((k) => k >= 0) && offset >= 0;
  const down = coefs.every((k) => k <= 0) && offset <= 0;
  return up || down ? { coefs, offset } : null;
}

/**
 * Atoms for forms (none of them constant): a basis of their span chosen
 * among them so that the most of the others are combinations (the first such
 * subset). The combinations by form index (atoms and unrelated forms are not
 * in it), or null when none relate. Only bases need trying: a smaller
 * independent set covers no more, and a basis gives each other form its one
 * set of coordinates.
 */
export function relateForms(forms: readonly LinearForm[], max: number): Map<number, Combination> | null {
  const n = forms.length;
  const keys = [...new Set(forms.flatMap((f) => [...f.v.keys()]))];
  // The matrix whose columns are the forms' coefficient vectors, in the order given.
  const columns = (order: readonly number[]): Rational[][] => keys.map((k) => order.map((i) => forms[i]!.v.get(k) ?? ZERO));
  const all = forms.map((_, i) => i);
  const rank = eliminate(columns(all), n).filter((p) => p >= 0).length;
  let best: Map<number, Combination> | null = null;
  for (let mask = 1; rank < n && mask < 1 << n; mask++) {
    const basis = all.filter((i) => mask & (1 << i));
    const rest = all.filter((i) => !(mask & (1 << i)));
    const m = columns([...basis, ...rest]);
    if (basis.length !== rank || eliminate(m, rank).includes(-1)) continue;
    const out = new Map<number, Combination>();
    rest.forEach((t, j) => {
      // The basis's pivots are its first rows, in order (eliminate swaps them up).
      const c = combination(basis.map((i) => forms[i]!), forms[t]!, basis.map((_, r) => m[r]![rank + j]!), max);
      if (c) out.set(t, { atoms: basis, ...c });
    });
    if (out.size > (best?.size ?? 0)) best = out;
  }
  return best;
}
