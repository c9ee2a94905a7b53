// Sparse multivariate polynomials over Q, for the fraction code rules:
// exact arithmetic, exact division and gcd (recursive, by primitive
// pseudo-remainder sequences). Variables are numbered 0..n-1; a polynomial is
// its terms in descending lex order. Everything is size-bounded: past the
// limits an operation throws TooBig and the caller keeps the expression as it was.
import { gcd as igcd, ratAdd, ratInv, ratMul, ratNeg, rat, type Rational } from '../core/rational.js';

export interface Term {
  readonly e: readonly number[];
  readonly c: Rational;
}
export type Poly = readonly Term[];

export class TooBig extends Error {}

export const LIMITS = { terms: 400, degree: 64, work: 5_000 };

/**
 * The work one computation may do (term operations), passed to every
 * operation that spends it: every operation counts, and past the limit (or
 * with coefficients past 2^512) the whole computation gives up with TooBig.
 * Polynomial gcds by remainder sequences can blow up; this bound is what
 * keeps every input fast. It is a value of the caller's, never module state.
 */
export class Work {
  done = 0;
  constructor(readonly limit: number = LIMITS.work) {}
  spend(n: number): void {
    this.done += n;
    if (this.done > this.limit) throw new TooBig('too much work');
  }
  /** n term operations counted one by one: as n calls of spend(1), the count stops at the first past the limit. */
  spendEach(n: number): void {
    if (this.done + n > this.limit) {
      this.done = this.limit + 1;
      throw new TooBig('too much work');
    }
    this.done += n;
  }
}
const BIG = 1n << 512n;
const sized = (r: Rational): Rational => {
  if (r.p > BIG || r.p < -BIG || r.q > BIG) throw new TooBig('coefficients too large');
  return r;
};

const ZERO_R = rat(0n);
const ONE_R = rat(1n);

const isOne = (a: Rational): boolean => a.p === 1n && a.q === 1n;

// Rational arithmetic with fast paths for integers (most coefficients are) and for 1 (kernel monomials).
const qadd = (a: Rational, b: Rational): Rational =>
  sized(a.q === 1n && b.q === 1n ? { p: a.p + b.p, q: 1n } : ratAdd(a, b));
const qmul = (a: Rational, b: Rational): Rational =>
  sized(isOne(a) ? b : isOne(b) ? a : a.q === 1n && b.q === 1n ? { p: a.p * b.p, q: 1n } : ratMul(a, b));

const check = (p: Poly): Poly => {
  if (p.length > LIMITS.terms) throw new TooBig('too many terms');
  return p;
};

