// The q-th power part of a polynomial (p = M^q*rest: each kernel's power the
// root divides, and a whole remaining q-th power), and M written as it comes
// out of a q-th root: |M| for q even where the sign of a factor with an odd
// power is not known. Bounded by the caller's Work.
import { call, mul, pow } from '../../core/build.js';
import type { Expr } from '../../core/expr.js';
import * as P from '../poly.js';
import { signOf } from '../sign.js';
import { polyRoot } from './root.js';
import type { Writer } from './write.js';

/** M as a monomial's exponents and a polynomial factor (1 when none). */
export interface PowerPart {
  readonly mono: readonly number[];
  readonly poly: P.Poly;
  /** p/M^q. */
  readonly rest: P.Poly;
}

/** p = M^q*rest, M the kernels' powers that q divides times a whole q-th power of what is left (q = 2, 3); null when M = 1. */
export function powerPart(w: P.Work, p: P.Poly, q: number, size: number): PowerPart | null {
  if (p.length === 0) return null;
  const mono = P.monomialContent(p, size).map((k) => Math.floor(k / q));
  let rest = mono.some((k) => k > 0) ? P.divideMonomial(p, mono.map((k) => k * q)) : p;
  const one = P.constant(size, P.ONE_R);
  let poly = one;
  if ((q === 2 || q === 3) && !P.isConstant(rest)) {
    const r = polyRoot(w, rest, q, size);
    if (r && !P.isConstant(r)) {
      poly = r;
      rest = one;
    }
  }
  if (poly === one && mono.every((k) => k === 0)) return null;
  return { mono, poly, rest };
}

/** |f|: f itself where sign.ts says f >= 0, -f where f <= 0, else abs(f). */
export function unsigned(f: Expr): Expr {
  const s = signOf(f);
  return s.nonnegative ? f : s.nonpositive ? mul(-1, f) : call('abs', f);
}

/**
 * M as it comes out of a q-th root: (M^q)^(1/q) = |M| for q even, M for q odd; each factor to
 * an odd power under abs unless its sign is known (sign.ts), the even powers as they are.
 */
export function outOfRoot(part: PowerPart, q: number, writer: Writer): Expr {
  const fs: Expr[] = [];
  const put = (f: Expr, k: number): void => {
    fs.push(pow(q % 2 === 0 && k % 2 === 1 ? unsigned(f) : f, k));
  };
  part.mono.forEach((k, i) => {
    if (k > 0) put(writer.kernels[i]!.node, k);
  });
  if (!P.isConstant(part.poly)) {
    // A square itself ((x + 1)^4 under a square root gives (x + 1)^2, no abs).
    let [base, k] = [part.poly, 1];
    for (let s; k < 8 && (s = polyRoot(writer.work, base, 2, writer.size)) && !P.isConstant(s); k *= 2) base = s;
    put(writer.expanded(base), k);
  }
  return fs.length === 1 ? fs[0]! : mul(...fs);
}
