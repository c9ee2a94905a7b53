// Exact square and cube roots of polynomials (a sum that is P^2 or P^3 when
// written out), by the schoolbook method on lex-leading terms: the root's
// leading term is the root of p's, and each next term is the remainder's
// leading term over q*lead^(q-1). Bounded by the caller's Work.
// And numeric root kernels (sqrt(2), cbrt(3)) to their index or more read as
// the numbers they are (reduceNumericRoots).
import { ratInv, ratMul, type Rational } from '../../core/rational.js';
import * as P from '../poly.js';
import type { Poly, Term, Work } from '../poly.js';
import type { Kernel } from './read.js';

/** The exact q-th root (q = 2 or 3) of an integer, or null. */
function intRoot(n: bigint, q: bigint): bigint | null {
  const neg = n < 0n;
  if (neg && q % 2n === 0n) return null;
  const m = neg ? -n : n;
  let x = BigInt(Math.round(Math.pow(Number(m), 1 / Number(q))));
  while (x > 0n && x ** q > m) x--;
  while ((x + 1n) ** q <= m) x++;
  if (x ** q !== m) return null;
  return neg ? -x : x;
}

const ratRoot = (c: Rational, q: bigint): Rational | null => {
  const p = intRoot(c.p, q);
  const d = intRoot(c.q, q);
  return p !== null && d !== null ? { p, q: d } : null;
};

const power = (w: Work, r: Poly, q: number, n: number): Poly => P.pow(w, r, q, n);

/** r with r^q = p exactly (q = 2: either sign, the one led by a positive term), or null. */
export function polyRoot(w: Work, p: Poly, q: 2 | 3, n: number): Poly | null {
  if (p.length === 0) return null;
  const lead = p[0]!;
  if (lead.e.some((x) => x % q !== 0)) return null;
  const c0 = ratRoot(lead.c, BigInt(q));
  if (!c0) return null;
  const r0: Term = { e: lead.e.map((x) => x / q), c: c0 };
  let r: Poly = [r0];
  // q*r0^(q-1), the divisor of each next term.
  const d0 = power(w, [r0], q - 1, n)[0]!;
  const div = { e: d0.e, c: ratMul(d0.c, { p: BigInt(q), q: 1n }) };
  for (let i = 0; i <= p.length + 1; i++) {
    const rem = P.sub(w, p, power(w, r, q, n));
    if (rem.length === 0) return r;
    const t = rem[0]!;
    const e = t.e.map((x, k) => x - div.e[k]!);
    if (e.some((x) => x < 0) || P.lexCmp(e, r0.e) >= 0) return null;
    r = P.add(w, r, [{ e, c: ratMul(t.c, ratInv(div.c)) }]);
  }
  return null;
}

/** p with every numeric root kernel c^(1/q) (sqrt(2) from cos(pi/4)) to a power q or more reduced by (c^(1/q))^q = c. */
export function reduceNumericRoots(w: Work, p: Poly, kernels: readonly Kernel[]): Poly {
  let out = p;
  kernels.forEach((k, i) => {
    const x = k.node;
    if (x.kind !== 'pow' || x.base.kind !== 'num' || x.exp.kind !== 'num' || x.exp.value.p !== 1n) return;
    const q = Number(x.exp.value.q);
    const c = x.base.value;
    if (!out.some((t) => t.e[i]! >= q)) return;
    out = P.fromTerms(
      w,
      out.map((t) => {
        const m = Math.floor(t.e[i]! / q);
        if (m === 0) return t;
        const e = [...t.e];
        e[i] = e[i]! - m * q;
        return { e, c: ratMul(t.c, { p: c.p ** BigInt(m), q: c.q ** BigInt(m) }) };
      }),
    );
  });
  return out;
}
