// Normalising builders: the only way nodes are made outside core/. They do the
// cheap normalisations that hold wherever the input is defined (flatten, order,
// fold exact numbers, collect like terms and equal bases, drop +0, *1, ^1);
// everything that needs a guard is the simplifier's job.
import {
  makeAdd,
  makeCall,
  makeMul,
  makeNum,
  makePow,
  makeSym,
  isBuilt,
  type Call,
  type Expr,
  type Num,
} from './expr.js';
import { CIRCULAR, circularSurd, piMultiple, type Surd } from './circular.js';
import { ALIASES, FUNCTIONS } from './functions.js';
import { connective, notOf, piecewiseOf } from './conditions.js';
import { compare } from './order.js';
import { fold } from './traverse.js';
import { arg, entry, argError, expectExpr, expectString } from './check-args.js';
import { describeValue } from './options.js';
import {
  MathError,
  isInteger,
  parseDecimal,
  rat,
  ratAdd,
  ratMul,
  ratInv,
  ratPow,
  rootFactor,
  type Rational,
} from './rational.js';

export type Arg = Expr | number | bigint;

export const ZERO = makeNum(rat(0n));
export const ONE = makeNum(rat(1n));
export const MINUS_ONE = makeNum(rat(-1n));
export const HALF = makeNum(rat(1n, 2n));

/** An exact number: num(3), num(1, 2) for 1/2, num(0.1) for 1/10 (from its shortest decimal form). */
export function num(p: number | bigint | Rational, q: number | bigint = 1n): Num {
  if (typeof q !== 'bigint' && !(typeof q === 'number' && Number.isInteger(q))) throw argError('num', arg(2, 'q'), 'a whole number (the denominator)', q);
  if (typeof p === 'object') {
    if (p === null || typeof p.p !== 'bigint' || typeof p.q !== 'bigint') throw argError('num', arg(1, 'p'), 'a number, a bigint or a rational { p, q } of bigints', p);
    return makeNum(rat(p.p, p.q));
  }
  if (typeof p !== 'number' && typeof p !== 'bigint') throw argError('num', arg(1, 'p'), 'a number, a bigint or a rational { p, q } of bigints', p);
  if (typeof p === 'number') {
    if (!Number.isFinite(p)) throw new MathError(`not a finite number: ${p}`);
    if (!Number.isInteger(p)) {
      const r = parseDecimal(String(Math.abs(p)).replace(/e\+?/, 'e'));
      return makeNum(rat(p < 0 ? -r.p : r.p, r.q * BigInt(q)));
    }
    p = BigInt(p);
  }
  return makeNum(rat(p, BigInt(q)));
}

export const sym = (name: string): Expr => makeSym(expectString(name, 'sym', arg(1, 'name'), 'a name (a string)'));
export const lift = (x: Arg): Expr =>
  typeof x === 'object' ? (isBuilt(x) ? x : intern(x)) : typeof x === 'number' || typeof x === 'bigint' ? num(x) : notArg(x);
const notArg = (x: unknown): never => {
  throw new MathError(`a builder's argument (add, mul, pow, call, sin, ...) must be an expression or a number, got ${describeValue(x)}`);
};
export const isNum = (e: Expr, v?: bigint): e is Num =>
  e.kind === 'num' && (v === undefined || (e.value.q === 1n && e.value.p === v));

/** Splits a term into its numeric coefficient and the rest: 3*x*y -> [3, x*y]. */
export function splitCoefficient(e: Expr): [Rational, Expr] {
  if (e.kind === 'num') return [e.value, ONE];
  if (e.kind === 'mul' && e.args[0]!.kind === 'num') {
    const rest = e.args.length === 2 ? e.args[1]! : makeMul(e.args.slice(1));
    return [e.args[0]!.value, rest];
  }
  return [rat(1n), e];
}

function withCoefficient(c: Rational, rest: Expr): Expr {
  if (c.p === 0n) return ZERO;
  if (c.p === 1n && c.q === 1n) return rest;
  if (rest === ONE) return makeNum(c);
  return makeMul(rest.kind === 'mul' ? [makeNum(c), ...rest.args] : [makeNum(c), rest]);
}