export function lexCmp(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

// A monomial's key: a number while it fits (up to 8 variables of degree <= 64), else a string.
const key = (e: readonly number[]): number | string => {
  if (e.length > 8) return e.join(',');
  let k = 0;
  for (let i = 0; i < e.length; i++) k = k * 65 + e[i]!;
  return k;
};

/** Builds a normalised polynomial from terms that may repeat monomials. */
export function fromTerms(w: Work, ts: Iterable<Term>): Poly {
  const m = new Map<number | string, { e: readonly number[]; c: Rational }>();
  for (const t of ts) {
    w.spend(1);
    if (t.c.p === 0n) continue;
    const k = key(t.e);
    const seen = m.get(k);
    if (seen) seen.c = qadd(seen.c, t.c);
    else m.set(k, { e: t.e, c: t.c });
  }
  const out = [...m.values()].filter((t) => t.c.p !== 0n);
  out.sort((a, b) => lexCmp(b.e, a.e));
  return check(out);
}

export const constant = (n: number, c: Rational): Poly => (c.p === 0n ? [] : [{ e: new Array<number>(n).fill(0), c }]);
export const variable = (n: number, i: number, power = 1): Poly => {
  const e = new Array<number>(n).fill(0);
  e[i] = power;
  return [{ e, c: ONE_R }];
};

export const isZero = (p: Poly): boolean => p.length === 0;
export function isConstant(p: Poly): boolean {
  if (p.length === 0) return true;
  if (p.length > 1) return false;
  const e = p[0]!.e;
  for (let i = 0; i < e.length; i++) if (e[i] !== 0) return false;
  return true;
}

export function equals(a: Poly, b: Poly): boolean {
  if (a.length !== b.length) return false;
  return a.every((t, i) => {
    const u = b[i]!;
    return lexCmp(t.e, u.e) === 0 && t.c.p === u.c.p && t.c.q === u.c.q;
  });
}

/** a + s*b for s = 1 or -1, merging the two sorted term lists. */
function merge(w: Work, a: Poly, b: Poly, negate: boolean): Poly {
  w.spend(a.length + b.length);
  const out: Term[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const c = i === a.length ? -1 : j === b.length ? 1 : lexCmp(a[i]!.e, b[j]!.e);
    if (c > 0) out.push(a[i++]!);
    else {
      const t = b[j++]!;
      const tc = negate ? ratNeg(t.c) : t.c;
      if (c < 0) out.push({ e: t.e, c: tc });
      else {
        const sum = qadd(a[i++]!.c, tc);
        if (sum.p !== 0n) out.push({ e: t.e, c: sum });
      }
    }
  }
  return check(out);
}

export const add = (w: Work, a: Poly, b: Poly): Poly => merge(w, a, b, false);
export const neg = (a: Poly): Poly => a.map((t) => ({ e: t.e, c: ratNeg(t.c) }));
export const sub = (w: Work, a: Poly, b: Poly): Poly => merge(w, a, b, true);
export const scale = (a: Poly, c: Rational): Poly =>
  c.p === 0n ? [] : c.p === 1n && c.q === 1n ? a : a.map((t) => ({ e: t.e, c: qmul(t.c, c) }));

function monomialTimes(x: Term, y: Term): Term {
  const n = x.e.length;
  const e = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const v = x.e[i]! + y.e[i]!;
    if (v > LIMITS.degree) throw new TooBig('degree too high');
    e[i] = v;
  }
  return { e, c: qmul(x.c, y.c) };
}

export function mul(w: Work, a: Poly, b: Poly): Poly {
  if (a.length * b.length > LIMITS.terms * 8) throw new TooBig('product too large');
  w.spend(a.length * b.length);
  if (a.length === 1 && b.length === 1) return [monomialTimes(a[0]!, b[0]!)];
  // A monomial times a polynomial keeps the order: no sorting.
  if (a.length === 1 || b.length === 1) {
    const [m, p] = a.length === 1 ? [a[0]!, b] : [b[0]!, a];
    return p.map((t) => monomialTimes(m, t));
  }
  const ts: Term[] = [];
  for (const x of a) for (const y of b) ts.push(monomialTimes(x, y));
  return fromTerms(w, ts);
}

/** Exponents a - b, or null if b does not divide a. */
function quotientExponents(a: readonly number[], b: readonly number[]): number[] | null {
  const e = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i]! - b[i]!;
    if (v < 0) return null;
    e[i] = v;
  }
  return e;
}

/** p divided by a monomial that divides every term (exponents subtracted). */
export function divideMonomial(p: Poly, m: readonly number[]): Poly {
  if (!m.some((x) => x > 0)) return p;
  return p.map((t) => ({ e: quotientExponents(t.e, m)!, c: t.c }));
}

export function pow(w: Work, a: Poly, k: number, n: number): Poly {
  let out = constant(n, ONE_R);
  for (let i = 0; i < k; i++) out = mul(w, out, a);
  return out;
}

/** a/b when b divides a exactly, else null (division by lex-leading terms). */
export function divide(w: Work, a: Poly, b: Poly): Poly | null {
  if (b.length === 0) throw new Error('division by the zero polynomial');
  if (b.length === 1) {
    // By a monomial: term by term.
    const m = b[0]!;
    const inv = ratInv(m.c);
    const out: Term[] = [];
    for (const t of a) {
      const e = quotientExponents(t.e, m.e);
      if (!e) return null;
      out.push({ e, c: qmul(t.c, inv) });
    }
    return out;
  }
  if (!mayDivide(w, a, b)) return null;
  const lb = b[0]!;
  const q: Term[] = [];
  let r = a;
  let steps = 0;
  while (r.length > 0) {
    if (++steps > LIMITS.terms * 4) throw new TooBig('division too long');
    const lr = r[0]!;
    const e = quotientExponents(lr.e, lb.e);
    if (!e) return null;
    const c = qmul(lr.c, lb.c.q === 1n && (lb.c.p === 1n || lb.c.p === -1n) ? lb.c : ratInv(lb.c));
    const t: Term = { e, c };
    q.push(t);
    r = sub(w, r, mul(w, [t], b));
  }
  return fromTerms(w, q);
}

