// What every printer shares: one precedence table, and the helpers that put
// subtraction, division and negation back into the canonical core (where a - b
// is a + (-1)*b and a/b is a*b^-1), so that all printers agree on the layout
// of a formula and differ only in notation.
import { describeValue, lookupTable } from '../core/options.js';
import type { Expr } from '../core/expr.js';
import { CONSTANTS, children, postorder } from '../core/traverse.js';
import type { Budget } from '../core/budget.js';
import { MathError, type Rational } from '../core/rational.js';

/** Binding strength, loosest first. A child is wrapped in parentheses when it binds looser than its slot needs. */
export const Prec = {
  cond: -4, // c ? a : b (right-associative)
  or: -3, // c or d
  and: -2, // c and d
  not: -1, // not c
  cmp: 0, // a < b, a == b
  add: 1, // a + b, a - b
  mul: 2, // a*b, a/b
  neg: 2, // -a: binds like a product (-x*y is the same number whichever way it is read)
  pow: 3, // a^b (right-associative; binds tighter than unary minus: -x^2 = -(x^2))
  postfix: 4, // x!, f'(x)
  atom: 5, // names, non-negative integers, calls, anything in brackets
} as const;

/** A printed subexpression and how tightly it binds. */
export interface Printed {
  readonly s: string;
  readonly p: number;
}

/**
 * One factor of a product as displayed. Numerator factors are nodes printed
 * as they are; denominator factors are `base^exp` with the exponent's sign
 * flipped to positive (exp = 1 means the base alone), so x*y^-2 shows as x/y^2.
 */
export type Factor =
  | { readonly kind: 'node'; readonly node: Expr }
  | { readonly kind: 'power'; readonly base: Expr; readonly exp: Rational };

/** A product laid out as sign, coefficient and factors over a denominator. */
export interface Product {
  readonly negative: boolean;
  readonly coefNum: bigint; // |numerator| of the numeric coefficient (1n when there is none)
  readonly coefDen: bigint; // denominator of the numeric coefficient (1n when there is none)
  readonly num: readonly Factor[];
  readonly den: readonly Factor[];
}

const isNegativePower = (e: Expr): e is Expr & { kind: 'pow'; exp: { kind: 'num' } } =>
  e.kind === 'pow' && e.exp.kind === 'num' && e.exp.value.p < 0n;

/**
 * Whether a node is shown as a signed fraction rather than by its own kind:
 * products, negative or fractional numbers, and powers with a negative numeric exponent.
 */
export const isProductLike = (e: Expr): boolean =>
  e.kind === 'mul' || (e.kind === 'num' && (e.value.p < 0n || e.value.q !== 1n)) || isNegativePower(e);

/**
 * Splits a node into sign, coefficient, numerator and denominator factors.
 * Factors with a negative numeric exponent go to the denominator; the
 * coefficient's denominator does too (2*x/3, never 0.666*x).
 */
export function splitProduct(e: Expr): Product {
  let coef: Rational = { p: 1n, q: 1n };
  const num: Factor[] = [];
  const den: Factor[] = [];
  const factors = e.kind === 'mul' ? e.args : [e];
  for (const f of factors) {
    if (f.kind === 'num') coef = f.value;
    else if (isNegativePower(f)) den.push({ kind: 'power', base: f.base, exp: { p: -f.exp.value.p, q: f.exp.value.q } });
    else num.push({ kind: 'node', node: f });
  }
  const negative = coef.p < 0n;
  return { negative, coefNum: negative ? -coef.p : coef.p, coefDen: coef.q, num, den };
}

/** The same product without its sign: what follows the minus of a subtraction. */
export const absProduct = (x: Product): Product => (x.negative ? { ...x, negative: false } : x);

/** Whether a term of a sum is shown with a minus sign (a negative coefficient). */
export function isNegativeTerm(e: Expr): boolean {
  if (e.kind === 'num') return e.value.p < 0n;
  if (e.kind === 'mul') {
    const c = e.args[0]!;
    return c.kind === 'num' && c.value.p < 0n;
  }
  return false;
}