/**
 * Groups operands by a key node (a term's non-numeric part, a factor's base),
 * in first-seen order: a linear scan while there are few groups (most sums and
 * products are small), a Map by id beyond that.
 */
class Groups<T> {
  readonly keys: Expr[] = [];
  readonly values: T[] = [];
  private index: Map<number, number> | null = null;

  find(key: Expr): number {
    if (this.index) return this.index.get(key.id) ?? -1;
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return i;
    return -1;
  }

  push(key: Expr, value: T): void {
    this.keys.push(key);
    this.values.push(value);
    if (this.index) this.index.set(key.id, this.keys.length - 1);
    else if (this.keys.length > 16) this.index = new Map(this.keys.map((k, i) => [k.id, i]));
  }
}

/** The operands of a sum (product) with nested sums (products) flattened in. */
function flatten(kind: 'add' | 'mul', xs: readonly Arg[]): Expr[] {
  const out: Expr[] = [];
  for (const x of xs) {
    const e = lift(x);
    if (e.kind === kind) for (const a of e.args) out.push(a);
    else out.push(e);
  }
  return out;
}

export function add(...xs: Arg[]): Expr {
  return addOf(xs);
}

/** add over an array: no spread, so a sum of 200,000 terms does not overflow the call stack. */
export function addOf(xs: readonly Arg[]): Expr {
  let constant = rat(0n);
  const terms = new Groups<Rational>();
  for (const t of flatten('add', xs)) {
    if (t.kind === 'num') {
      constant = ratAdd(constant, t.value);
      continue;
    }
    const [c, rest] = splitCoefficient(t);
    const i = terms.find(rest);
    if (i >= 0) terms.values[i] = ratAdd(terms.values[i]!, c);
    else terms.push(rest, c);
  }
  const out: Expr[] = [];
  let nested = false;
  for (let i = 0; i < terms.keys.length; i++) {
    const c = terms.values[i]!;
    if (c.p === 0n) continue;
    const term = withCoefficient(c, terms.keys[i]!);
    // 2*(x+1) - (x+1) leaves x+1 itself as a term: it must be flattened in.
    nested ||= term.kind === 'add';
    out.push(term);
  }
  if (nested) return addOf([makeNum(constant), ...out]);
  out.sort(compare);
  if (constant.p !== 0n) out.unshift(makeNum(constant));
  if (out.length === 0) return ZERO;
  return out.length === 1 ? out[0]! : makeAdd(out);
}

export function mul(...xs: Arg[]): Expr {
  return mulOf(xs);
}

/** mul over an array: no spread, so a product of 200,000 factors does not overflow the call stack. */
export function mulOf(xs: readonly Arg[]): Expr {
  let coef = rat(1n);
  // Per base: its exponents, and the factor as first met (kept as it is when it has no partner).
  const bases = new Groups<{ exps: Expr[]; first: Expr }>();
  for (const f of flatten('mul', xs)) {
    if (f.kind === 'num') {
      coef = ratMul(coef, f.value);
      continue;
    }
    const base = f.kind === 'pow' ? f.base : f;
    const exp = f.kind === 'pow' ? f.exp : ONE;
    const i = bases.find(base);
    if (i >= 0) bases.values[i]!.exps.push(exp);
    else bases.push(base, { exps: [exp], first: f });
  }
  const out: Expr[] = [];
  const again: Expr[] = [];
  for (let i = 0; i < bases.keys.length; i++) {
    const { exps, first } = bases.values[i]!;
    for (const p of exps.length === 1 ? [first] : mergePowers(bases.keys[i]!, exps)) {
      if (p.kind === 'num') coef = ratMul(coef, p.value);
      // A product, or a power whose base changed ((z^2)^(e-1) * (z^2)^-e = z^-2), may share
      // a base with another factor (z): merge again, or the product holds z and z^-2.
      else if (p.kind === 'mul' || (p.kind === 'pow' ? p.base : p) !== bases.keys[i]) again.push(p);
      else out.push(p);
    }
  }
  if (again.length > 0) return mulOf([makeNum(coef), ...out, ...again]);
  if (coef.p === 0n) return ZERO;
  out.sort(compare);
  return withCoefficient(coef, out.length === 0 ? ONE : out.length === 1 ? out[0]! : makeMul(out));
}

