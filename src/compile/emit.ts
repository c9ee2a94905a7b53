// Node-level code generation over the shared graph. A program is straight-line
// code: a prelude run once when the function is made (subterms that depend on
// no variable), and a body run per call. Each node used more than once becomes
// one `const`; a node used once is written inline into its parent. The only
// text that reaches the code is our own: parameter names v0, v1..., temporaries
// t0, c0, a0..., number literals printed from exact rationals, and the fixed
// names of known functions. How each is spelled is the target's (print/target.ts).
import type { Call, Expr, Pow } from '../core/expr.js';
import { MathError, ratToNumber, type Rational } from '../core/rational.js';
import { children, postorderUntil } from '../core/traverse.js';
import { FUNCTIONS } from '../core/functions.js';
import { JS } from '../print/target.js';
import { Prec } from '../print/precedence.js';
import type { Budget } from '../core/budget.js';

// Binding strengths: the printers' one table (print/precedence.ts); code uses sums, products (also unary minus, division) and atoms.
const { add: ADD, mul: MUL, atom: ATOM } = Prec;

/** A piece of code; `abs` is set when the code is `-abs`, so a sum can write `a - abs`. */
export interface Code {
  readonly s: string;
  readonly p: number;
  readonly abs?: string;
}

export interface Program {
  /** Variable name -> parameter name (v0, v1, ...). */
  readonly params: ReadonlyMap<string, string>;
  /** Statements run once, when the function is made: subterms that depend on no variable. */
  readonly prelude: string[];
  /** Statements run per call. */
  readonly body: string[];
  /** Code of the nodes that already have a name (t*, c*), by node id. */
  readonly named: Map<number, Code>;
  /** Whether a node depends on no variable, by node id. */
  readonly constant: Map<number, boolean>;
  readonly counters: { t: number; c: number; a: number };
  /** Helper consts (squares for powers) by their code, so the same square is computed once. */
  readonly helpers: Map<string, string>;
  /** Powers exactly as evaluate computes them (Math.pow, L.rpow), not as x*x*x or Math.sqrt. */
  readonly exact: boolean;
  /** The call's budget: a step per node emitted (and per node of a backward sweep). */
  readonly meter: Budget;
}

export function newProgram(params: ReadonlyMap<string, string>, meter: Budget, exact = false): Program {
  return { params, prelude: [], body: [], named: new Map(), constant: new Map(), counters: { t: 0, c: 0, a: 0 }, helpers: new Map(), exact, meter };
}

/** Inline code nested deeper than this gets a name, so the JS parser never recurses deeply. */
const MAX_INLINE_DEPTH = 32;
/** Integer powers up to this are written as products: x^3 -> x*x*x. */
const MAX_PRODUCT_POWER = 4;
/** Larger ones up to this by repeated squaring, with consts: x^12 -> t0 = x*x, t1 = t0*t0, t1*t1*t1... */
const MAX_SQUARING_POWER = 64;

export const atom = (s: string): Code => ({ s, p: ATOM });
export const wrap = (c: Code, min: number): string => (c.p < min ? `(${c.s})` : c.s);

/**
 * A number literal from an exact rational, the double evaluate uses (ratToNumber:
 * the nearest double); Infinity when it overflows.
 * String(number) only ever yields digits, '.', 'e', signs: never text from the input.
 */
export function numberCode(r: Rational): Code {
  const v = ratToNumber(r);
  if (!Number.isFinite(v)) return v > 0 ? atom(JS.infinity) : { s: `-${JS.infinity}`, p: MUL, abs: JS.infinity };
  if (v < 0) return { s: String(v), p: MUL, abs: String(-v) };
  return atom(String(v));
}

export function symCode(prog: Program, name: string): Code {
  const param = prog.params.get(name);
  if (param !== undefined) return atom(param);
  if (name === 'pi' || name === 'e') return atom(JS.constant(name));
  throw new MathError(`the expression uses ${JSON.stringify(name)}, which is not among the variables`);
}

const isLeaf = (e: Expr): boolean => e.kind === 'num' || e.kind === 'sym';

