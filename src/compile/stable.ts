// Stable forms for code generation: common formulas that overflow or cancel in
// float64, rewritten into exact equivalents built on the stable primitives
// (log1p, expm1, softplus, sigmoid, logsumexp; eval/runtime.ts). Applied to
// the expression being compiled only: printed results keep what was written.
// Every rewrite is an identity on the reals, wherever either side is defined:
//
//   log(1 + u)                     -> log1p(u)
//   exp(u) - 1, 1 - exp(u)         -> expm1(u), -expm1(u)
//   log(exp(x))                    -> x                      (exp(x) > 0 for every real x)
//   log(sigmoid(u))                -> logsigmoid(u)
//   log(e^a + e^b + ...)           -> logsumexp(a, b, ...)   (a term c > 0 is e^log(c), c*e^a is e^(a + log(c)))
//   logsumexp(0, u)                -> softplus(u)            (log(1 + e^u))
//   logsumexp(x1..xn) -/+ xk       -> +/-logsumexp(x1 - xk, ..., xn - xk)   (0 at k: no cancellation when xk is the largest)
//   softplus(u) - u                -> softplus(-u)
//   (e^a + e^b + ...)^r, r < 0     -> exp(r*logsumexp(a, b, ...))
//   1/(1 + e^v)                    -> sigmoid(-v)
//   a product of exponentials      -> one exp of the sum     (exp(a)/(e^a + e^b) = exp(a - logsumexp(a, b)))
//
// So softmax cross-entropy -a + log(e^a + e^b + e^c) compiles to
// logsumexp(0, b - a, c - a) (finite and accurate at a = 1000), its gradient
// through the softmax exp(u - s) of logsumexp's derivative line.
// One bottom-up pass over the distinct nodes (linear, sharing kept); each rule
// sees children already rewritten, and a node a rule builds is rewritten in turn.
import { ONE, ZERO, add, call, isNum, log, mul, neg, rebuild } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { fold } from '../core/traverse.js';

const isCall = (e: Expr, fn: string, arity = 1): e is Expr & { kind: 'call' } =>
  e.kind === 'call' && e.fn === fn && e.derivs.length === 0 && e.args.length === arity;

/** x when t is e^x (exp(x), a number c > 0 as e^log(c), c*exp(x) with c > 0, exp(x)^r, products of these); else null. */
function exponentOf(t: Expr): Expr | null {
  if (isCall(t, 'exp')) return t.args[0]!;
  if (t.kind === 'num') return t.value.p > 0n ? log(t) : null;
  if (t.kind === 'pow' && t.exp.kind === 'num' && isCall(t.base, 'exp')) return mul(t.exp, t.base.args[0]!);
  if (t.kind === 'mul') {
    const xs: Expr[] = [];
    for (const f of t.args) {
      const x = exponentOf(f);
      if (x === null) return null;
      xs.push(x);
    }
    return add(...xs);
  }
  return null;
}

/** The exponents a, b, ... when s is a sum e^a + e^b + ... of two or more terms; else null. */
function expSum(s: Expr): Expr[] | null {
  if (s.kind !== 'add') return null;
  const xs: Expr[] = [];
  for (const t of s.args) {
    const x = exponentOf(t);
    if (x === null) return null;
    xs.push(x);
  }
  return xs;
}

/** The arguments of a logsumexp call, or [0, u] for softplus(u); else null. */
function lseArgs(e: Expr): readonly Expr[] | null {
  if (e.kind === 'call' && e.fn === 'logsumexp' && e.derivs.length === 0) return e.args;
  if (isCall(e, 'softplus')) return [ZERO, e.args[0]!];
  return null;
}

/** logsumexp of xs, spelled softplus(u) for (0, u). */
function lse(xs: readonly Expr[]): Expr {
  if (xs.length === 2 && xs[0] === ZERO) return node(call('softplus', xs[1]!));
  if (xs.length === 2 && xs[1] === ZERO) return node(call('softplus', xs[0]!));
  return node(call('logsumexp', ...xs));
}

/** One rewrite step at a node whose children are already in stable form. */
function node(n: Expr): Expr {
  switch (n.kind) {
    case 'call':
      return n.derivs.length === 0 && n.fn === 'log' && n.args.length === 1 ? logOf(n.args[0]!, n) : n;
    case 'add':
      return sum(n);
    case 'pow':
      return power(n);
    case 'mul':
      return product(n);
    default:
      return n;
  }
}

