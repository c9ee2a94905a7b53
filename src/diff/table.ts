// The derivative table: one line per known function, in leibniz's own syntax.
// The head names the parameters, the right side gives the partial derivative
// with respect to each of them, as an expression in the parameters:
//   ['atan2(y, x)', ['x/(x^2 + y^2)', '-y/(x^2 + y^2)']]
// A variadic function (min, max) has one formula, d/du fn(u, v), and
// fn(a, b, c) is read as fn(a, fn(b, c)) (partials.ts chains the formula along
// that nesting). A variadic function whose every partial is one formula in its
// argument and its value (logsumexp) is written `fn(u...) = s`: d/du_i fn(...)
// is the formula with u := u_i and s := the call itself. A `null` partial means "not differentiable in this argument"
// (asking for it is a MathError).
//
// Adding a function: its entry in the registry (src/core/functions.ts) and
// one line here. The chain, product and power rules are not here: they live
// in src/diff/partials.ts.
// The table is parsed on first use, not at load, so the CLI starts fast.
//
// Choices that matter (real numbers throughout):
// - acoth: 1/(1 - u^2), the same formula as atanh (on |u| > 1; a popular JS
//   library gets the sign wrong). acot: -1/(1 + u^2).
// - asec, acsc, acsch have |u| in them: asec(u) = acos(1/u) increases on both
//   branches, so d/du asec(u) = 1/(|u| sqrt(u^2 - 1)) > 0 also for u < -1.
// - Non-differentiable points: abs and sign at 0, floor and ceil at integers
//   give 0 (abs' = sign(u), and sign(0) = 0). min(u, v) and max(u, v) at a
//   tie give 1/2 to each argument, the average of the one-sided derivatives
//   ((1 - sign(u - v))/2 with sign(0) = 0); with more arguments the halves
//   nest (min(a, min(b, c)) at a three-way tie: 1/2, 1/4, 1/4), so the
//   partials always add up to 1.
// - polygamma(n, u) is defined for integer orders n >= 0 only, so it has no
//   derivative in n (null: asking for it is a MathError). d/dx polygamma(n, x)
//   with n a number or a symbol other than x is fine: that partial is never asked for.
// - sqrt, cbrt and nthroot with an integer n have no line: the builders lower
//   them to powers (u^(1/2), u^(1/3), u^(1/n)), and the power rule handles them,
//   real for u < 0 where the root is (d/du cbrt(u) at -8 is 1/12).
import type { Expr } from '../core/expr.js';
import { FUNCTIONS } from '../core/functions.js';
import { MathError } from '../core/rational.js';
import { freeSymbols } from '../core/traverse.js';
import { cachedParse } from '../parse/cache.js';

type Source = readonly [head: string, partials: string | readonly (string | null)[]];

const SOURCE: readonly Source[] = [
  // trigonometric
  ['sin(u)', 'cos(u)'],
  ['cos(u)', '-sin(u)'],
  ['tan(u)', '1 + tan(u)^2'],
  ['sec(u)', 'sec(u)*tan(u)'],
  ['csc(u)', '-csc(u)*cot(u)'],
  ['cot(u)', '-1 - cot(u)^2'],
  ['asin(u)', '1/sqrt(1 - u^2)'],
  ['acos(u)', '-1/sqrt(1 - u^2)'],
  ['atan(u)', '1/(1 + u^2)'],
  ['asec(u)', '1/(|u|*sqrt(u^2 - 1))'],
  ['acsc(u)', '-1/(|u|*sqrt(u^2 - 1))'],
  ['acot(u)', '-1/(1 + u^2)'],
  ['atan2(y, x)', ['x/(x^2 + y^2)', '-y/(x^2 + y^2)']],
  // hyperbolic
  ['sinh(u)', 'cosh(u)'],
  ['cosh(u)', 'sinh(u)'],
  ['tanh(u)', '1 - tanh(u)^2'],
  ['sech(u)', '-sech(u)*tanh(u)'],
  ['csch(u)', '-csch(u)*coth(u)'],
  ['coth(u)', '1 - coth(u)^2'],
  ['asinh(u)', '1/sqrt(u^2 + 1)'],
  ['acosh(u)', '1/sqrt(u^2 - 1)'],
  ['atanh(u)', '1/(1 - u^2)'],
  ['asech(u)', '-1/(u*sqrt(1 - u^2))'],
  ['acsch(u)', '-1/(|u|*sqrt(1 + u^2))'],
  ['acoth(u)', '1/(1 - u^2)'],
  // exponential and logarithms; log(u, b) = log(u)/log(b), the base may be a variable
  ['exp(u)', 'exp(u)'],
  ['log(u)', '1/u'],
  ['log(u, b)', ['1/(u*log(b))', '-log(u)/(b*log(b)^2)']],
  ['log10(u)', '1/(u*log(10))'],
  ['log2(u)', '1/(u*log(2))'],
  // roots that stay calls: nthroot(u, n) with n not an integer constant
  ['nthroot(u, n)', ['nthroot(u, n)/(n*u)', '-nthroot(u, n)*log(|u|)/n^2']],
  // piecewise
  ['abs(u)', 'sign(u)'],
  ['sign(u)', '0'],
  ['floor(u)', '0'],
  ['ceil(u)', '0'],
  ['min(u, v...)', '(1 - sign(u - v))/2'],
  ['max(u, v...)', '(1 + sign(u - v))/2'],
  // conditions: constant (0) wherever they are decided; a value's jump at a seam
  // is its piecewise's affair (piecewise itself is differentiated piece by piece in piecewise.ts)
  ['lt(u, v)', ['0', '0']],
  ['le(u, v)', ['0', '0']],
  ['eq(u, v)', ['0', '0']],
  ['ne(u, v)', ['0', '0']],
  ['and(u, v...)', '0'],
  ['or(u, v...)', '0'],
  ['not(u)', '0'],
  // heaviside: 0 away from 0, undefined at its jump; relu: undefined at its kink
  ['heaviside(u)', 'piecewise(u != 0, 0)'],
  ['relu(u)', 'piecewise(u > 0, 1, u < 0, 0)'],
  // stable forms: logsumexp's partials are the softmax, exp(u_i - logsumexp(...))
  ['log1p(u)', '1/(1 + u)'],
  ['expm1(u)', 'exp(u)'],
  ['softplus(u)', 'sigmoid(u)'],
  ['sigmoid(u)', 'sigmoid(u)*sigmoid(-u)'],
  ['logsigmoid(u)', 'sigmoid(-u)'],
  ['logsumexp(u...) = s', 'exp(u - s)'],
  // special functions; polygamma(n, u) is the n-th derivative of digamma (n = 0, 1, 2, ...)
  ['erf(u)', '2/sqrt(pi)*exp(-u^2)'],
  ['gamma(u)', 'gamma(u)*digamma(u)'],
  ['digamma(u)', 'polygamma(1, u)'],
  ['polygamma(n, u)', [null, 'polygamma(n + 1, u)']],
  ['factorial(u)', 'factorial(u)*digamma(u + 1)'],
];