/** The integer n of a power x^n written with multiplications (|n| in 2..64), else 0. */
function productPower(e: Pow, exact: boolean): number {
  if (exact || e.exp.kind !== 'num' || e.exp.value.q !== 1n) return 0;
  const n = Number(e.exp.value.p);
  return Math.abs(n) <= MAX_SQUARING_POWER && Math.abs(n) >= 2 ? n : 0;
}

/** How often each child's code appears in the code of `e` (x^3 -> x*x*x uses x three times). */
function childUses(e: Expr, exact: boolean): Array<[Expr, number]> {
  if (e.kind === 'pow') {
    const n = productPower(e, exact);
    if (n !== 0) return [[e.base, Math.min(Math.abs(n), MAX_PRODUCT_POWER)]];
    if (e.exp.kind === 'num' && isHugeRational(e.exp.value)) return [[e.base, 2]];
  }
  return children(e).map((c) => [c, 1]);
}

function isConstant(prog: Program, e: Expr): boolean {
  const known = prog.constant.get(e.id);
  if (known !== undefined) return known;
  let c: boolean;
  if (e.kind === 'num') c = true;
  else if (e.kind === 'sym') c = !prog.params.has(e.name);
  else c = children(e).every((k) => prog.constant.get(k.id)!);
  prog.constant.set(e.id, c);
  return c;
}

/** A fresh temporary name: t* in the body, c* in the prelude, a* for adjoints. */
export function fresh(prog: Program, kind: 't' | 'c' | 'a'): string {
  return `${kind}${prog.counters[kind]++}`;
}

/**
 * The nodes reachable from `roots` without passing through a node that already
 * has a name, children first, each once. Like core's postorder, but it stops at
 * named nodes: a backward sweep asks for many small partials over a big named
 * graph, and must not walk that graph each time.
 */
const unnamedPostorder = (prog: Program, roots: readonly Expr[]): Expr[] => postorderUntil(roots, (n) => prog.named.has(n.id));

/**
 * Emits code for `roots` and returns the code of each. Nodes already named are
 * referred to by name; new nodes used more than once (within this call) get a
 * `const`. With `nameAll`, every new non-leaf node gets a `const` (a forward
 * sweep whose values the backward sweep reads).
 */
export function emit(prog: Program, roots: readonly Expr[], nameAll = false): Code[] {
  const nodes = unnamedPostorder(prog, roots);
  prog.meter.spend(nodes.length);
  for (const n of nodes) isConstant(prog, n);
  // Nodes needed only by a piece of a conditional are computed inside its branch (not with nameAll:
  // a backward sweep reads every forward value).
  const lazy = nameAll ? undefined : branchOnly(prog, roots, nodes);
  const uses = new Map<number, number>();
  const hoist = new Set<number>(); // constant nodes read by variable code: computed once, in the prelude
  for (const n of nodes) {
    const nConst = isConstant(prog, n);
    for (const [c, k] of childUses(n, prog.exact)) {
      uses.set(c.id, (uses.get(c.id) ?? 0) + k);
      if (!nConst && !isLeaf(c) && isConstant(prog, c)) hoist.add(c.id);
    }
  }
  for (const r of roots) {
    uses.set(r.id, (uses.get(r.id) ?? 0) + 1);
    if (!isLeaf(r) && isConstant(prog, r)) hoist.add(r.id);
  }

  const inline = new Map<number, { code: Code; depth: number }>();
  const get = (e: Expr): Code => prog.named.get(e.id) ?? inline.get(e.id)!.code;
  const depthOf = (e: Expr): number => inline.get(e.id)?.depth ?? 0;
  for (const n of nodes) {
    if (lazy?.has(n.id)) continue;
    if (n.kind === 'num') {
      inline.set(n.id, { code: numberCode(n.value), depth: 0 });
      continue;
    }
    if (n.kind === 'sym') {
      inline.set(n.id, { code: symCode(prog, n.name), depth: 0 });
      continue;
    }
    const constant = isConstant(prog, n);
    if (lazy !== undefined && !constant && isPiecewise(n)) {
      prog.named.set(n.id, atom(piecewiseStatements(prog, n, get, (k) => prog.named.has(k.id) || inline.has(k.id))));
      continue;
    }
    const bind = (code: string): string => {
      const known = prog.helpers.get(code);
      if (known !== undefined) return known;
      const name = fresh(prog, constant ? 'c' : 't');
      (constant ? prog.prelude : prog.body).push(JS.constDecl(name, code));
      prog.helpers.set(code, name);
      return name;
    };
    const code = nodeCode(n, get, prog.exact, bind);
    let depth = 1;
    for (const c of children(n)) depth = Math.max(depth, 1 + depthOf(c));
    if (nameAll || (uses.get(n.id) ?? 0) > 1 || depth > MAX_INLINE_DEPTH || hoist.has(n.id)) {
      const name = fresh(prog, constant ? 'c' : 't');
      (constant ? prog.prelude : prog.body).push(JS.constDecl(name, code.s));
      prog.named.set(n.id, atom(name));
    } else {
      inline.set(n.id, { code, depth });
    }
  }
  return roots.map(get);
}