/**
 * False when b cannot divide a: b = c1*v + c0 (one variable to the first
 * power, numeric c0 != 0) has the root v = -c0/c1, where a must vanish too
 * (a = q*b). One pass over a instead of a long division that fails at the end:
 * trying 60 linear factors on a polynomial of degree 59 costs 60 passes.
 */
function mayDivide(w: Work, a: Poly, b: Poly): boolean {
  if (b.length !== 2) return true;
  const [t1, t0] = b[0]!.e.some((x) => x > 0) ? [b[0]!, b[1]!] : [b[1]!, b[0]!];
  if (t0.e.some((x) => x > 0)) return true;
  let v = -1;
  for (let i = 0; i < t1.e.length; i++) {
    if (t1.e[i] === 0) continue;
    if (t1.e[i] !== 1 || v !== -1) return true;
    v = i;
  }
  if (v === -1) return true;
  w.spend(a.length);
  const root = ratNeg(ratMul(t0.c, ratInv(t1.c)));
  const powers: Rational[] = [ONE_R];
  const sums = new Map<number | string, Rational>();
  for (const t of a) {
    const k = t.e[v]!;
    while (powers.length <= k) powers.push(qmul(powers[powers.length - 1]!, root));
    const rest = t.e.slice();
    rest[v] = 0;
    const id = key(rest);
    sums.set(id, qadd(sums.get(id) ?? ZERO_R, qmul(t.c, powers[k]!)));
  }
  for (const c of sums.values()) if (c.p !== 0n) return false;
  return true;
}

/** Degree in variable v. */
export const degreeIn = (p: Poly, v: number): number => p.reduce((d, t) => Math.max(d, t.e[v]!), 0);

/**
 * The coefficients of p as a polynomial in v (each free of v), by power of v
 * in the order the powers first occur. With v set to 0 the terms of one power
 * stay distinct and in order: each group is a normalised polynomial as it is
 * collected, at the work of normalising it (a term operation per term).
 */
function coefficientsIn(w: Work, p: Poly, v: number): Map<number, Poly> {
  w.spendEach(p.length);
  const groups = new Map<number, Term[]>();
  for (const t of p) {
    const d = t.e[v]!;
    const term = { e: withZero(t.e, v), c: t.c };
    const g = groups.get(d);
    if (g) g.push(term);
    else groups.set(d, [term]);
  }
  return groups;
}

/** The coefficient of v^d in p: coefficientsIn(p, v).get(d), at the same work. */
function coefficientIn(w: Work, p: Poly, v: number, d: number): Poly {
  w.spendEach(p.length);
  const out: Term[] = [];
  for (const t of p) if (t.e[v] === d) out.push({ e: withZero(t.e, v), c: t.c });
  return out;
}

const withZero = (e: readonly number[], v: number): number[] => {
  const out = e.slice();
  out[v] = 0;
  return out;
};

/** Rational content: the positive rational c with p/c having coprime integer coefficients. */
export function numericContent(p: Poly): Rational {
  if (p.length === 0) return ONE_R;
  let g = 0n;
  let l = 1n;
  for (const t of p) {
    g = igcd(g, t.c.p);
    if (t.c.q !== 1n) l = (l / igcd(l, t.c.q)) * t.c.q;
  }
  return rat(g, l);
}

/** Monomial content: the smallest power of each variable over all terms. */
export function monomialContent(p: Poly, n: number): number[] {
  if (p.length === 0) return new Array<number>(n).fill(0);
  const m = p[0]!.e.slice();
  for (const t of p) for (let i = 0; i < m.length; i++) if (t.e[i]! < m[i]!) m[i] = t.e[i]!;
  return m;
}

