// The function registry: what each known function IS, in one entry: its name
// and other spellings, arity, float value, exact values at exact arguments,
// JavaScript and LaTeX spelling, sign facts and the domain its tests sample.
// Every other part of leibniz reads these entries; the derivatives are the one
// exception, kept as the readable one-line-per-function page src/diff/table.ts.
// Any other name applied to arguments is an undefined function.
//
// Adding a function: one entry here, one line in src/diff/table.ts and, when
// Math has no such function, one helper in src/eval/runtime.ts (reached from
// generated code as L.<name>). test/registry.test.ts checks every part.
//
// Spellings (`js`, `latex`) are templates: a plain name is a call of all the
// arguments, name(a, b); `$0`, `$1` stand for the arguments (see
// print/template.ts); a record gives one spelling per number of arguments.
import * as rt from '../eval/runtime.js';
import * as logic from '../eval/logic.js';
import { digamma, erf, factorial, gamma, polygamma } from '../eval/special.js';
import { EVEN, GE1, INT, NEG, NONNEG, NONPOS, NONZERO, ODD, POS, type SignRule } from './facts.js';
import { isInteger, rat, ratCmp, type Rational } from './rational.js';

/** How a function is written in a target language, for each number of arguments it takes. */
export type Spelling = string | Readonly<Record<number, string>>;

/** Where a test samples one argument. */
export type Range =
  | { readonly real: readonly [min: number, max: number] }
  /** |u| in [min, max], either sign. */
  | { readonly away: readonly [min: number, max: number] }
  /** k + f for integers k in [min, max] and f in [0.1, 0.9]: away from the integers. */
  | { readonly offInteger: readonly [min: number, max: number] }
  | { readonly integer: readonly [min: number, max: number] }
  | { readonly oneOf: readonly Range[] };

/**
 * Points a test may sample for one arity: a range per argument (and a
 * condition they must meet together), or, for a variadic function, 2 to 4
 * distinct values in [-10, 10] (no ties, where min and max have no derivative).
 * Domains keep a margin from poles, branch points and jumps, so that a finite
 * difference is trustworthy there.
 */
export type Domain =
  | { readonly args: readonly Range[]; readonly where?: (xs: readonly number[]) => boolean }
  | { readonly variadic: 'distinct' };

export interface FunctionInfo {
  readonly name: string;
  /** Other names people write for it (ln for log, arcsin for asin). */
  readonly aliases: readonly string[];
  readonly minArgs: number;
  readonly maxArgs: number; // Infinity for variadic
  /** The float64 value with leibniz's real semantics (NaN outside the domain). evaluate calls this. */
  readonly float: (...args: number[]) => number;
  /** The exact value at exact arguments where it is rational (sin(0) = 0), else null. The builders fold it. */
  readonly exact?: (xs: readonly Rational[]) => Rational | null;
  /**
   * Exact arguments at which it has a pole (log(0), gamma(-1)): the builders refuse such a call, as they
   * refuse 1/0. (The circular functions' poles at multiples of pi follow from their values: core/circular.ts.)
   */
  readonly pole?: (xs: readonly Rational[]) => boolean;
  /** JavaScript over Math.* and the runtime L (src/eval/runtime.ts); must compute `float` exactly. */
  readonly js: Spelling;
  /** LaTeX: an operator command (\sin), applied as \sin\left(x\right), or a notation template (e^{$0}). */
  readonly latex: Spelling;
  /** Sign facts of the value from those of the arguments (core/facts.ts). */
  readonly sign: SignRule;
  /** Where tests sample it, one domain per arity that stays a call. */
  readonly test: readonly Domain[];
}

// ---------------------------------------------------------------------------
// Shorthands for the entries.

type Entry = Omit<FunctionInfo, 'name' | 'aliases' | 'minArgs' | 'maxArgs'> & {
  readonly aliases?: readonly string[];
  /** Number of arguments, or [min, max] (max Infinity: variadic). Default 1. */
  readonly arity?: number | readonly [number, number];
};