const isPiecewise = (e: Expr): e is Call => e.kind === 'call' && e.fn === 'piecewise' && e.derivs.length === 0;

/**
 * The nodes of `nodes` that only the pieces of conditionals need: not reachable
 * from the roots but through a piecewise's values or later conditions (its
 * first condition is always computed). Constant conditionals are computed once,
 * eagerly, in the prelude.
 */
function branchOnly(prog: Program, roots: readonly Expr[], nodes: readonly Expr[]): Set<number> {
  const always = new Set<number>();
  const stack = [...roots];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (always.has(n.id) || prog.named.has(n.id)) continue;
    always.add(n.id);
    if (isPiecewise(n) && !isConstant(prog, n)) stack.push(n.args[0]!);
    else stack.push(...children(n));
  }
  return new Set(nodes.filter((n) => !always.has(n.id)).map((n) => n.id));
}

/**
 * Code of one piece (a value or a later condition) inside its branch: the
 * statements it needs and its code. Names made in the branch are forgotten after
 * it (block scope); constants made there live in the prelude and are kept.
 */
function inBranch(prog: Program, es: readonly Expr[]): { lines: string[]; codes: string[] } {
  const start = prog.body.length;
  const named = new Set(prog.named.keys());
  const helpers = new Set(prog.helpers.keys());
  const codes = emit(prog, es);
  // operands read twice (a comparison's holds and fails): names
  const out = codes.map((c) => (es.length > 1 && !/^-?[\w.]+$/.test(c.s) ? bindHere(prog, c.s) : c.s));
  const lines = prog.body.splice(start);
  for (const [id, c] of prog.named) if (!named.has(id) && !c.s.startsWith('c')) prog.named.delete(id);
  for (const [k, v] of prog.helpers) if (!helpers.has(k) && !v.startsWith('c')) prog.helpers.delete(k);
  return { lines, codes: out };
}

/**
 * Runs `f`, which pushes statements to the body, and returns those statements
 * for a block: names made meanwhile are forgotten after it (block scope);
 * constants made there live in the prelude and are kept.
 */
export function scoped(prog: Program, f: () => void): string[] {
  const start = prog.body.length;
  const named = new Set(prog.named.keys());
  const helpers = new Set(prog.helpers.keys());
  f();
  const lines = prog.body.splice(start);
  for (const [id, c] of prog.named) if (!named.has(id) && !c.s.startsWith('c')) prog.named.delete(id);
  for (const [k, v] of prog.helpers) if (!helpers.has(k) && !v.startsWith('c')) prog.helpers.delete(k);
  return lines;
}

/**
 * A JavaScript test of a condition (true where it holds; false where it fails
 * or is undefined): a comparison of its operands' code, else the condition's
 * 1/0/NaN value. Statements it needs go to the body.
 */
export function testCode(prog: Program, cond: Expr): string {
  if (isComparison(cond)) {
    const [a, b] = emit(prog, cond.args);
    return JS.test(cond.fn, a!.s, b!.s)[0];
  }
  return emit(prog, [cond])[0]!.s;
}

function bindHere(prog: Program, code: string): string {
  const t = fresh(prog, 't');
  prog.body.push(JS.constDecl(t, code));
  return t;
}

const COMPARISON: ReadonlySet<string> = new Set(['lt', 'le', 'eq', 'ne']);
const isComparison = (e: Expr): e is Call => e.kind === 'call' && COMPARISON.has(e.fn) && e.derivs.length === 0 && e.args.length === 2;