/** p scaled to coprime integer coefficients with a positive leading coefficient. */
export function normalise(p: Poly): Poly {
  if (p.length === 0) return p;
  const c = numericContent(p);
  const s = p[0]!.c.p < 0n ? -1n : 1n;
  return scale(p, rat(s * c.q, c.p));
}

/** Pseudo-remainder of a by b as polynomials in v (deg_v a >= deg_v b). */
function pseudoRemainder(w: Work, a: Poly, b: Poly, v: number): Poly {
  const db = degreeIn(b, v);
  const lcb = coefficientIn(w, b, v, db);
  let r = a;
  let guard = 0;
  while (r.length > 0 && degreeIn(r, v) >= db) {
    if (++guard > LIMITS.degree * 2) throw new TooBig('pseudo-division too long');
    const dr = degreeIn(r, v);
    const lcr = coefficientIn(w, r, v, dr);
    const shift = mul(w, lcr, variable(a[0]!.e.length, v, dr - db));
    r = sub(w, mul(w, lcb, r), mul(w, shift, b));
  }
  return r;
}

/** gcd of the coefficients of p in v (a polynomial free of v). */
function contentIn(w: Work, p: Poly, v: number, n: number): Poly {
  let g: Poly | null = null;
  for (const c of coefficientsIn(w, p, v).values()) {
    g = g === null ? normalise(c) : gcd(w, g, c, n);
    if (isConstant(g)) return constant(n, ONE_R);
  }
  return g ?? constant(n, ONE_R);
}

/** Greatest common divisor over Q, normalised (coprime integer coefficients, positive leading coefficient). */
export function gcd(w: Work, a: Poly, b: Poly, n: number): Poly {
  if (a.length === 0) return normalise(b);
  if (b.length === 0) return normalise(a);
  if (isConstant(a) || isConstant(b)) return constant(n, ONE_R);
  // The monomial part separately: it is the min of the exponents.
  const ma = monomialContent(a, n);
  const mb = monomialContent(b, n);
  const m = ma.map((x, i) => Math.min(x, mb[i]!));
  const a1 = divideMonomial(a, ma);
  const b1 = divideMonomial(b, mb);
  const mono: Poly = [{ e: m, c: ONE_R }];
  if (a1.length === 1 || b1.length === 1) return mono; // a monomial left: nothing more in common
  return mul(w, mono, gcdNoMonomial(w, a1, b1, n));
}

function gcdNoMonomial(w: Work, a: Poly, b: Poly, n: number): Poly {
  if (isConstant(a) || isConstant(b)) return constant(n, ONE_R);
  let v = -1;
  for (let i = 0; i < n && v < 0; i++) if (degreeIn(a, i) > 0 && degreeIn(b, i) > 0) v = i;
  if (v < 0) {
    // No variable in common: any common factor is free of all variables of either.
    let u = -1;
    for (let i = 0; i < n && u < 0; i++) if (degreeIn(a, i) > 0 || degreeIn(b, i) > 0) u = i;
    if (degreeIn(a, u) === 0) return gcd(w, a, contentIn(w, b, u, n), n);
    return gcd(w, contentIn(w, a, u, n), b, n);
  }
  const ca = contentIn(w, a, v, n);
  const cb = contentIn(w, b, v, n);
  const pa = divide(w, a, ca)!;
  const pb = divide(w, b, cb)!;
  const gc = gcd(w, ca, cb, n);
  let r0 = degreeIn(pa, v) >= degreeIn(pb, v) ? pa : pb;
  let r1 = r0 === pa ? pb : pa;
  for (;;) {
    const r = pseudoRemainder(w, r0, r1, v);
    if (r.length === 0) break;
    if (degreeIn(r, v) === 0) {
      r1 = constant(n, ONE_R);
      break;
    }
    r0 = r1;
    r1 = divide(w, r, contentIn(w, r, v, n))!;
  }
  const gp = degreeIn(r1, v) === 0 ? constant(n, ONE_R) : divide(w, r1, contentIn(w, r1, v, n))!;
  return normalise(mul(w, gc, gp));
}

export { ZERO_R, ONE_R };
