// LaTeX printer (math mode). The layout (signs, fractions, term order) comes
// from precedence.ts, as in the text printer; only the notation differs:
// \frac{..}{..}, \sqrt{..}, \sqrt[3]{..}, \sin\left(x\right), braces around
// every exponent and subscript, e^{x} for exp, \ln for the natural log.
//
// Products: juxtaposition with a space (2 x, x \sin\left(x\right)), and
// \cdot before a factor that starts with a digit (2 \cdot 3^{x}).
// Names: Greek letter names and Unicode Greek become commands (alpha, α ->
// \alpha; Gamma, Γ -> \Gamma); trailing digits and anything after `_` become a
// subscript (x1 and x_1 -> x_{1}, x_ab -> x_{ab}); other multi-letter names
// are \mathit{..} for variables and \operatorname{..} for functions.
import { lookupTable } from '../core/options.js';
import type { Call, Expr } from '../core/expr.js';
import type { Rational } from '../core/rational.js';
import { FUNCTIONS, spellingFor } from '../core/functions.js';
import { decimalText, numberStyle, type NumberStyle, type PrintOptions } from './decimal.js';
import { printBudget, printing } from './size.js';
import { fill, isTemplate } from './template.js';
import {
  printBottomUp,
  sumLayout,
  termOrder,
  orderOf,
  type TermOrder,
  Prec,
  concat,
  swapSides,
  isProductLike,
  splitProduct,
  unreachable,
  type Factor,
  type Printed,
  type Product,
} from './precedence.js';

/** A printed piece; `d` marks one that starts with a digit, so that a product puts \\cdot before it (2 \\cdot 3^{x}). */
type TeX = Printed & { readonly d?: boolean };
type Lookup = (e: Expr) => TeX;

const atom = (s: string): TeX => ({ s, p: Prec.atom });
const digits = (s: string): TeX => ({ s, p: Prec.atom, d: true });
const paren = (s: string): string => `\\left(${s}\\right)`;
const wrap = (x: TeX, min: number): string => (x.p < min ? paren(x.s) : x.s);

/** The expression in LaTeX; `{ numbers: 'decimal' }` prints coefficients as decimals. */
export function toLatex(e: Expr, options?: PrintOptions): string {
  const meter = printBudget(e, options, 'toLatex');
  const style = numberStyle(options);
  const order = termOrder(e, options);
  return printing(e, 'toLatex', () => printBottomUp<TeX>(e, (n, get) => printNode(n, get, style, order), meter).s);
}

function printNode(e: Expr, get: Lookup, style: NumberStyle = 'exact', order?: TermOrder): TeX {
  if (isProductLike(e)) return productLatex(splitProduct(e), get, style);
  switch (e.kind) {
    case 'num':
      return digits(e.value.p.toString());
    case 'sym':
      return atom(latexName(e.name, false));
    case 'add':
      return sumLayout(e.args, get, (x) => productLatex(x, get, style), orderOf(e, order));
    case 'mul':
      return productLatex(splitProduct(e), get, style);
    case 'pow': {
      if (e.exp.kind === 'num') return powerLatex(e.base, get(e.base), e.exp.value, get);
      return raise(get(e.base), get(e.exp).s);
    }
    case 'call':
      return callLatex(e, get);
    default:
      return unreachable(e);
  }
}


/** base^r for a positive rational r. `baseNode` lets sin(x)^2 print as \sin^{2}\left(x\right). */
function powerLatex(baseNode: Expr, base: TeX, r: Rational, get: Lookup): TeX {
  if (r.q === 1n && r.p === 1n) return base;
  if (r.p === 1n && r.q === 2n) return atom(`\\sqrt{${base.s}}`);
  if (r.p === 1n) return atom(`\\sqrt[${r.q}]{${base.s}}`);
  const exp = r.q === 1n ? `${r.p}` : `${r.p}/${r.q}`;
  if (r.q === 1n && baseNode.kind === 'call') {
    const op = operatorName(baseNode);
    if (op !== null) return { s: `${op}^{${exp}}${paren(callArgs(baseNode, get))}`, p: Prec.pow };
  }
  return raise(base, exp);
}

/** base^{exp}, bracketing the base unless it binds tighter than a power. */
const raise = (base: TeX, exp: string): TeX => ({
  s: `${wrap(base, Prec.postfix)}^{${exp}}`,
  p: Prec.pow,
  d: base.p >= Prec.postfix && base.d === true,
});

const factorLatex = (f: Factor, get: Lookup): TeX =>
  f.kind === 'node' ? get(f.node) : powerLatex(f.base, get(f.base), f.exp, get);