function logOf(u: Expr, n: Expr): Expr {
  if (isCall(u, 'exp')) return u.args[0]!;
  if (isCall(u, 'sigmoid')) return call('logsigmoid', u.args[0]!);
  const xs = expSum(u);
  if (xs) return lse(xs);
  if (u.kind === 'add' && isNum(u.args[0]!, 1n)) return call('log1p', add(...u.args.slice(1)));
  return n;
}

function sum(n: Expr & { kind: 'add' }): Expr {
  const terms = n.args;
  // logsumexp(x) - xk = logsumexp(x - xk), and xk - logsumexp(x) its negative.
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    const sign = lseArgs(t) ? 1 : t.kind === 'mul' && t.args.length === 2 && isNum(t.args[0]!, -1n) && lseArgs(t.args[1]!) ? -1 : 0;
    if (sign === 0) continue;
    const xs = lseArgs(sign === 1 ? t : (t as Expr & { kind: 'mul' }).args[1]!)!;
    const ids = new Set(xs.map((x) => x.id));
    for (let j = 0; j < terms.length; j++) {
      if (j === i) continue;
      const xk = sign === 1 ? neg(terms[j]!) : terms[j]!;
      if (xk === ZERO || !ids.has(xk.id)) continue;
      const shifted = lse(xs.map((x) => node(add(x, neg(xk)))));
      const rest = terms.filter((_, k) => k !== i && k !== j);
      return node(add(sign === 1 ? shifted : neg(shifted), ...rest));
    }
  }
  // exp(u) - 1 -> expm1(u); 1 - exp(u) -> -expm1(u)
  const c = terms[0]!;
  if (isNum(c, -1n) || isNum(c, 1n)) {
    const want = isNum(c, -1n) ? 1 : -1;
    for (let j = 1; j < terms.length; j++) {
      const t = terms[j]!;
      const e = want === 1 ? t : t.kind === 'mul' && t.args.length === 2 && isNum(t.args[0]!, -1n) ? t.args[1]! : null;
      if (e && isCall(e, 'exp')) {
        const m = call('expm1', e.args[0]!);
        return add(want === 1 ? m : neg(m), ...terms.filter((_, k) => k !== 0 && k !== j));
      }
    }
  }
  return n;
}

function power(n: Expr & { kind: 'pow' }): Expr {
  if (n.exp.kind !== 'num' || n.exp.value.p >= 0n) return n;
  const xs = expSum(n.base);
  if (!xs) return n;
  if (xs.length === 2 && xs[0] === ZERO && isNum(n.exp, -1n)) return call('sigmoid', neg(xs[1]!));
  return node(call('exp', mul(n.exp, lse(xs))));
}

/** A product with two or more exponential factors (exp, sigmoid as e^logsigmoid, sums of exps) becomes one exp. */
function product(n: Expr & { kind: 'mul' }): Expr {
  const exponents: Expr[] = [];
  const others: Expr[] = [];
  for (const f of n.args) {
    let x: Expr | null = null;
    if (isCall(f, 'exp')) x = f.args[0]!;
    else if (isCall(f, 'sigmoid')) x = neg(call('softplus', neg(f.args[0]!))); // sigmoid(w) = e^-softplus(-w)
    else {
      const base = f.kind === 'pow' && f.exp.kind === 'num' ? f.base : f;
      const r = f.kind === 'pow' && f.exp.kind === 'num' ? f.exp : ONE;
      const xs = expSum(base);
      if (xs) x = mul(r, lse(xs));
    }
    if (x === null) others.push(f);
    else exponents.push(x);
  }
  if (exponents.length < 2) return n;
  const x = node(add(...exponents));
  // e^-softplus(w) = sigmoid(-w)
  const e = x.kind === 'mul' && x.args.length === 2 && isNum(x.args[0]!, -1n) && isCall(x.args[1]!, 'softplus') ? call('sigmoid', neg(x.args[1].args[0]!)) : call('exp', x);
  return mul(...others, e);
}

/** e in stable form for code generation (see the table above). */
export function stableForms(e: Expr): Expr {
  return fold<Expr>(e, (n, kids) => node(n.kind === 'num' || n.kind === 'sym' ? n : rebuild(n, kids)));
}