/**
 * x^a*x^b = x^(a+b) holds on the reals wherever the left side is defined, except
 * for x < 0 with a symbolic exponent and an odd root: there x^n is defined only
 * at integer n and x^(1/3) is the real cube root, but x^(n + 1/3) is a power
 * with a non-integer exponent, undefined (cbrt(-8)*(-8)^1 = 16, (-8)^(4/3) as
 * a float power is NaN). So symbolic and numeric exponents merge separately
 * then, unless the base is a positive number. An even root (x^(1/2)) confines
 * the product to x >= 0, where every merge holds.
 */
function mergePowers(base: Expr, exps: readonly Expr[]): Expr[] {
  let r = rat(0n);
  let symbolic = false;
  let evenRoot = false;
  for (const e of exps) {
    if (e.kind !== 'num') symbolic = true;
    else {
      r = ratAdd(r, e.value);
      if (e.value.q % 2n === 0n) evenRoot = true;
    }
  }
  if (!symbolic || evenRoot || isInteger(r) || (base.kind === 'num' && base.value.p > 0n)) return [pow(base, addOf(exps))];
  return [pow(base, addOf(exps.filter((e) => e.kind !== 'num'))), makePow(base, makeNum(r))];
}

export function pow(b: Arg, e: Arg): Expr {
  const base = lift(b);
  const exp = lift(e);
  if (exp.kind === 'num') {
    if (exp.value.p === 0n) return ONE; // x^0 = 1 wherever x^0 is defined
    if (exp === ONE) return base;
  }
  if (base === ONE) return ONE;
  if (base.kind === 'sym' && base.name === 'e') return call('exp', exp);
  if (base.kind === 'num' && exp.kind === 'num') {
    const v = ratPow(base.value, exp.value);
    if (v) return makeNum(v);
    if (base.value.p === 0n) return makePow(base, exp); // 0^0 stays as written
    const radical = numericRoot(base.value, exp.value);
    if (radical) return radical;
  }
  if (base.kind === 'num' && base.value.p === 0n && exp.kind === 'num' && exp.value.p > 0n) return ZERO;
  if (exp.kind === 'num' && isInteger(exp.value)) {
    // Integer powers: (x^a)^n = x^(a*n) and (x*y)^n = x^n*y^n hold for all reals.
    if (base.kind === 'pow') return pow(base.base, mul(base.exp, exp));
    if (base.kind === 'mul') return mulOf(base.args.map((f) => pow(f, exp)));
  }
  return makePow(base, exp);
}

/** Radicands at most this many bits are searched for q-th powers (trial division by small primes). */
const MAX_RADICAND_BITS = 64;

/**
 * A numeric root in the form a person writes: b^(p/q) = b^i * b^(t/q) with
 * 0 < t < q (2^(3/2) = 2*sqrt(2); 1/b^(...) for p < 0), a perfect power under
 * the root taken as its base (4^(1/4) = sqrt(2)), and the radicand b = a/d
 * made an integer free of q-th powers: b^(1/q) = k*s^(1/q)/d with a*d^(q-1) =
 * k^q*s (sqrt(8) = 2*sqrt(2), sqrt(1/8) = sqrt(2)/4). Null when the root is
 * already so, or the number is too large to search.
 */
function numericRoot(b: Rational, r: Rational): Expr | null {
  if (b.p <= 0n || r.q > 6n || r.p > 64n || r.p < -64n) return null;
  // a perfect j-th power with j sharing a factor with q: c^(j*p/q)
  for (let j = 2n; j <= r.q; j++) {
    if (r.q % j !== 0n) continue;
    const c = ratPow(b, rat(1n, j));
    if (c) return pow(makeNum(c), makeNum(rat(j * r.p, r.q)));
  }
  // A negative power is the reciprocal of the positive one (1/sqrt(2) stays, 8^(-1/2) is 1/(2*sqrt(2))),
  // of a fraction the positive power of its reciprocal ((1/8)^(-1/2) = sqrt(8) = 2*sqrt(2)).
  if (r.p < 0n && b.q !== 1n) return pow(makeNum(ratInv(b)), makeNum(rat(-r.p, r.q)));
  const q = r.q;
  const p = r.p < 0n ? -r.p : r.p;
  const i = p / q;
  const t = p - i * q;
  const m = b.p * b.q ** (q - 1n);
  if (m.toString(2).length > MAX_RADICAND_BITS) return null;
  const k = rootFactor(m, q);
  if (i === 0n && k === 1n && b.q === 1n) return null;
  const s = m / k ** q;
  const c = ratMul(ratPow(b, rat(i))!, ratPow(rat(k, b.q), rat(t))!);
  const coefficient = makeNum(r.p < 0n ? ratInv(c) : c);
  return s === 1n ? coefficient : mul(coefficient, makePow(makeNum(rat(s)), makeNum(rat(r.p < 0n ? -t : t, q))));
}