export interface TableEntry {
  readonly fn: string;
  /** Parameter names as written in the head, e.g. ['y', 'x'] for atan2. */
  readonly params: readonly string[];
  /** The partial derivative with respect to each parameter; null: not differentiable there. */
  readonly partials: readonly (Expr | null)[];
  /** Variadic: one partial, d/du fn(u, v) with params [u, v]; see partials.ts for more arguments. */
  readonly variadic: boolean;
  /** Variadic `fn(u...) = s`: params [u, s], the partial in each argument u and the value s. */
  readonly value?: boolean;
  /** The line as written, for messages. */
  readonly source: string;
}

const HEAD = /^([A-Za-z][A-Za-z0-9]*)\(([^()]*)\)(?:\s*=\s*([A-Za-z][A-Za-z0-9]*))?$/;

function load(src: Source): TableEntry {
  const [head, rhs] = src;
  const source = `${head}: ${Array.isArray(rhs) ? `[${rhs.map((r) => r ?? 'none').join(', ')}]` : rhs}`;
  const m = HEAD.exec(head);
  if (!m) throw new Error(`derivative table: bad head ${head}`);
  const fn = m[1]!;
  const raw = m[2]!.split(',').map((p) => p.trim());
  const value = m[3] !== undefined;
  if (value && !(raw.length === 1 && raw[0]!.endsWith('...'))) throw new Error(`derivative table: ${head}: a value name needs one argument u...`);
  const variadic = value || (raw.length === 2 && raw[1]!.endsWith('...'));
  const params = [...raw.map((p) => p.replace(/\.\.\.$/, '')), ...(value ? [m[3]!] : [])];
  const formulas = typeof rhs === 'string' ? [rhs] : rhs;
  if (formulas.length !== (variadic ? 1 : params.length)) {
    throw new Error(`derivative table: ${head} needs ${variadic ? 1 : params.length} partial(s)`);
  }
  const partials = formulas.map((f) => {
    if (f === null) return null;
    const e = cachedParse(f);
    const stray = freeSymbols(e).filter((s) => !params.includes(s));
    if (stray.length > 0) throw new Error(`derivative table: ${head} uses ${stray.join(', ')}, which is not a parameter`);
    return e;
  });
  return { fn, params, partials, variadic, value, source }; // value always own: a polluted prototype must not set it
}

/** Every formula of the table, as written (the build parses them into its cache). */
export const tableFormulas = (): string[] =>
  SOURCE.flatMap(([, rhs]) => (typeof rhs === 'string' ? [rhs] : rhs.filter((f): f is string => f !== null)));

let entries: Map<string, TableEntry> | undefined;

const key = (fn: string, arity: number | 'n'): string => `${fn}/${arity}`;

function table(): Map<string, TableEntry> {
  if (entries) return entries;
  const map = new Map<string, TableEntry>();
  for (const src of SOURCE) {
    const entry = load(src);
    map.set(key(entry.fn, entry.variadic ? 'n' : entry.params.length), entry);
  }
  entries = map;
  return map;
}

/** All entries, parsed (parses the table on first use). */
export function derivativeTable(): readonly TableEntry[] {
  return [...table().values()];
}

/** Functions differentiated by their structure rather than by a line here: piecewise (diff/piecewise.ts). */
export const STRUCTURAL: ReadonlySet<string> = new Set(['piecewise']);

/** The entry for a known function applied to `arity` arguments. */
export function tableEntry(fn: string, arity: number): TableEntry {
  const t = table();
  const info = FUNCTIONS.get(fn);
  const entry = t.get(key(fn, arity)) ?? (info && info.maxArgs === Infinity ? t.get(key(fn, 'n')) : undefined);
  if (!entry) throw new MathError(`no derivative rule for ${fn} with ${arity} argument${arity === 1 ? '' : 's'}`);
  return entry;
}