const real = (min: number, max: number): Range => ({ real: [min, max] });
const away = (min: number, max: number): Range => ({ away: [min, max] });
const offInteger = (min: number, max: number): Range => ({ offInteger: [min, max] });
const oneOf = (...rs: Range[]): Range => ({ oneOf: rs });
/** The domain of a function of one argument. */
const one = (r: Range): Domain[] => [{ args: [r] }];

const SIGN_BITS = POS | NEG | NONNEG | NONPOS | NONZERO;
/** No facts known. */
const none: SignRule = () => 0;
/** Odd and increasing through 0: the value has the sign of the argument. */
const keepsSign: SignRule = (a) => a & SIGN_BITS;
const always =
  (bits: number): SignRule =>
  () =>
    bits;

const zeroAtZero = ([x]: readonly Rational[]): Rational | null => (x!.p === 0n ? rat(0n) : null);
const oneAtZero = ([x]: readonly Rational[]): Rational | null => (x!.p === 0n ? rat(1n) : null);
const zeroAtOne = ([x]: readonly Rational[]): Rational | null => (x!.p === 1n && x!.q === 1n ? rat(0n) : null);
const atZero = ([x]: readonly Rational[]): boolean => x!.p === 0n;
const atPlusMinusOne = ([x]: readonly Rational[]): boolean => x!.q === 1n && (x!.p === 1n || x!.p === -1n);

function floorDiv(p: bigint, q: bigint): bigint {
  const d = p / q;
  return p % q !== 0n && p < 0n ? d - 1n : d;
}

function factorialBig(n: bigint): bigint {
  let r = 1n;
  for (let i = 2n; i <= n; i++) r *= i;
  return r;
}

/** gamma and factorial near their poles: x = 0, -1, -2, ... */
const poles = oneOf(real(0.05, 12), offInteger(-5, -1));

/** A comparison of two numbers, true where `holds` says of their exact difference's sign. */
const condition = (float: (a: number, b: number) => number, holds: (cmp: number) => boolean, js: string, latex: string): Entry => ({
  arity: 2,
  float: (a, b) => float(a!, b!),
  exact: ([a, b]) => rat(holds(ratCmp(a!, b!)) ? 1n : 0n),
  js,
  latex,
  sign: always(NONNEG | INT),
  test: [{ args: [real(-10, 10), real(-10, 10)], where: ([a, b]) => Math.abs(a! - b!) > 0.01 }],
});

/** and, or: any number of conditions. */
const connective = (float: (...xs: number[]) => number, exact: (xs: readonly Rational[]) => Rational | null, js: string, latex: string): Entry => ({
  arity: [1, Infinity],
  float,
  exact,
  js,
  latex,
  sign: always(NONNEG | INT),
  test: [{ variadic: 'distinct' }], // any non-zero number counts as true
});

// ---------------------------------------------------------------------------
// The entries.

