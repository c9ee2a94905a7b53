// Derivatives of user-defined functions (parse/definitions.ts): the body is
// differentiated once per parameter, and the result is written back in terms
// of the function where that is simpler, so that names survive:
//   sigmoid(t) = 1/(1 + exp(-t)):  d/dt = sigmoid(t)*(1 - sigmoid(t))
// Two exact folds are tried on the raw derivative, and kept when the result
// costs less than the plain simplified derivative:
// - the body's own node (and, for a body b^p, the powers b^q) as the call;
// - for a body c/(a + b*K) with one kernel K containing the parameter, K as
//   (c/F - a)/b with F the call (which holds wherever the body is defined).
import { ZERO, add, div, mul, pow, rebuild, sub, sym } from '../core/build.js';
import { makeCall, type Expr } from '../core/expr.js';
import { freeSymbols, postorder } from '../core/traverse.js';
import type { Definition, Definitions } from '../parse/definitions.js';
import { instantiate } from '../parse/definitions.js';
import { simplify } from '../simplify/simplify.js';
import { compareCost } from '../simplify/cost.js';

type Differentiate = (e: Expr, wrt: string) => Expr;

/** d/d(param i) of def's body, in its parameters (and calls of def itself). */
export function definedSlope(defs: Definitions, def: Definition, i: number, differentiate: Differentiate): Expr {
  const key = `${def.name}/${i}`;
  let s = defs.slopes.get(key);
  if (s === undefined) {
    s = computeSlope(def, def.params[i]!, differentiate);
    defs.slopes.set(key, s);
  }
  return s;
}

/** The partial of a call of a defined function in its argument i. */
export function definedPartial(defs: Definitions, def: Definition, args: readonly Expr[], i: number, differentiate: Differentiate): Expr {
  return instantiate({ ...def, body: definedSlope(defs, def, i, differentiate) }, args);
}

function computeSlope(def: Definition, t: string, differentiate: Differentiate): Expr {
  const raw = differentiate(def.body, t);
  const plain = simplify(raw);
  if (plain === ZERO) return plain;
  const F = makeCall(def.name, def.params.map(sym));
  let folded = foldBody(raw, def.body, F);
  if (def.params.length === 1) folded = foldKernel(folded, def.body, F, t) ?? folded;
  if (folded === raw) return plain;
  const candidate = simplify(folded);
  return compareCost(candidate, plain) <= 0 ? candidate : plain;
}

/** Replaces every node of the body in e by F, and b^q by F^(q/p) for a body b^p. */
function foldBody(e: Expr, body: Expr, F: Expr): Expr {
  const p = body.kind === 'pow' && body.exp.kind === 'num' && body.exp.value.q === 1n ? body.exp.value.p : undefined;
  return replaceNodes(e, (n) => {
    if (n === body) return F;
    if (p !== undefined && body.kind === 'pow' && n.kind === 'pow' && n.base === body.base && n.exp.kind === 'num' && n.exp.value.q === 1n && n.exp.value.p % p === 0n) {
      return pow(F, Number(n.exp.value.p / p));
    }
    return undefined;
  });
}

/** For a body c/(a + b*K), e with K written as (c/F - a)/b; undefined when the body has no such form. */
function foldKernel(e: Expr, body: Expr, F: Expr, t: string): Expr | undefined {
  let c: Expr = mul(1);
  let den: Expr | undefined;
  if (body.kind === 'pow' && body.exp.kind === 'num' && body.exp.value.p === -1n && body.exp.value.q === 1n) den = body.base;
  else if (body.kind === 'mul') {
    const recips = body.args.filter((f) => f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.p === -1n && f.exp.value.q === 1n);
    if (recips.length !== 1) return undefined;
    const rest = body.args.filter((f) => f !== recips[0]);
    if (rest.some((f) => has(f, t))) return undefined;
    c = mul(...rest);
    den = (recips[0] as Expr & { kind: 'pow' }).base;
  }
  if (den === undefined || den.kind !== 'add') return undefined;
  const varying = den.args.filter((a) => has(a, t));
  if (varying.length !== 1) return undefined;
  const a = add(...den.args.filter((x) => !has(x, t)));
  const term = varying[0]!;
  const factors = term.kind === 'mul' ? term.args : [term];
  const kernel = factors.filter((f) => has(f, t));
  if (kernel.length !== 1) return undefined;
  const b = mul(...factors.filter((f) => !has(f, t)));
  const K = kernel[0]!;
  const inverse = div(sub(div(c, F), a), b);
  let hit = false;
  const out = replaceNodes(e, (n) => {
    if (n !== K) return undefined;
    hit = true;
    return inverse;
  });
  return hit ? out : undefined;
}

const has = (e: Expr, t: string): boolean => freeSymbols(e).includes(t);

/** e with nodes replaced where `f` says (outermost first), renormalised. */
function replaceNodes(e: Expr, f: (n: Expr) => Expr | undefined): Expr {
  const memo = new Map<number, Expr>();
  for (const n of postorder(e)) {
    const r = f(n);
    if (r !== undefined) {
      memo.set(n.id, r);
      continue;
    }
    const ks = n.kind === 'add' || n.kind === 'mul' || n.kind === 'call' ? n.args : n.kind === 'pow' ? [n.base, n.exp] : [];
    const kids = ks.map((k) => memo.get(k.id)!);
    memo.set(n.id, kids.every((k, i) => k === ks[i]) ? n : rebuild(n, kids));
  }
  return memo.get(e.id)!;
}