export const neg = (a: Arg): Expr => mul(MINUS_ONE, a);
export const sub = (a: Arg, b: Arg): Expr => add(a, neg(b));
export const div = (a: Arg, b: Arg): Expr => mul(a, pow(b, MINUS_ONE));

/**
 * A function call. Known names are checked for arity and some are lowered to
 * the core: sqrt(u) = u^(1/2), cbrt(u) = u^(1/3), nthroot(u, n) = u^(1/n) for
 * an integer n, ln = log, arcsin = asin, log(u, e) = log(u).
 */
export function call(fnName: string, ...xs: Arg[]): Expr {
  if (typeof fnName !== 'string') throw argError('call', arg(1, 'fnName'), "a function's name", fnName);
  const fn = ALIASES.get(fnName) ?? fnName;
  const args = xs.map(lift);
  const known = FUNCTIONS.get(fn);
  if (!known) return makeCall(fn, args);
  if (args.length < known.minArgs || args.length > known.maxArgs) {
    throw new MathError(`${fn} takes ${arityText(known.minArgs, known.maxArgs)}, got ${args.length}`);
  }
  const [u, v] = args as [Expr, Expr | undefined];
  switch (fn) {
    case 'sqrt':
      return pow(u, HALF);
    case 'cbrt':
      return pow(u, num(1, 3));
    case 'nthroot':
      if (v!.kind === 'num' && isInteger(v!.value) && v!.value.p !== 0n) return pow(u, makeNum(rat(1n, v!.value.p)));
      break;
    case 'log':
      if (v && v.kind === 'sym' && v.name === 'e') return call('log', u);
      // log(u, b) = log(u)/log(b): no real value anywhere for b = 1 (log(1) = 0), 0 or b < 0.
      if (v && v.kind === 'num' && (v.value.p <= 0n || (v.value.p === 1n && v.value.q === 1n))) {
        throw new MathError(`log(u, ${v.value.q === 1n ? v.value.p : `${v.value.p}/${v.value.q}`}): a logarithm's base must be positive and not 1 (log(u, b) = log(u)/log(b))`);
      }
      break;
    case 'polygamma':
      // polygamma(n, x) is the n-th derivative of digamma: n = 0, 1, 2, ...; any other n has no value anywhere.
      if (u.kind === 'num' && !(isInteger(u.value) && u.value.p >= 0n)) {
        throw new MathError(`polygamma(n, x): the order n must be a whole number >= 0, not ${u.value.q === 1n ? u.value.p : `${u.value.p}/${u.value.q}`}`);
      }
      break;
    case 'min':
    case 'max':
      if (args.length === 1) return u;
      break;
    case 'not':
      if (u.kind !== 'num') return notOf(u) ?? makeCall(fn, args);
      break;
    case 'lt':
    case 'le':
    case 'eq':
    case 'ne':
      // a op a is decided wherever a is defined
      if (u === v) return fn === 'le' || fn === 'eq' ? ONE : ZERO;
      // == and != are symmetric: one order (the canonical one), so a == b and b == a are one node
      if ((fn === 'eq' || fn === 'ne') && compare(u, v!) > 0 && !args.every((a) => a.kind === 'num')) return makeCall(fn, [v!, u]);
      break;
    case 'and':
    case 'or':
      return connective(fn, args);
    case 'piecewise':
      return piecewiseOf(args);
  }
  if (CIRCULAR.has(fn) && args.length === 1) {
    const r = piMultiple(args[0]!);
    const v = r === null ? null : circularSurd(fn, r);
    if (v === 'pole') {
      const k = r!.p === 0n ? '0' : r!.p === 1n ? 'pi' : r!.p === -1n ? '-pi' : `${r!.p}*pi`;
      throw poleError(fn, r!.q === 1n ? k : `${k}/${r!.q}`);
    }
    if (v !== null) return surdExpr(v);
  }
  const exact = known.exact;
  if ((exact || known.pole) && args.every((a) => a.kind === 'num')) {
    const values = args.map((a) => (a as Num).value);
    if (known.pole?.(values)) throw poleError(fn, values.map((v) => (v.q === 1n ? String(v.p) : `${v.p}/${v.q}`)).join(', '));
    const value = exact?.(values);
    if (value) return makeNum(value);
  }
  return makeCall(fn, args);
}