const ENTRIES: Record<string, Entry> = {
  // trigonometric
  sin: { float: Math.sin, exact: zeroAtZero, js: 'Math.sin', latex: '\\sin', sign: none, test: one(real(-20, 20)) },
  cos: { float: Math.cos, exact: oneAtZero, js: 'Math.cos', latex: '\\cos', sign: none, test: one(real(-20, 20)) },
  tan: { float: Math.tan, exact: zeroAtZero, js: 'Math.tan', latex: '\\tan', sign: none, test: one(real(-1.4, 1.4)) },
  sec: { float: rt.sec, js: '1/Math.cos($0)', latex: '\\sec', sign: none, test: one(real(-1.4, 1.4)) },
  csc: { float: rt.csc, js: '1/Math.sin($0)', latex: '\\csc', sign: none, test: one(away(0.1, 3)) },
  cot: { float: rt.cot, js: 'L.cot', latex: '\\cot', sign: none, test: one(away(0.1, 3)) },
  asin: { float: Math.asin, exact: zeroAtZero, js: 'Math.asin', latex: '\\arcsin', sign: keepsSign, test: one(real(-0.95, 0.95)) },
  acos: { float: Math.acos, js: 'Math.acos', latex: '\\arccos', sign: always(NONNEG), test: one(real(-0.95, 0.95)) },
  atan: { float: Math.atan, exact: zeroAtZero, js: 'Math.atan', latex: '\\arctan', sign: keepsSign, test: one(real(-20, 20)) },
  asec: { float: rt.asec, js: 'Math.acos(1/$0)', latex: '\\operatorname{arcsec}', sign: always(NONNEG), test: one(away(1.05, 20)) },
  acsc: { float: rt.acsc, js: 'Math.asin(1/$0)', latex: '\\operatorname{arccsc}', sign: none, test: one(away(1.05, 20)) },
  acot: {
    float: rt.acot, // atan(1/x), and pi/2 at x = 0 whatever its sign
    js: 'L.acot',
    latex: '\\operatorname{arccot}',
    // Positive for x > 0 and never 0 under both conventions (atan(1/x), pi/2 - atan(x)).
    sign: (a) => (a & POS ? POS : NONZERO),
    test: one(away(0.05, 20)),
  },
  // hyperbolic
  sinh: { float: Math.sinh, exact: zeroAtZero, js: 'Math.sinh', latex: '\\sinh', sign: keepsSign, test: one(real(-10, 10)) },
  cosh: { float: Math.cosh, exact: oneAtZero, js: 'Math.cosh', latex: '\\cosh', sign: always(GE1), test: one(real(-10, 10)) },
  tanh: { float: Math.tanh, exact: zeroAtZero, js: 'Math.tanh', latex: '\\tanh', sign: keepsSign, test: one(real(-10, 10)) },
  sech: { float: rt.sech, js: '1/Math.cosh($0)', latex: '\\operatorname{sech}', sign: always(POS), test: one(real(-10, 10)) },
  csch: { float: rt.csch, pole: atZero, js: '1/Math.sinh($0)', latex: '\\operatorname{csch}', sign: keepsSign, test: one(away(0.05, 10)) },
  // 1/tanh, not cosh/sinh, which is Infinity/Infinity = NaN for |x| > 710.
  coth: { float: rt.coth, pole: atZero, js: '1/Math.tanh($0)', latex: '\\coth', sign: keepsSign, test: one(away(0.05, 10)) },
  asinh: { float: Math.asinh, exact: zeroAtZero, js: 'Math.asinh', latex: '\\operatorname{arsinh}', sign: keepsSign, test: one(real(-20, 20)) },
  acosh: { float: Math.acosh, js: 'Math.acosh', latex: '\\operatorname{arcosh}', sign: always(NONNEG), test: one(real(1.05, 20)) },
  atanh: { float: Math.atanh, exact: zeroAtZero, pole: atPlusMinusOne, js: 'Math.atanh', latex: '\\operatorname{artanh}', sign: keepsSign, test: one(real(-0.95, 0.95)) },
  asech: { float: rt.asech, pole: atZero, js: 'Math.acosh(1/$0)', latex: '\\operatorname{arsech}', sign: always(NONNEG), test: one(real(0.05, 0.95)) },
  acsch: { float: rt.acsch, pole: atZero, js: 'Math.asinh(1/$0)', latex: '\\operatorname{arcsch}', sign: keepsSign, test: one(away(0.05, 20)) },
  acoth: { float: rt.acoth, pole: atPlusMinusOne, js: 'Math.atanh(1/$0)', latex: '\\operatorname{arcoth}', sign: keepsSign, test: one(away(1.05, 20)) },
  // exponential and logarithms; log(x) is natural, log(x, b) base b
  exp: { float: Math.exp, exact: oneAtZero, js: 'Math.exp', latex: 'e^{$0}', sign: (a) => (a & NONNEG ? GE1 : POS), test: one(real(-20, 20)) },
  log: {
    arity: [1, 2],
    aliases: ['ln'],
    float: (x, b) => rt.log(x!, b),
    // log(1, b) = 0 for a base b > 0 other than 1 (log(1, 1) is 0/0).
    pole: atZero,
    exact: ([x, b]) => (x!.p === 1n && x!.q === 1n && (b === undefined || (b.p > 0n && !(b.p === 1n && b.q === 1n))) ? rat(0n) : null),
    js: { 1: 'Math.log', 2: 'L.log' },
    latex: { 1: '\\ln', 2: '\\log_{$1}\\left($0\\right)' },
    // log of a value >= 1 is >= 0 (with a base: no facts).
    sign: (a, all) => (all.length === 1 && a & GE1 ? NONNEG : 0),
    test: [{ args: [real(0.01, 100)] }, { args: [real(0.01, 100), oneOf(real(0.1, 0.9), real(1.1, 20))] }],
  },
  log10: { float: Math.log10, exact: zeroAtOne, pole: atZero, js: 'Math.log10', latex: '\\log_{10}', sign: (a) => (a & GE1 ? NONNEG : 0), test: one(real(0.01, 100)) },
  log2: { float: Math.log2, exact: zeroAtOne, pole: atZero, js: 'Math.log2', latex: '\\log_{2}', sign: (a) => (a & GE1 ? NONNEG : 0), test: one(real(0.01, 100)) },
  // stable forms for machine learning: exact identities, accurate where the naive forms overflow or cancel
  log1p: { float: Math.log1p, exact: zeroAtZero, pole: ([x]) => x!.q === 1n && x!.p === -1n, js: 'Math.log1p', latex: '\\operatorname{log1p}', sign: keepsSign, test: one(real(-0.9, 20)) },
  expm1: { float: Math.expm1, exact: zeroAtZero, js: 'Math.expm1', latex: '\\operatorname{expm1}', sign: keepsSign, test: one(real(-20, 20)) },
  softplus: { float: rt.softplus, js: 'L.softplus', latex: '\\operatorname{softplus}', sign: always(POS), test: one(real(-30, 30)) },
  sigmoid: {
    float: rt.sigmoid,
    exact: ([x]) => (x!.p === 0n ? rat(1n, 2n) : null),
    js: 'L.sigmoid',
    latex: '\\operatorname{sigmoid}',
    sign: always(POS), // and < 1
    test: one(real(-30, 30)),
  },
  logsigmoid: { float: rt.logsigmoid, js: 'L.logsigmoid', latex: '\\operatorname{logsigmoid}', sign: always(NEG), test: one(real(-30, 30)) },
  logsumexp: {
    arity: [1, Infinity],
    float: rt.logsumexp,
    exact: (xs) => (xs.length === 1 ? xs[0]! : null),
    js: 'L.logsumexp',
    latex: '\\operatorname{logsumexp}',
    // logsumexp(u) = u; with more arguments it exceeds each of them.
    sign: (a, all) => (all.length === 1 ? a & SIGN_BITS : all.some((k) => k & NONNEG) ? POS : 0),
    test: [{ variadic: 'distinct' }],
  },
  // roots: the builders lower sqrt, cbrt and nthroot with an integer index to powers
  sqrt: { float: Math.sqrt, js: 'Math.sqrt', latex: '\\sqrt{$0}', sign: none, test: one(real(0, 50)) },
  cbrt: { float: Math.cbrt, js: 'Math.cbrt', latex: '\\sqrt[3]{$0}', sign: none, test: one(real(-50, 50)) },
  nthroot: {
    arity: 2, // nthroot(x, n): real odd roots of negatives; the index resolved at run time
    float: (x, n) => rt.nthroot(x!, n!),
    js: 'L.nthroot',
    latex: '\\sqrt[$1]{$0}',
    sign: none,
    test: [{ args: [real(0.05, 50), real(0.3, 7)] }],
  },
  // piecewise
  abs: {
    float: Math.abs,
    exact: ([x]) => (x!.p < 0n ? rat(-x!.p, x!.q) : x!),
    js: 'Math.abs',
    latex: '\\left|$0\\right|',
    sign: (a) => (a & NONZERO ? POS : NONNEG) | (a & INT ? INT : 0) | (a & EVEN ? EVEN : 0) | (a & ODD ? ODD : 0),
    test: one(away(0.01, 20)),
  },
  sign: {
    float: rt.sign,
    exact: ([x]) => rat(x!.p < 0n ? -1n : x!.p > 0n ? 1n : 0n),
    js: 'L.sign', // sign(-0) = 0, as evaluate says (Math.sign(-0) is -0)
    latex: '\\operatorname{sgn}',
    sign: (a) => {
      let b = INT | (a & POS ? POS | ODD : a & NEG ? NEG | ODD : a & NONZERO ? ODD : 0);
      if (a & NONNEG) b |= NONNEG;
      if (a & NONPOS) b |= NONPOS;
      return b;
    },
    test: one(away(0.01, 20)),
  },
  min: {
    arity: [1, Infinity],
    float: Math.min,
    exact: (xs) => xs.reduce((a, b) => (ratCmp(a, b) <= 0 ? a : b)),
    js: 'Math.min',
    latex: '\\min',
    sign: (_, all) => all.reduce((acc, k) => acc & k, POS | NONNEG | NEG | NONPOS | NONZERO | INT | GE1),
    test: [{ variadic: 'distinct' }],
  },
  max: {
    arity: [1, Infinity],
    float: Math.max,
    exact: (xs) => xs.reduce((a, b) => (ratCmp(a, b) >= 0 ? a : b)),
    js: 'Math.max',
    latex: '\\max',
    sign: (_, all) => all.reduce((acc, k) => acc & k, POS | NONNEG | NEG | NONPOS | NONZERO | INT | GE1),
    test: [{ variadic: 'distinct' }],
  },
  atan2: {
    arity: 2,
    aliases: ['arctan2'],
    float: Math.atan2,
    js: 'Math.atan2',
    latex: '\\operatorname{atan2}',
    sign: none,
    // away from the origin and from the branch cut along the negative x axis
    test: [{ args: [real(-5, 5), real(-5, 5)], where: ([y, x]) => Math.hypot(x!, y!) > 0.2 && !(x! < 0 && Math.abs(y!) < 0.05) }],
  },
  floor: {
    float: Math.floor,
    exact: ([x]) => rat(floorDiv(x!.p, x!.q)),
    js: 'Math.floor',
    latex: '\\left\\lfloor $0\\right\\rfloor',
    sign: (a) => INT | (a & GE1 ? GE1 : 0) | (a & NONNEG ? NONNEG : 0),
    test: one(offInteger(-10, 10)),
  },
  ceil: {
    float: Math.ceil,
    exact: ([x]) => rat(-floorDiv(-x!.p, x!.q)),
    js: 'Math.ceil',
    latex: '\\left\\lceil $0\\right\\rceil',
    sign: (a) => INT | (a & POS ? GE1 : 0) | (a & NONPOS ? NONPOS : 0),
    test: one(offInteger(-10, 10)),
  },
  // conditions (1 true, 0 false, NaN undefined: eval/logic.ts) and piecewise values;
  // the parser writes a > b as lt(b, a), c ? a : b as piecewise(c, a, b)
  lt: condition(logic.lt, (c) => c < 0, 'L.lt', '$0 < $1'),
  le: condition(logic.le, (c) => c <= 0, 'L.le', '$0 \\le $1'),
  eq: condition(logic.eq, (c) => c === 0, 'L.eq', '$0 = $1'),
  ne: condition(logic.ne, (c) => c !== 0, 'L.ne', '$0 \\ne $1'),
  and: connective(logic.and, (xs) => (xs.some((x) => x.p === 0n) ? rat(0n) : null), 'L.and', '$0 \\land $1'),
  or: connective(logic.or, (xs) => (xs.some((x) => x.p !== 0n) ? rat(1n) : null), 'L.or', '$0 \\lor $1'),
  not: {
    float: logic.not,
    exact: ([x]) => rat(x!.p === 0n ? 1n : 0n),
    js: 'L.not',
    latex: '\\lnot $0',
    sign: always(NONNEG | INT),
    test: one(away(0.5, 5)), // any non-zero number counts as true
  },
  piecewise: {
    // piecewise(c1, v1, c2, v2, ..., otherwise): compiled to conditionals (print/target.ts), never eagerly
    arity: [2, Infinity],
    float: logic.piecewise,
    js: 'L.piecewise',
    latex: '\\begin{cases}$1 & $0\\end{cases}', // print/latex.ts writes every case
    // The facts every value shares (the conditions are skipped).
    sign: (_, all) => {
      let b = POS | NONNEG | NEG | NONPOS | NONZERO | INT | GE1 | EVEN | ODD;
      all.forEach((k, i) => {
        if (i % 2 === 1 || i === all.length - 1) b &= k;
      });
      return b;
    },
    test: [{ variadic: 'distinct' }], // any non-zero number counts as true
  },
  heaviside: {
    float: logic.heaviside, // 1/2 at 0
    exact: ([x]) => (x!.p > 0n ? rat(1n) : x!.p < 0n ? rat(0n) : rat(1n, 2n)),
    js: 'L.heaviside',
    latex: '\\theta',
    sign: (a) => (a & POS ? GE1 | INT : a & NEG ? NONNEG | INT : NONNEG),
    test: one(away(0.01, 20)),
  },
  relu: {
    float: logic.relu,
    exact: ([x]) => (x!.p > 0n ? x! : rat(0n)),
    js: 'L.relu',
    latex: '\\operatorname{relu}',
    sign: (a) => (a & POS ? POS : NONNEG) | (a & GE1 ? GE1 : 0) | (a & INT ? INT : 0),
    test: one(away(0.01, 20)),
  },
  // special functions
  erf: { float: erf, exact: zeroAtZero, js: 'L.erf', latex: '\\operatorname{erf}', sign: keepsSign, test: one(real(-4, 4)) },
  gamma: {
    float: gamma,
    exact: ([x]) => (isInteger(x!) && x!.p >= 1n && x!.p <= 171n ? rat(factorialBig(x!.p - 1n)) : null),
    pole: ([x]) => isInteger(x!) && x!.p <= 0n,
    js: 'L.gamma',
    latex: '\\Gamma',
    sign: none,
    test: one(poles),
  },
  digamma: { float: digamma, pole: ([x]) => isInteger(x!) && x!.p <= 0n, js: 'L.digamma', latex: '\\psi', sign: none, test: one(poles) },
  polygamma: {
    arity: 2, // polygamma(n, x): the n-th derivative of digamma, n = 0, 1, 2, ...
    float: polygamma,
    js: 'L.polygamma',
    latex: '\\psi^{($0)}\\left($1\\right)',
    sign: none,
    // the order n is an integer (no derivative in n: that partial must be refused)
    test: [{ args: [{ integer: [0, 6] }, poles] }],
  },
  factorial: {
    aliases: ['fact'],
    float: factorial,
    exact: ([x]) => (isInteger(x!) && x!.p >= 0n && x!.p <= 170n ? rat(factorialBig(x!.p)) : null),
    pole: ([x]) => isInteger(x!) && x!.p < 0n,
    js: 'L.factorial',
    latex: '$0!',
    // Defined for integers >= 0 only as n!, which is >= 1.
    sign: (a) => (a & INT && a & NONNEG ? GE1 | INT : 0),
    test: one(oneOf(real(-0.95, 11), offInteger(-5, -2))),
  },
};