function productLatex(x: Product, get: Lookup, style: NumberStyle): TeX {
  const top: TeX[] = [];
  const decimal = style === 'decimal' && x.coefDen !== 1n;
  if (decimal) top.push(digits(decimalText(x.coefNum, x.coefDen)));
  else if (x.coefNum !== 1n) top.push(digits(x.coefNum.toString()));
  for (const f of x.num) top.push(factorLatex(f, get));
  const bottom: TeX[] = [];
  if (x.coefDen !== 1n && !decimal) bottom.push(digits(x.coefDen.toString()));
  for (const f of x.den) bottom.push(factorLatex(f, get));

  let out: TeX;
  if (bottom.length > 0) {
    // Inside \frac a lone sum needs no brackets: \frac{x + 1}{y}.
    const inner = (fs: TeX[]): string => (fs.length === 1 ? fs[0]!.s : juxtapose(fs).s);
    out = { s: `\\frac{${top.length === 0 ? '1' : inner(top)}}{${inner(bottom)}}`, p: Prec.mul };
  } else {
    out = top.length === 0 ? atom('1') : juxtapose(top);
  }
  if (x.negative) out = { s: `-${wrap(out, Prec.mul)}`, p: Prec.neg };
  return out;
}

function juxtapose(fs: readonly TeX[]): TeX {
  if (fs.length === 1) return fs[0]!;
  let s = '';
  fs.forEach((f, i) => {
    const t = wrap(f, Prec.mul);
    s += i === 0 ? t : f.p >= Prec.mul && f.d === true ? ` \\cdot ${t}` : ` ${t}`;
  });
  return { s, p: Prec.mul, d: fs[0]!.p >= Prec.mul && fs[0]!.d === true };
}

/** A known function's LaTeX spelling for its number of arguments (undefined for undefined functions). */
function spelling(e: Call): string | undefined {
  const info = e.derivs.length === 0 ? FUNCTIONS.get(e.fn) : undefined;
  return info && spellingFor(info.latex, e.args.length);
}

/** The operator command of a known function written name(args), or null (undefined functions, notation templates). */
function operatorName(e: Call): string | null {
  const s = spelling(e);
  return s === undefined || isTemplate(s) ? null : s;
}

const callArgs = (e: Call, get: Lookup): string => concat(e.args.map((a) => get(a).s), ', ');

const LATEX_CMP: Readonly<Record<string, readonly [string, string]>> = lookupTable({
  lt: ['<', '>'],
  le: ['\\le', '\\ge'],
  eq: ['=', '='],
  ne: ['\\ne', '\\ne'],
});

/** Conditions and piecewise values: x > 0, a \text{ and } b, \begin{cases} ... \end{cases}. */
function logicLatex(e: Call, get: Lookup): TeX | undefined {
  if (e.derivs.length > 0) return undefined;
  const cmp = LATEX_CMP[e.fn];
  if (cmp !== undefined) {
    const [a, b] = e.args as [Expr, Expr];
    const swap = swapSides(a, b);
    const [l, r] = swap ? [b, a] : [a, b];
    return { s: `${wrap(get(l), Prec.add)} ${cmp[swap ? 1 : 0]} ${wrap(get(r), Prec.add)}`, p: Prec.cmp };
  }
  switch (e.fn) {
    case 'and':
    case 'or':
      return { s: concat(e.args.map((a) => wrap(get(a), e.fn === 'and' ? Prec.not : Prec.and)), ` \\text{ ${e.fn} } `), p: e.fn === 'and' ? Prec.and : Prec.or };
    case 'not':
      return { s: `\\lnot ${wrap(get(e.args[0]!), Prec.not)}`, p: Prec.not };
    case 'piecewise': {
      const rows: string[] = [];
      for (let i = 0; i + 1 < e.args.length; i += 2) rows.push(`${get(e.args[i + 1]!).s} & \\text{if } ${get(e.args[i]!).s}`);
      if (e.args.length % 2 === 1) rows.push(`${get(e.args[e.args.length - 1]!).s} & \\text{otherwise}`);
      return { s: `\\begin{cases} ${rows.join(' \\\\ ')} \\end{cases}`, p: Prec.mul };
    }
  }
  return undefined;
}

function callLatex(e: Call, get: Lookup): TeX {
  const logic = logicLatex(e, get);
  if (logic !== undefined) return logic;
  const s = spelling(e);
  if (s === undefined) return e.derivs.length === 0 ? atom(`${latexName(e.fn, true)}${paren(callArgs(e, get))}`) : derivativeLatex(e, get);
  if (!isTemplate(s)) return atom(`${s}${paren(callArgs(e, get))}`);
  // A notation (e^{x}, |x|, x!): it starts with a digit when its first argument does (3!).
  const { s: out, p, leading } = fill(s, e.args.map(get), paren);
  return leading?.d === true ? { s: out, p, d: true } : { s: out, p };
}