/** piecewise(c1, v1, ..., otherwise) as a `let` and branches computing only the piece taken; returns the name. */
function piecewiseStatements(prog: Program, e: Call, get: (e: Expr) => Code, has: (e: Expr) => boolean): string {
  const name = fresh(prog, 't');
  const args = e.args;
  const simple = (s: string): boolean => /^-?[\w.]+$/.test(s);
  const pieces = (i: number): string[] => {
    const rest = args.length - i;
    if (rest === 0) return []; // no otherwise: it stays NaN
    if (rest === 1) {
      const last = inBranch(prog, [args[i]!]);
      return [...last.lines, JS.assign(name, last.codes[0]!)];
    }
    // The condition: a comparison of its operands in place, else its 1/0/NaN value. Read twice (holds? fails?): names.
    const c = args[i]!;
    const lines: string[] = [];
    let test: readonly [string, string];
    // (the first condition's operands only when they have code: not when the condition itself was named before)
    if (isComparison(c) && (i > 0 || c.args.every(has))) {
      let [a, b] = i === 0 ? c.args.map((k) => get(k).s) : [];
      if (i === 0) {
        if (!simple(a!)) lines.push(JS.constDecl((a = fresh(prog, 't')), get(c.args[0]!).s));
        if (!simple(b!)) lines.push(JS.constDecl((b = fresh(prog, 't')), get(c.args[1]!).s));
      } else {
        const ops = inBranch(prog, c.args);
        lines.push(...ops.lines);
        [a, b] = ops.codes;
      }
      test = JS.test(c.fn, a!, b!);
    } else {
      const cond = i === 0 ? { lines: [], codes: [get(c).s] } : inBranch(prog, [c]);
      lines.push(...cond.lines);
      let v = cond.codes[0]!;
      if (!simple(v)) {
        const code = v;
        v = fresh(prog, 't');
        lines.push(JS.constDecl(v, code));
      }
      test = JS.test('value', v);
    }
    const value = inBranch(prog, [args[i + 1]!]);
    return [...lines, ...JS.branch(test[0], test[1], [...value.lines, JS.assign(name, value.codes[0]!)], pieces(i + 2))];
  };
  prog.body.push(JS.letDecl(name, JS.nan), ...pieces(0));
  return name;
}

/** The code of one non-leaf node, from the code of its children. */
function nodeCode(e: Expr, get: (e: Expr) => Code, exact: boolean, bind: (code: string) => string): Code {
  switch (e.kind) {
    case 'num':
    case 'sym':
      throw new Error('leaves are not emitted by nodeCode');
    case 'add':
      return sumCode(e.args.map(get));
    case 'mul':
      return productCode(e.args.map((a) => ({ code: get(a), value: a.kind === 'num' ? a.value : undefined })));
    case 'pow':
      return powCode(e, get(e.base), get(e.exp), exact, bind);
    case 'call':
      if (e.fn === 'piecewise' && e.derivs.length === 0) return JS.piecewise(e.args.map(get), (c) => (/^[\w.]+$/.test(c.s) ? c : atom(bind(c.s))));
      return callCode(e, get);
  }
}

export function sumCode(terms: readonly Code[]): Code {
  let s = wrap(terms[0]!, ADD);
  for (let i = 1; i < terms.length; i++) {
    const t = terms[i]!;
    s += t.abs !== undefined ? ` - ${t.abs}` : ` + ${wrap(t, MUL)}`;
  }
  return { s, p: ADD };
}

/**
 * A product, left to right as evaluate multiplies, with the numeric coefficient's
 * sign in front: -2*x*y is (-2*x)*y, the same number as evaluate's ((1*-2)*x)*y.
 */
export function productCode(factors: ReadonlyArray<{ code: Code; value?: Rational | undefined }>): Code {
  let negative = false;
  const out: string[] = [];
  for (const { code, value } of factors) {
    if (value !== undefined) {
      negative = value.p < 0n;
      if (!(value.q === 1n && (value.p === 1n || value.p === -1n))) out.push(numberCode({ p: negative ? -value.p : value.p, q: value.q }).s);
    } else out.push(out.length === 0 ? wrap(code, MUL) : wrap(code, ATOM));
  }
  const abs = out.length === 0 ? '1' : out.join('*');
  return negative ? { s: `-${abs}`, p: MUL, abs } : { s: abs, p: MUL };
}

