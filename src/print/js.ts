// JavaScript printer: an expression over Math.* that computes what evaluate()
// computes, with real-number semantics. Functions Math lacks are called on a
// runtime object named `L` (src/eval/runtime.ts), the same helpers evaluate
// uses; each function's spelling is its registry entry's (core/functions.ts).
// Powers use L.rpow(x, p, q), the real x^(p/q) (odd roots of negatives are real). The layout (signs, fractions, term order) is the text printer's,
// so the output reads like the formula: x - 2*y/3, 1/Math.sqrt(x).
import { arg, expectExpr } from '../core/check-args.js';
import { intern } from '../core/build.js';
import { describeValue, ownOptions } from '../core/options.js';
import type { Call, Expr } from '../core/expr.js';
import { MathError, ratToNumber, type Rational } from '../core/rational.js';
import { JS } from './target.js';
import {
  Prec,
  printBottomUp,
  sumLayout,
  concat,
  isProductLike,
  splitProduct,
  unreachable,
  type Factor,
  type Printed,
  type Product,
} from './precedence.js';

export interface JSOptions {
  /** The JavaScript name of a variable (default: its own name). */
  readonly name?: (symbol: string) => string;
}

type Lookup = (e: Expr) => Printed;

// Binding strengths: the one table of all printers (unary minus is a prefix on a product, so it ranks with it).
const P = Prec;
const atom = (s: string): Printed => ({ s, p: P.atom });
const wrap = (x: Printed, min: number): string => (x.p < min ? `(${x.s})` : x.s);

export function toJS(e: Expr, options?: JSOptions): string {
  const given = ownOptions(options, 'toJS').name;
  if (given !== undefined && typeof given !== 'function') throw new MathError(`toJS: the name option must be a function, got ${describeValue(given)}`);
  const name = given ?? ((s: string) => s);
  return printBottomUp(intern(expectExpr(e, 'toJS', arg(1, 'e'))), (n, get) => printNode(n, get, name)).s;
}

/** A number literal; exact integers and small fractions as written, others as the nearest double. */
function numberLiteral(x: bigint): Printed {
  const v = Number(x);
  return atom(Number.isFinite(v) ? String(v) : 'Infinity');
}

const SAFE = 2n ** 53n;
const isSafe = (x: bigint): boolean => x <= SAFE && x >= -SAFE;

function printNode(e: Expr, get: Lookup, name: (s: string) => string): Printed {
  if (isProductLike(e)) return productJS(splitProduct(e), get);
  switch (e.kind) {
    case 'num':
      return numberLiteral(e.value.p);
    case 'sym':
      if (e.name === 'pi' || e.name === 'e') return atom(JS.constant(e.name));
      return atom(name(e.name));
    case 'add':
      return sumJS(e.args, get);
    case 'mul':
      return productJS(splitProduct(e), get);
    case 'pow':
      if (e.exp.kind === 'num') return powerJS(get(e.base), e.exp.value);
      return atom(JS.pow(get(e.base).s, get(e.exp).s));
    case 'call':
      return callJS(e, get);
    default:
      return unreachable(e);
  }
}

const sumJS = (terms: readonly Expr[], get: Lookup): Printed => sumLayout(terms, get, (x) => productJS(x, get));

/** base^r for a positive rational r, with the real odd root of a negative base. */
function powerJS(base: Printed, r: Rational): Printed {
  const b = base.s;
  if (r.q === 1n && r.p === 1n) return base;
  if (!isSafe(r.p) || !isSafe(r.q)) {
    // Beyond 2^53 the exponent is not exact as a double (and rpow cannot take it): the magnitude
    // from Math.pow, the sign from the exact parities, as evaluate does. The arrow binds the base
    // once so that it is not printed twice.
    const f = String(ratToNumber(r));
    if (r.q % 2n === 0n) return atom(`((u) => (u < 0 ? NaN : Math.pow(u, ${f})))(${b})`);
    if (r.p % 2n === 0n) return atom(JS.pow(JS.abs(b), f));
    return atom(`((u) => (u < 0 ? -1 : 1)*Math.pow(Math.abs(u), ${f}))(${b})`);
  }
  if (r.q === 1n) return atom(JS.pow(b, String(r.p)));
  if (r.p === 1n && r.q === 2n) return atom(JS.sqrt(b));
  if (r.p === 1n && r.q === 3n) return atom(JS.cbrt(b));
  // The runtime's real power, as evaluate uses: Math.pow(x, p/q) is NaN for x < 0 even when q is odd.
  return atom(JS.rpow(b, r.p, r.q));
}

const factorJS = (f: Factor, get: Lookup): Printed => (f.kind === 'node' ? get(f.node) : powerJS(get(f.base), f.exp));

function productJS(x: Product, get: Lookup): Printed {
  const top: Printed[] = [];
  const bottom: Printed[] = [];
  if (isSafe(x.coefNum) && isSafe(x.coefDen)) {
    if (x.coefNum !== 1n) top.push(numberLiteral(x.coefNum));
    if (x.coefDen !== 1n) bottom.push(numberLiteral(x.coefDen));
  } else {
    // Beyond 2^53 the quotient of two rounded doubles drifts (or is Infinity/Infinity); use the nearest double.
    top.push(atom(String(ratToNumber({ p: x.coefNum, q: x.coefDen }))));
  }
  for (const f of x.num) top.push(factorJS(f, get));
  for (const f of x.den) bottom.push(factorJS(f, get));

  let out = joinFactors(top);
  if (bottom.length > 0) out = { s: `${wrap(out, P.mul)}/${wrap(joinFactors(bottom), P.atom)}`, p: P.mul };
  if (x.negative) out = { s: `-${wrap(out, P.mul)}`, p: P.neg };
  return out;
}

function joinFactors(fs: readonly Printed[]): Printed {
  if (fs.length === 0) return atom('1');
  if (fs.length === 1) return fs[0]!;
  return { s: concat(fs.map((f) => wrap(f, P.mul)), '*'), p: P.mul };
}

function callJS(e: Call, get: Lookup): Printed {
  if (e.derivs.length > 0) {
    throw new MathError(`cannot evaluate a derivative of the undefined function ${e.fn}: give it a definition or differentiate a known function`);
  }
  if (e.fn === 'piecewise') return JS.piecewise(e.args.map(get), (c) => c);
  return JS.call(e.fn, e.args.map(get));
}