// Generated aliases: arcsin -> asin, arcsinh and arsinh -> asinh, ...
for (const n of ['sin', 'cos', 'tan', 'sec', 'csc', 'cot']) ENTRIES[`a${n}`] = { ...ENTRIES[`a${n}`]!, aliases: [`arc${n}`] };
for (const n of ['sinh', 'cosh', 'tanh', 'sech', 'csch', 'coth']) ENTRIES[`a${n}`] = { ...ENTRIES[`a${n}`]!, aliases: [`arc${n}`, `ar${n}`] };

function info(name: string, e: Entry): FunctionInfo {
  const [minArgs, maxArgs] = typeof e.arity === 'number' ? [e.arity, e.arity] : (e.arity ?? [1, 1]);
  const { arity: _, ...rest } = e;
  return Object.freeze({ ...rest, name, aliases: e.aliases ?? [], minArgs, maxArgs });
}

/** Every known function, by its canonical name. */
export const FUNCTIONS: ReadonlyMap<string, FunctionInfo> = new Map(Object.entries(ENTRIES).map(([n, e]) => [n, info(n, e)]));

/** Other spellings people use, mapped to the canonical name. */
export const ALIASES: ReadonlyMap<string, string> = new Map(
  [...FUNCTIONS.values()].flatMap((f) => f.aliases.map((a): [string, string] => [a, f.name])),
);

/** A function's spelling for `arity` arguments, or undefined when it has none for that arity. */
export function spellingFor(s: Spelling, arity: number): string | undefined {
  return typeof s === 'string' ? s : Object.hasOwn(s, arity) ? s[arity] : undefined;
}
