// Plain-text printer: the formula as a person types it, with the fewest
// parentheses, and in a form the parser reads back to the identical node
// (parse(toText(e)) === e). The parser re-canonicalises, so display order is
// free: sums put a positive term first and go by descending degree (or, with
// the option `order: 'ascending'`, by ascending degree, as in a Taylor polynomial).
//
// Notation: x - y, a/b, -x^2, 2*x, 2*x/3, sqrt(x), cbrt(x), x^(3/2), 1/x^2,
// 2^(-x), exp(x), abs(x), factorial(n), f'(x), D(f, 1, 2)(x, y).
import type { Call, Expr } from '../core/expr.js';
import type { Rational } from '../core/rational.js';
import {
  printBottomUp,
  sumLayout,
  termOrder,
  orderOf,
  type TermOrder,
  Prec,
  concat,
  COMPARISONS,
  SWAPPED,
  swapSides,
  isProductLike,
  splitProduct,
  unreachable,
  wrap,
  type Factor,
  type Printed,
  type Product,
} from './precedence.js';
import { printBudget, printing } from './size.js';
import { decimalText, numberStyle, type NumberStyle, type PrintOptions } from './decimal.js';

type Lookup = (e: Expr) => Printed;

const atom = (s: string): Printed => ({ s, p: Prec.atom });

/**
 * The expression as text. With `{ numbers: 'decimal' }` coefficients print as
 * decimals (6.28318*x rather than 314159*x/50000); the text then need not parse
 * back to the identical node.
 */
export function toText(e: Expr, options?: PrintOptions): string {
  const meter = printBudget(e, options, 'toText');
  const style = numberStyle(options);
  const order = termOrder(e, options);
  return printing(e, 'toText', () => printBottomUp(e, (n, get) => printNode(n, get, style, order), meter).s);
}

function printNode(e: Expr, get: Lookup, style: NumberStyle = 'exact', order?: TermOrder): Printed {
  if (isProductLike(e)) return productText(splitProduct(e), get, style);
  switch (e.kind) {
    case 'num':
      return atom(e.value.p.toString()); // a non-negative integer; others are product-like
    case 'sym':
      return atom(e.name);
    case 'add':
      return sumLayout(e.args, get, (x) => productText(x, get, style), orderOf(e, order));
    case 'mul':
      return productText(splitProduct(e), get, style); // unreachable: products are product-like
    case 'pow':
      if (e.exp.kind === 'num') return powerText(get(e.base), e.exp.value);
      return { s: `${wrap(get(e.base), Prec.postfix)}^${wrap(get(e.exp), Prec.pow)}`, p: Prec.pow };
    case 'call':
      return callText(e, get);
    default:
      return unreachable(e);
  }
}

/** base^r for a positive rational r: sqrt and cbrt by name, fractional exponents in parentheses. */
function powerText(base: Printed, r: Rational): Printed {
  if (r.q === 1n && r.p === 1n) return base;
  if (r.p === 1n && r.q === 2n) return atom(`sqrt(${base.s})`);
  if (r.p === 1n && r.q === 3n) return atom(`cbrt(${base.s})`);
  const exp = r.q === 1n ? r.p.toString() : `(${r.p}/${r.q})`;
  return { s: `${wrap(base, Prec.postfix)}^${exp}`, p: Prec.pow };
}

const factorText = (f: Factor, get: Lookup): Printed =>
  f.kind === 'node' ? get(f.node) : powerText(get(f.base), f.exp);

function productText(x: Product, get: Lookup, style: NumberStyle): Printed {
  const top: Printed[] = [];
  const decimal = style === 'decimal' && x.coefDen !== 1n;
  if (decimal) top.push(atom(decimalText(x.coefNum, x.coefDen)));
  else if (x.coefNum !== 1n) top.push(atom(x.coefNum.toString()));
  for (const f of x.num) top.push(factorText(f, get));
  const bottom: Printed[] = [];
  if (x.coefDen !== 1n && !decimal) bottom.push(atom(x.coefDen.toString()));
  for (const f of x.den) bottom.push(factorText(f, get));

  let out = joinFactors(top);
  if (bottom.length > 0) {
    const b = joinFactors(bottom);
    // a/b*c would read as (a/b)*c, so a product below the bar is bracketed.
    out = { s: `${wrap(out, Prec.mul)}/${wrap(b, Prec.pow)}`, p: Prec.mul };
  }
  if (x.negative) out = { s: `-${wrap(out, Prec.mul)}`, p: Prec.neg };
  return out;
}

function joinFactors(fs: readonly Printed[]): Printed {
  if (fs.length === 0) return atom('1');
  if (fs.length === 1) return fs[0]!;
  return { s: concat(fs.map((f) => wrap(f, Prec.mul)), '*'), p: Prec.mul };
}

/** Conditions and conditionals in their operator spelling: x > 0, a and b, not c, c ? a : b. */
function logicText(e: Call, get: Lookup): Printed | undefined {
  if (e.derivs.length > 0) return undefined;
  const cmp = COMPARISONS[e.fn];
  if (cmp !== undefined) {
    const [a, b] = e.args as [Expr, Expr];
    const swap = swapSides(a, b);
    const op = swap ? SWAPPED[e.fn]! : cmp;
    const [l, r] = swap ? [b, a] : [a, b];
    return { s: `${wrap(get(l), Prec.add)} ${op} ${wrap(get(r), Prec.add)}`, p: Prec.cmp };
  }
  switch (e.fn) {
    case 'and':
    case 'or': {
      const p = e.fn === 'and' ? Prec.and : Prec.or;
      return { s: concat(e.args.map((a) => wrap(get(a), p === Prec.and ? Prec.not : Prec.and)), ` ${e.fn} `), p };
    }
    case 'not':
      return { s: `not ${wrap(get(e.args[0]!), Prec.not)}`, p: Prec.not };
    case 'piecewise': {
      // With an otherwise: c1 ? v1 : c2 ? v2 : w. Without one: piecewise(c1, v1, c2, v2), undefined elsewhere.
      if (e.args.length % 2 === 0) return undefined;
      let s = '';
      for (let i = 0; i + 1 < e.args.length; i += 2) s += `${wrap(get(e.args[i]!), Prec.or)} ? ${wrap(get(e.args[i + 1]!), Prec.or)} : `;
      return { s: s + wrap(get(e.args[e.args.length - 1]!), Prec.or), p: Prec.cond };
    }
  }
  return undefined;
}

function callText(e: Call, get: Lookup): Printed {
  const logic = logicText(e, get);
  if (logic !== undefined) return logic;
  const args = concat(e.args.map((a) => get(a).s), ', ');
  if (e.derivs.length === 0) return atom(`${e.fn}(${args})`);
  // Derivatives of undefined functions: primes for one argument, D(f, i, j)(...) (1-based) otherwise.
  if (e.args.length === 1) return atom(`${e.fn}${"'".repeat(e.derivs.length)}(${args})`);
  return atom(`D(${e.fn}, ${e.derivs.map((d) => d + 1).join(', ')})(${args})`);
}