const poleError = (fn: string, at: string): MathError => new MathError(`${fn}(${at}) is undefined: ${fn} has a pole there`);

export const arityText = (min: number, max: number): string =>
  min === max
    ? `${min} argument${min === 1 ? '' : 's'}`
    : max === Infinity
      ? `${min} or more arguments`
      : `${min} to ${max} arguments`;

/** The derivative of an undefined function f with respect to its arguments at `derivs` (0-based). */
export function derivativeCall(fn: string, args: readonly Expr[], derivs: readonly number[]): Call {
  expectString(fn, 'derivativeCall', arg(1, 'fn'), "a function's name");
  if (!Array.isArray(args)) throw argError('derivativeCall', arg(2, 'args'), 'an array of expressions', args);
  args.forEach((a, i) => expectExpr(a, 'derivativeCall', entry(i, arg(2, 'args'))));
  if (!Array.isArray(derivs)) throw argError('derivativeCall', arg(3, 'derivs'), 'an array of argument indices', derivs);
  if (FUNCTIONS.has(fn)) throw new MathError(`${fn} is a known function; differentiate it instead`);
  for (const d of derivs) {
    if (typeof d !== 'number') throw argError('derivativeCall', arg(3, 'derivs'), 'an array of argument indices', d);
    if (!Number.isInteger(d) || d < 0 || d >= args.length) throw new MathError(`${fn} has no argument ${d + 1}`);
  }
  return makeCall(fn, args, [...derivs].sort((a, b) => a - b));
}

/**
 * e with its symbols replaced simultaneously by `value(name)` (undefined:
 * kept; a value is never itself searched), renormalised by the builders, in
 * one pass over the distinct nodes. Both substitutions are this one:
 * variables by values (diff/substitute.ts) and a rule's pattern variables by
 * their bindings (simplify/match.ts).
 */
export function replaceSymbols(e: Expr, value: (name: string) => Expr | undefined): Expr {
  return fold<Expr>(e, (n, kids) => (n.kind === 'sym' ? (value(n.name) ?? n) : rebuild(n, kids)));
}

/** The same node kind with new children, renormalised. */
export function rebuild(e: Expr, kids: readonly Expr[]): Expr {
  switch (e.kind) {
    case 'num':
    case 'sym':
      return e;
    case 'add':
      return kids.every((k, i) => k === e.args[i]) ? e : addOf(kids);
    case 'mul':
      return kids.every((k, i) => k === e.args[i]) ? e : mulOf(kids);
    case 'pow':
      return kids[0] === e.base && kids[1] === e.exp ? e : pow(kids[0]!, kids[1]!);
    case 'call':
      if (kids.every((k, i) => k === e.args[i])) return e;
      return e.derivs.length > 0 ? derivativeCall(e.fn, kids, e.derivs) : call(e.fn, ...kids);
  }
}

// Helpers for building expressions in code: sin(x), exp(add(x, 1)), ...
const unary = (name: string) => (x: Arg): Expr => call(name, x);
export const sin = unary('sin');
export const cos = unary('cos');
export const tan = unary('tan');
export const asin = unary('asin');
export const acos = unary('acos');
export const atan = unary('atan');
export const sinh = unary('sinh');
export const cosh = unary('cosh');
export const tanh = unary('tanh');
export const exp = unary('exp');
export const log = (x: Arg, base?: Arg): Expr => (base === undefined ? call('log', x) : call('log', x, base));
export const sqrt = unary('sqrt');
export const abs = unary('abs');
export const PI = makeSym('pi');
export const E = makeSym('e');