/** Polynomial degree of a factor for display order; anything not a power of a variable counts as 1. */
function factorDegree(f: Expr): number {
  const atomDegree = (b: Expr): number => (b.kind === 'num' ? 0 : b.kind === 'sym' && CONSTANTS.has(b.name) ? 0 : 1);
  if (f.kind === 'pow' && f.exp.kind === 'num') return atomDegree(f.base) * (Number(f.exp.value.p) / Number(f.exp.value.q));
  return atomDegree(f);
}

/** Display degree of a term: x^2*y is 3, 2*x is 1, 1/x is -1, constants (numbers, pi, e) are 0. */
export function termDegree(e: Expr): number {
  const factors = e.kind === 'mul' ? e.args : [e];
  let d = 0;
  for (const f of factors) d += factorDegree(f);
  // Huge exponents overflow to Infinity (or NaN); clamp so sorting stays a total order.
  return Number.isNaN(d) ? 0 : Math.max(-1e300, Math.min(1e300, d));
}

/** How a printer orders the terms of a sum (see PrintOptions.order and .wrt). */
export interface TermOrder {
  readonly ascending: boolean;
  /** The sum it applies to (the printed root); every other sum is descending: (x - pi), not (-pi + x). */
  readonly root?: Expr;
  /** The display degree of a term. */
  readonly degree: (term: Expr) => number;
}

/** The default: descending degree in every variable, for every sum. */
export const DESCENDING: TermOrder = { ascending: false, degree: termDegree };

/**
 * The term order for printing `root`, from the options' own properties
 * `order` and `wrt` (checked). With `wrt`, a term's degree is its degree in
 * that variable alone (a*(x - a)^2 has degree 2 in x), found in one pass over
 * the graph. Only the root sum is ascending (a polynomial in x - pi whose
 * factor x - pi prints as usual).
 */
export function termOrder(root: Expr, options: { readonly order?: unknown; readonly wrt?: unknown } | undefined): TermOrder {
  const own = (k: 'order' | 'wrt'): unknown =>
    options !== undefined && options !== null && Object.prototype.hasOwnProperty.call(options, k) ? options[k] : undefined;
  const order = own('order');
  const wrt = own('wrt');
  if (order !== undefined && order !== 'descending' && order !== 'ascending') {
    throw new MathError(`the print option order must be 'descending' or 'ascending', got ${describeValue(order)}`);
  }
  if (wrt !== undefined && typeof wrt !== 'string') throw new MathError(`the print option wrt must be a variable name, got ${describeValue(wrt)}`);
  const ascending = order === 'ascending';
  if (!ascending) return DESCENDING; // wrt matters only to the ascending order
  if (wrt === undefined) return { ascending, degree: termDegree, root };
  const depends = new Set<number>();
  for (const n of postorder(root)) {
    if ((n.kind === 'sym' && n.name === wrt) || children(n).some((c) => depends.has(c.id))) depends.add(n.id);
  }
  const factor = (f: Expr): number => {
    if (f.kind === 'pow' && f.exp.kind === 'num') {
      return depends.has(f.base.id) ? Number(f.exp.value.p) / Number(f.exp.value.q) : 0;
    }
    return depends.has(f.id) ? 1 : 0;
  };
  const degree = (t: Expr): number => {
    let d = 0;
    for (const f of t.kind === 'mul' ? t.args : [t]) d += factor(f);
    return Number.isNaN(d) ? 0 : Math.max(-1e300, Math.min(1e300, d));
  };
  return { ascending, degree, root };
}

/** The order of the terms of the sum `e`: the option's at the root, descending below. */
export const orderOf = (e: Expr, order: TermOrder | undefined): TermOrder =>
  order !== undefined && (order.root === undefined || order.root === e) ? order : DESCENDING;