/**
 * Derivatives of undefined functions: f'(x), f''(x), f'''(x), f^{(4)}(x) for one
 * argument; \frac{\partial^{2} f}{\partial x \partial y}(x, y) when the
 * arguments are distinct variables; \partial_{1,2} f(u, v) (1-based) otherwise.
 */
function derivativeLatex(e: Call, get: Lookup): TeX {
  const f = latexName(e.fn, true);
  const args = paren(callArgs(e, get));
  const n = e.derivs.length;
  if (e.args.length === 1) return atom(`${f}${n <= 3 ? "'".repeat(n) : `^{(${n})}`}${args}`);
  const names = e.args.map((a) => (a.kind === 'sym' ? a.name : null));
  if (names.every((x) => x !== null) && new Set(names).size === names.length) {
    const counts = new Map<number, number>();
    for (const d of e.derivs) counts.set(d, (counts.get(d) ?? 0) + 1);
    const below = [...counts]
      .map(([d, k]) => `\\partial ${get(e.args[d]!).s}${k > 1 ? `^{${k}}` : ''}`)
      .join(' \\, ');
    const order = n > 1 ? `^{${n}}` : '';
    return atom(`\\frac{\\partial${order} ${f}}{${below}}${args}`);
  }
  return atom(`\\partial_{${e.derivs.map((d) => d + 1).join(',')}} ${f}${args}`);
}

const GREEK = [
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu',
  'nu', 'xi', 'omicron', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
];
const GREEK_UNICODE = 'αβγδεζηθικλμνξοπρστυφχψω';
const GREEK_UPPER_UNICODE = 'ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ';
// Capitals that look like Latin letters have no command in LaTeX: they print
// upright (\mathrm{A}, the way Greek capitals are set), so that Alpha is not
// the variable A, which prints italic. Omicron likewise: \mathrm{o}, not o.
const LATIN_LOOKALIKE: ReadonlyMap<string, string> = new Map(
  Object.entries({ Alpha: 'A', Beta: 'B', Epsilon: 'E', Zeta: 'Z', Eta: 'H', Iota: 'I', Kappa: 'K', Mu: 'M', Nu: 'N', Omicron: 'O', Rho: 'P', Tau: 'T', Chi: 'X' }).map(
    ([g, l]) => [g, `\\mathrm{${l}}`],
  ),
);
const GREEK_LATEX = new Map<string, string>();
GREEK.forEach((g, i) => {
  const cmd = g === 'omicron' ? '\\mathrm{o}' : `\\${g}`;
  const upper = g[0]!.toUpperCase() + g.slice(1);
  const upperCmd = LATIN_LOOKALIKE.get(upper) ?? `\\${upper}`;
  GREEK_LATEX.set(g, cmd);
  GREEK_LATEX.set(GREEK_UNICODE[i]!, cmd);
  GREEK_LATEX.set(upper, upperCmd);
  GREEK_LATEX.set(GREEK_UPPER_UNICODE[i]!, upperCmd);
});
GREEK_LATEX.set('ς', '\\varsigma');
GREEK_LATEX.set('ϑ', '\\vartheta');
GREEK_LATEX.set('ϕ', '\\phi');
GREEK_LATEX.set('ϵ', '\\epsilon');

const escapeName = (s: string): string => s.replace(/[\\{}$&#%^~_]/g, (c) => (c === '\\' ? '\\backslash ' : `\\${c}`));

type Role = 'variable' | 'function' | 'subscript';

/** One name part, without subscripts: Greek to a command, one letter or a number as is, longer names in a font. */
function namePart(s: string, role: Role): string {
  const greek = GREEK_LATEX.get(s);
  if (greek !== undefined) return greek;
  if ([...s].length <= 1 || /^[0-9]+$/.test(s)) return escapeName(s);
  const font = role === 'function' ? 'operatorname' : role === 'subscript' ? 'mathrm' : 'mathit';
  return `\\${font}{${escapeName(s)}}`;
}

/** A variable or function name: x_1, x1 -> x_{1}; alpha -> \alpha; theta_max -> \theta_{\mathrm{max}}. */
export function latexName(name: string, asFunction: boolean): string {
  const head: Role = asFunction ? 'function' : 'variable';
  const parts = name.split('_');
  if (parts.some((p) => p === '')) return namePart(name, head); // _x, x__y: no subscript reading
  // Built from the innermost subscript outwards (x_a_b -> x_{a_{b}}); digits end only the last part.
  const last = parts.length - 1;
  let out = partWithDigits(parts[last]!, last === 0 ? head : 'subscript');
  for (let i = last - 1; i >= 0; i--) out = `${namePart(parts[i]!, i === 0 ? head : 'subscript')}_{${out}}`;
  return out;
}

function partWithDigits(s: string, role: Role): string {
  const m = /^(.*?[^0-9])([0-9]+)$/.exec(s);
  return m ? `${namePart(m[1]!, role)}_{${m[2]}}` : namePart(s, role);
}