/** a*sqrt(n) as an expression. */
export const surdExpr = ({ a, n }: Surd): Expr => (n === 1n ? num(a) : mul(num(a), pow(num(n), HALF)));

/**
 * A node of this realm for `x`: x itself when this module built it; else a
 * plain node of the same shape (structured-cloned from a worker, read from
 * JSON with bigints restored, or hand-made) rebuilt from its fields by the
 * normalising builders, so its ids are this realm's. Its `id`s are ignored.
 * Anything that is not a node is a MathError saying where. Iterative: any depth.
 */
export function intern(x: unknown): Expr {
  if (isBuilt(x)) return x;
  const done = new Map<object, Expr>();
  const stack: unknown[] = [x];
  const kidsOf = (n: Record<string, unknown>): unknown[] => {
    switch (n.kind) {
      case 'add':
      case 'mul':
      case 'call':
        if (!Array.isArray(n.args)) throw foreignError(n, 'args must be an array');
        return n.args as unknown[];
      case 'pow':
        return [n.base, n.exp];
      default:
        return [];
    }
  };
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (isBuilt(top)) {
      stack.pop();
      continue;
    }
    if (typeof top !== 'object' || top === null) throw foreignError(top, 'not an expression node');
    if (done.has(top)) {
      stack.pop();
      continue;
    }
    const n = top as Record<string, unknown>;
    const kids = kidsOf(n);
    let ready = true;
    for (const k of kids) {
      if (isBuilt(k)) continue;
      if (typeof k !== 'object' || k === null) throw foreignError(k, `an argument of a ${String(n.kind)} node is not an expression node`);
      if (!done.has(k)) {
        if (stack.length > 50_000_000) throw new MathError('intern: the node graph is too large');
        stack.push(k);
        ready = false;
      }
    }
    if (!ready) continue;
    stack.pop();
    const at = (k: unknown): Expr => (isBuilt(k) ? k : done.get(k as object)!);
    done.set(n, internOne(n, kids.map(at)));
  }
  return isBuilt(x) ? x : done.get(x as object)!;
}

function foreignError(x: unknown, why: string): MathError {
  const kind = typeof x === 'object' && x !== null && typeof (x as { kind?: unknown }).kind === 'string' ? ` (kind '${(x as { kind: string }).kind}')` : '';
  return new MathError(`not a leibniz expression${kind}: ${why}; pass an expression built by leibniz, text, or deserialize(serialize(e)) from another thread`);
}

function internOne(n: Record<string, unknown>, kids: Expr[]): Expr {
  switch (n.kind) {
    case 'num': {
      const v = n.value as { p?: unknown; q?: unknown } | null;
      if (typeof v !== 'object' || v === null || typeof v.p !== 'bigint' || typeof v.q !== 'bigint' || v.q === 0n) {
        throw foreignError(n, 'a number node needs value { p, q } with bigints and q != 0');
      }
      return num(v as Rational);
    }
    case 'sym':
      if (typeof n.name !== 'string' || n.name === '') throw foreignError(n, 'a symbol needs a name');
      return sym(n.name);
    case 'add':
      if (kids.length < 2) throw foreignError(n, 'a sum needs two or more terms');
      return add(...kids);
    case 'mul':
      if (kids.length < 2) throw foreignError(n, 'a product needs two or more factors');
      return mul(...kids);
    case 'pow':
      return pow(kids[0]!, kids[1]!);
    case 'call': {
      if (typeof n.fn !== 'string' || n.fn === '') throw foreignError(n, 'a call needs a function name');
      const derivs = n.derivs === undefined ? [] : n.derivs;
      if (!Array.isArray(derivs) || !derivs.every((d) => typeof d === 'number')) throw foreignError(n, 'derivs must be an array of numbers');
      return derivs.length > 0 ? derivativeCall(n.fn, kids, derivs as number[]) : call(n.fn, ...kids);
    }
    default:
      throw foreignError(n, `unknown kind ${JSON.stringify(n.kind)}`);
  }
}