/**
 * The terms of a sum in the order a person writes them: by descending degree
 * (x^2 + 2*x + 1, constants last), ties in canonical order, and a positive
 * term first when there is one (x - y, not -y + x). Ascending order keeps the
 * degrees strictly in order, a leading minus included (-(x - pi) + (x - pi)^3/6).
 */
export function displayTerms(terms: readonly Expr[], order: TermOrder = DESCENDING): Expr[] {
  const keyed = terms.map((t, i) => ({ t, i, d: order.degree(t) }));
  if (order.ascending) keyed.sort((a, b) => a.d - b.d || a.i - b.i);
  else keyed.sort((a, b) => b.d - a.d || a.i - b.i);
  const out = keyed.map((k) => k.t);
  if (order.ascending) return out;
  const firstPositive = out.findIndex((t) => !isNegativeTerm(t));
  if (firstPositive > 0) out.unshift(...out.splice(firstPositive, 1));
  return out;
}

/** Wraps `x` with `open`/`close` when it binds looser than `min`. */
export const wrap = (x: Printed, min: number, open = '(', close = ')'): string =>
  x.p < min ? `${open}${x.s}${close}` : x.s;

/**
 * Joins strings with `+`, which V8 keeps as a rope. Array.join copies every
 * part into a flat string, which makes printing deep nests quadratic.
 */
export function concat(parts: readonly string[], sep: string): string {
  let s = parts.length > 0 ? parts[0]! : '';
  for (let i = 1; i < parts.length; i++) s += sep + parts[i]!;
  return s;
}

/** The comparisons' infix spellings in text (lt(a, b) is a < b). */
export const COMPARISONS: Readonly<Record<string, string>> = lookupTable({ lt: '<', le: '<=', eq: '==', ne: '!=' });
/** ... and with the sides swapped (lt(0, x) reads better as x > 0). */
export const SWAPPED: Readonly<Record<string, string>> = lookupTable({ lt: '>', le: '>=', eq: '==', ne: '!=' });

/** Whether a comparison reads better with its sides swapped: a number (or constant) first, a variable second. */
export const swapSides = (a: Expr, b: Expr): boolean => isConstant(a) && !isConstant(b);
const isConstant = (e: Expr): boolean => e.kind === 'num' || (e.kind === 'sym' && CONSTANTS.has(e.name)) || (e.kind === 'mul' && e.args.every(isConstant));

/** Exhaustiveness check for switches on node kind. */
export function unreachable(x: never): never {
  throw new Error(`unexpected node: ${JSON.stringify(x)}`);
}

/**
 * A sum as a person writes it: a positive term first, negative terms as `- t`.
 * Each printer passes its own lookup and its own product layout.
 */
export function sumLayout<T extends Printed>(
  terms: readonly Expr[],
  get: (e: Expr) => T,
  product: (x: Product) => Printed,
  order: TermOrder = DESCENDING,
): Printed {
  let s = '';
  displayTerms(terms, order).forEach((t, i) => {
    if (isNegativeTerm(t)) {
      const body = wrap(product(absProduct(splitProduct(t))), Prec.mul);
      s += i === 0 ? `-${body}` : ` - ${body}`;
    } else {
      const body = wrap(get(t), Prec.mul); // a term never needs brackets unless it is itself a sum
      s += i === 0 ? body : ` + ${body}`;
    }
  });
  return { s, p: Prec.add };
}

/**
 * Prints bottom-up over the distinct nodes of e (no recursion; a shared
 * subterm is printed once); `node` prints one node from its children's output.
 */
export function printBottomUp<T extends Printed>(e: Expr, node: (n: Expr, get: (c: Expr) => T) => T, meter?: Budget): T {
  const memo = new Map<number, T>();
  const get = (n: Expr): T => memo.get(n.id)!;
  for (const n of postorder(e)) {
    meter?.spend(1 + children(n).length);
    memo.set(n.id, node(n, get));
  }
  return get(e);
}