/** x^n for n >= 2 as multiplications: x*x*x up to 4, then repeated squaring with named squares. */
function power(b: Code, n: number, bind: (code: string) => string): string {
  const x = wrap(b, ATOM);
  if (n <= MAX_PRODUCT_POWER) return Array.from({ length: n }, () => x).join('*');
  const factors: string[] = [];
  let square = x; // x^(2^k)
  for (let k = n; ; k >>= 1) {
    if (k & 1) factors.push(square);
    if (k <= 1) break;
    square = bind(`${square}*${square}`);
  }
  return factors.join('*');
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** An exact exponent too large for rpow's integer arguments (evaluate's powRational takes another path). */
const isHugeRational = (r: Rational): boolean => r.p > SAFE || r.p < -SAFE || r.q > SAFE;

/**
 * base^exp with evaluate's real semantics (rpow). By default the cheap forms:
 * x*x, x*x*x, 1/x, 1/(x*x), repeated squaring up to x^64, Math.sqrt, Math.cbrt,
 * which may round differently (and Math.sqrt(-0) is -0); `exact` keeps
 * evaluate's Math.pow and L.rpow throughout.
 * Other rational exponents go to L.rpow (real odd roots of negatives), symbolic
 * ones to Math.pow.
 */
export function powCode(e: Pow, base: Code, exp: Code, exact: boolean, bind: (code: string) => string): Code {
  if (e.exp.kind !== 'num') return atom(JS.pow(base.s, exp.s));
  const r = e.exp.value;
  if (isHugeRational(r)) return hugePowCode(wrap(base, ATOM), r);
  if (!exact) {
    const n = productPower(e, exact);
    if (n > 0) return { s: power(base, n, bind), p: MUL };
    if (n < 0) return { s: `1/(${power(base, -n, bind)})`, p: MUL };
    if (r.q === 1n && r.p === -1n) return { s: `1/${wrap(base, ATOM)}`, p: MUL };
    if (r.p === 1n && r.q === 2n) return atom(JS.sqrt(base.s));
    if (r.p === 1n && r.q === 3n) return atom(JS.cbrt(base.s));
    // x^(-1/2) and x^(-1/3): rpow's value exactly; `+ 0` turns -0 into 0, whose reciprocal root is +Infinity as in rpow.
    if (r.p === -1n && r.q === 2n) return { s: `1/${JS.sqrt(`${wrap(base, ADD)} + 0`)}`, p: MUL };
    if (r.p === -1n && r.q === 3n) return { s: `1/${JS.cbrt(`${wrap(base, ADD)} + 0`)}`, p: MUL };
  }
  if (r.q === 1n) return atom(JS.pow(base.s, String(r.p)));
  return atom(JS.rpow(base.s, r.p, r.q));
}

/** evaluate's powRational for exponents beyond rpow's safe integers: magnitude from floats, sign from parities. */
function hugePowCode(b: string, r: Rational): Code {
  const x = numberCode(r).s;
  if (r.q % 2n === 0n) return atom(JS.select(`${b} < 0`, JS.nan, `${b} === 1 ? 1 : ${JS.pow(b, x)}`));
  const m = JS.select(`${JS.abs(b)} === 1`, '1', JS.pow(JS.abs(b), x));
  return r.p % 2n === 0n ? atom(m) : atom(JS.select(`${b} < 0`, `-${m}`, m));
}

function callCode(e: Call, get: (e: Expr) => Code): Code {
  if (e.derivs.length > 0) {
    const wrt = e.derivs.map((d) => d + 1).join(', ');
    throw new MathError(
      `cannot compile a derivative of the undefined function '${e.fn}' (with respect to argument ${wrt}): '${e.fn}' has no definition`,
    );
  }
  if (!FUNCTIONS.has(e.fn)) {
    throw new MathError(`cannot compile the undefined function '${e.fn}' (${e.args.length} argument${e.args.length === 1 ? '' : 's'}): it is not a known function`);
  }
  return JS.call(e.fn, e.args.map(get));
}
