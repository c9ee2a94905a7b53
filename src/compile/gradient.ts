// Value and gradient in one pass: reverse-mode accumulation over the shared graph.
// The forward sweep names every node that depends on a variable (one const
// each); the backward sweep visits those nodes in reverse postorder, so a
// node's adjoint is complete (all its parents done) before it is passed on to
// its children. The local partials come from diff/partials.ts and are
// compiled with the forward temporaries in place of the children; sums and
// products get their adjoint code directly (a sum passes its adjoint through,
// a product multiplies it by the other factors, division-free). The generated
// function only does float arithmetic on consts and writes `out[k]`: a call
// allocates nothing.
import { arg, entry, argError, expectVars } from '../core/check-args.js';
import { ownOptions } from '../core/options.js';
import { ZERO, isNum, sym } from '../core/build.js';
import type { Definitions } from '../parse/definitions.js';
import type { Call, Expr } from '../core/expr.js';
import { MathError } from '../core/rational.js';
import { children, freeSymbols, postorder } from '../core/traverse.js';
import { derivativeOnce, tidy, type PartialCache } from '../diff/derivative.js';
import { partial } from '../diff/partials.js';
import { exterior, interior } from '../diff/piecewise.js';
import { Prec } from '../print/precedence.js';
import { JS } from '../print/target.js';
import { atom, emit, fresh, newProgram, numberCode, scoped, symCode, testCode, wrap, type Code, type Program } from './emit.js';
import { factorySource, instantiate, compileInput } from './source.js';
import type { ArgChecks } from './args.js';
import { checkConvention, resolveVars, signature, type ArgsConvention } from './vars.js';
import { budgetOf, isRecoverable, type LimitOptions } from '../core/budget.js';

/** Writes the gradient into `out` (length = number of variables) and returns the value. */
export type GradientFunction = (out: Float64Array, ...args: number[]) => number;
/** Writes the Jacobian into `out`, row-major: out[i*cols + j] = d(expression i)/d(variable j). */
export type JacobianFunction = (out: Float64Array, ...args: number[]) => void;
/** The array convention of GradientFunction: the variables in one array-like, in `vars` order. */
export type ArrayGradientFunction = (out: Float64Array | number[], x: ArrayLike<number>) => number;
/** The array convention of JacobianFunction. */
export type ArrayJacobianFunction = (out: Float64Array | number[], x: ArrayLike<number>) => void;

export interface GradientOptions extends LimitOptions {
  /** 'positional' (default): grad(out, v0, v1, ...). 'array': grad(out, x), vars[k] read from x[k]. */
  readonly args?: ArgsConvention;
  /** User definitions (from definitions(...)) of the functions e calls, compiled inline. */
  readonly define?: Definitions;
}

/** Products with more operands than this get prefix and suffix products (3k multiplications, not k^2). */
const DIRECT_PRODUCT = 4;

/** A name or a number: cheap to repeat, so an adjoint that is just this needs no const of its own. */
const isName = (s: string): boolean => /^[\w.]+$/.test(s);

const times = (a: string, c: Code): string => (a === '1' ? c.s : `${a}*${wrap(c, Prec.atom)}`);

/** A piecewise node of the core (not a derivative mark of an undefined piecewise). */
const isPiecewise = (n: Expr): n is Call => n.kind === 'call' && n.fn === 'piecewise' && n.derivs.length === 0;

/** The argument positions of a piecewise node's values (the otherwise included). */
const valuePositions = (n: Call): number[] => n.args.map((_, i) => i).filter((i) => i % 2 === 1 || i === n.args.length - 1);

/**
 * Emits one backward sweep from `root`; writes out[offset + k] for every variable k.
 *
 * A piecewise node passes its adjoint to the piece taken only, and the code
 * that carries it on through that piece (to the nodes only that piece needs)
 * runs in the piece's branch: a piece not taken is never touched, so its
 * undefined values (sqrt(x) for x < 0) cannot leak into the gradient as 0*NaN.
 * Where no piece's interior holds (a seam, or an undefined condition) the node
 * adds adjoint * (its symbolic derivative, piecewise.ts's seam rule) to each
 * variable it depends on instead, so that compiled and symbolic derivatives
 * agree at a seam: that code runs only there.
 *
 * So the sweep is a tree of blocks: the top, one per piece of each piecewise
 * node, one per seam branch, and one per guarded node (below). A node lives in
 * the innermost block enclosing every contribution it receives; a node whose
 * contributions come from inner blocks has its adjoint declared `let a = 0` up
 * front, and when none comes from its own block it is also guarded: carried on
 * only if some contribution arrived, so that a 0 adjoint never meets an
 * undefined partial.
 */
function backward(prog: Program, root: Expr, vars: readonly string[], offset: number, cache: PartialCache): void {
  const active = (n: Expr): boolean => !prog.constant.get(n.id);
  const order = postorder(root).filter(active).reverse();
  prog.meter.spend(order.length);
  const varSet = new Set(vars);

  // Blocks: 0 is the top; each other has a parent.
  const parent: number[] = [-1];
  const depth: number[] = [0];
  const block = (p: number): number => {
    parent.push(p);
    depth.push(depth[p]! + 1);
    return parent.length - 1;
  };
  const lca = (a: number, b: number): number => {
    while (depth[a]! > depth[b]!) a = parent[a]!;
    while (depth[b]! > depth[a]!) b = parent[b]!;
    while (a !== b) {
      a = parent[a]!;
      b = parent[b]!;
    }
    return a;
  };

  // The plan: what each reached node passes to whom, and in which block.
  interface Plan {
    home: number; // the block it lives in
    declared: boolean; // `let a = 0` at the start of home: some contribution comes from an inner block
    guarded: boolean; // no contribution from home itself: carried on only if one arrived
    inner: number; // the block its own contributions are made in (home, or its guard's)
    pieces?: Map<number, number>; // piecewise: value position -> its block
    seam?: number; // piecewise: the block of its seam branch
    deps?: string[]; // piecewise: the variables it depends on
    partials?: Expr[]; // other calls: the local partials
  }
  const plans = new Map<number, Plan>();
  const edges = new Map<number, number[]>(); // node id -> blocks of the contributions it receives
  const edge = (c: Expr, b: number): void => {
    const list = edges.get(c.id);
    if (list) list.push(b);
    else edges.set(c.id, [b]);
  };
  edges.set(root.id, [0]);
  for (const n of order) {
    const incoming = edges.get(n.id);
    if (incoming === undefined) continue; // no contribution reached it (its parents' partials are 0): adjoint 0
    const leaf = n.kind === 'num' || n.kind === 'sym';
    const home = leaf ? 0 : incoming.reduce(lca);
    const declared = incoming.some((b) => b !== home);
    const guarded = !leaf && incoming.every((b) => b !== home);
    const inner = guarded ? block(home) : home;
    const plan: Plan = { home, declared, guarded, inner };
    plans.set(n.id, plan);
    if (leaf) continue;
    const kids = children(n);
    if (n.kind === 'add' || n.kind === 'mul' || (n.kind === 'pow' && isSqrt(n))) {
      for (const c of kids) if (active(c)) edge(c, inner);
    } else if (isPiecewise(n)) {
      plan.pieces = new Map();
      for (const j of valuePositions(n)) {
        const b = block(inner);
        plan.pieces.set(j, b);
        if (active(n.args[j]!)) edge(n.args[j]!, b);
      }
      plan.seam = block(inner);
      plan.deps = freeSymbols(n).filter((v) => varSet.has(v));
      for (const v of plan.deps) edge(sym(v), plan.seam);
    } else {
      const ps = localPartials(n, kids.map(active));
      plan.partials = ps;
      kids.forEach((c, i) => {
        if (active(c) && !isNum(ps[i]!, 0n)) edge(c, inner);
      });
    }
  }

  const adjoint = new Map<number, string>(); // node id -> atom holding its (partial) adjoint
  const flag = new Map<number, string>(); // guarded node id -> its `reached` flag
  const received = new Map<number, number>();
  const lines = prog.body;
  if (plans.has(root.id)) adjoint.set(root.id, '1');

  const contribute = (c: Expr, code: Code): void => {
    const plan = plans.get(c.id)!;
    if (plan.declared) {
      lines.push(JS.addTo(adjoint.get(c.id)!, code.s));
      const f = flag.get(c.id);
      if (f !== undefined) lines.push(JS.assign(f, '1'));
      return;
    }
    const total = edges.get(c.id)!.length;
    const k = received.get(c.id) ?? 0;
    received.set(c.id, k + 1);
    if (total === 1) {
      if (isName(code.s)) adjoint.set(c.id, code.s);
      else {
        const a = fresh(prog, 'a');
        lines.push(JS.constDecl(a, code.s));
        adjoint.set(c.id, a);
      }
    } else if (k === 0) {
      const a = fresh(prog, 'a');
      lines.push(JS.letDecl(a, code.s));
      adjoint.set(c.id, a);
    } else {
      lines.push(JS.addTo(adjoint.get(c.id)!, code.s));
    }
  };

  // After the forward sweep every non-leaf node has a name; leaves are written in place.
  const valueOf = (n: Expr): Code =>
    prog.named.get(n.id) ?? (n.kind === 'num' ? numberCode(n.value) : n.kind === 'sym' ? symCode(prog, n.name) : emit(prog, [n])[0]!);

  // Nodes by home block, in sweep order.
  const members = new Map<number, Expr[]>();
  for (const n of order) {
    const plan = plans.get(n.id);
    if (plan === undefined) continue;
    const list = members.get(plan.home);
    if (list) list.push(n);
    else members.set(plan.home, [n]);
  }

  /** The sweep of one block: its declarations, then its nodes in order (inner blocks where they open). */
  const sweep = (b: number): void => {
    const here = members.get(b) ?? [];
    for (const n of here) {
      const plan = plans.get(n.id)!;
      if (!plan.declared) continue;
      const a = fresh(prog, 'a');
      lines.push(JS.letDecl(a, '0'));
      adjoint.set(n.id, a);
      if (plan.guarded) {
        const f = fresh(prog, 'a');
        lines.push(JS.letDecl(f, '0'));
        flag.set(n.id, f);
      }
    }
    for (const n of here) {
      if (n.kind === 'num' || n.kind === 'sym') continue;
      const plan = plans.get(n.id)!;
      if (plan.guarded) lines.push(...JS.ifElse(flag.get(n.id)!, scoped(prog, () => carry(n, plan)), []));
      else carry(n, plan);
    }
  };

  /** A node's contributions to its operands (and the blocks that open at it). */
  const carry = (n: Expr, plan: Plan): void => {
    const A = adjoint.get(n.id)!;
    const kids = children(n);
    if (n.kind === 'add') {
      for (const c of kids) if (active(c)) contribute(c, { s: A, p: Prec.atom });
    } else if (n.kind === 'mul') {
      productAdjoints(prog, A, kids.map(valueOf), kids.map(active)).forEach((code, i) => {
        if (code) contribute(kids[i]!, code);
      });
    } else if (n.kind === 'pow' && isSqrt(n)) {
      // d sqrt(u) = du / (2 sqrt(u)): reuse the value instead of computing u^(-1/2).
      const t = valueOf(n).s;
      contribute(n.base, { s: A === '1' ? `0.5/${t}` : `0.5*${A}/${t}`, p: Prec.mul });
    } else if (isPiecewise(n)) {
      piecewiseBranches(n, plan, A);
    } else {
      const ps = plan.partials!;
      const want = kids.map((c, i) => active(c) && !isNum(ps[i]!, 0n));
      const codes = partialCodes(prog, n, ps.filter((_, i) => want[i]));
      let j = 0;
      kids.forEach((c, i) => {
        if (!want[i]) return;
        const code = codes[j++]!;
        contribute(c, { s: times(A, code), p: A === '1' ? code.p : Prec.mul });
      });
    }
    if (plan.inner !== plan.home) sweep(plan.inner);
  };

  /**
   * if (interior of c1) { piece 1 } else { if (exterior of c1) { ...the rest } else { seam } }:
   * the seam branch adds A * d(node)/d(variable) to each variable the node depends on.
   */
  const piecewiseBranches = (n: Call, plan: Plan, A: string): void => {
    const piece = (j: number): string[] =>
      scoped(prog, () => {
        const v = n.args[j]!;
        if (active(v)) contribute(v, { s: A, p: Prec.atom });
        sweep(plan.pieces!.get(j)!);
      });
    const seam = (): string[] => scoped(prog, () => seamCode(n, plan.deps!, A));
    const step = (i: number): void => {
      const rest = n.args.length - i;
      if (rest === 1) {
        lines.push(...piece(i));
        return;
      }
      if (rest === 0) {
        lines.push(...seam());
        return;
      }
      const c = n.args[i]!;
      const inside = interior(c);
      const otherwise = scoped(prog, () => {
        const outside = exterior(c);
        if (outside === ZERO) lines.push(...seam());
        else lines.push(...JS.ifElse(testCode(prog, outside), scoped(prog, () => step(i + 2)), seam()));
      });
      if (inside === ZERO) lines.push(...otherwise);
      else lines.push(...JS.ifElse(testCode(prog, inside), piece(i + 1), otherwise));
    };
    step(0);
  };

  /** The seam branch: each variable's adjoint gets A times the node's symbolic derivative, computed here only. */
  const seamCode = (n: Call, deps: readonly string[], A: string): void => {
    const ds = deps.map((v) => tidy(derivativeOnce(n, v, cache)));
    const codes = emit(prog, ds);
    deps.forEach((v, k) => contribute(sym(v), { s: times(A, codes[k]!), p: A === '1' ? codes[k]!.p : Prec.mul }));
  };

  sweep(0);

  vars.forEach((v, k) => lines.push(JS.store('out', [offset + k], adjoint.get(sym(v).id) ?? '0')));
}

const isSqrt = (n: Expr): boolean => n.kind === 'pow' && n.exp.kind === 'num' && n.exp.value.p === 1n && n.exp.value.q === 2n;

const cannot = (n: Expr, err: MathError): MathError =>
  new MathError(`cannot compile the gradient: the derivative of ${n.kind === 'call' ? n.fn : n.kind} here is not computable (${err.message})`);

/**
 * The local partials of a node with respect to its active children (0 for the others,
 * which may have none: polygamma(n, x) in n). One that cannot be built (nthroot(u, 0):
 * a division by 0, polygamma(x, y) in x) is reported as such.
 */
function localPartials(n: Expr, active: readonly boolean[]): Expr[] {
  try {
    return active.map((on, i) => (on ? partial(n, i) : ZERO));
  } catch (err) {
    if (isRecoverable(err)) throw cannot(n, err);
    throw err;
  }
}

/** Code for a node's local partials; one that cannot be compiled is reported as such. */
function partialCodes(prog: Program, n: Expr, ps: readonly Expr[]): Code[] {
  try {
    return emit(prog, ps);
  } catch (err) {
    if (isRecoverable(err)) throw cannot(n, err);
    throw err;
  }
}

/**
 * The adjoint contribution to each active operand of a product: A times the
 * other operands. The numeric coefficient (an inactive first operand) is
 * folded into A once; long products use prefix and suffix products.
 */
function productAdjoints(prog: Program, A: string, vals: readonly Code[], active: readonly boolean[]): Array<Code | null> {
  const name = (expr: string): string => {
    const t = fresh(prog, 't');
    prog.body.push(JS.constDecl(t, expr));
    return t;
  };
  const hasCoef = !active[0] && isName(vals[0]!.abs ?? vals[0]!.s);
  const factors = (hasCoef ? vals.slice(1) : vals).map((c) => wrap(c, Prec.atom));
  const act = hasCoef ? active.slice(1) : active;
  let scale: Code | null = A === '1' ? null : atom(A);
  if (hasCoef) {
    const coef = vals[0]!;
    const scaled = coef.s === '-1' ? `-${A}` : `${coef.s}*${A}`;
    if (A === '1') scale = coef;
    else if (act.filter(Boolean).length > 1) scale = atom(name(scaled));
    else scale = { s: scaled, p: Prec.mul };
  }
  const times = (fs: readonly string[]): Code => {
    if (scale === null) return fs.length === 1 ? atom(fs[0]!) : { s: fs.join('*'), p: Prec.mul };
    if (fs.length === 0) return scale;
    return { s: [scale.s, ...fs].join('*'), p: Prec.mul };
  };
  const k = factors.length;
  let out: Array<Code | null>;
  if (k <= DIRECT_PRODUCT) {
    out = act.map((on, i) => (on ? times(factors.filter((_, j) => j !== i)) : null));
  } else {
    // prefix[i] = f0*...*f(i-1), suffix[i] = f(i+1)*...*f(k-1): 3k multiplications, not k^2.
    const prefix: string[] = [];
    const suffix: string[] = [];
    prefix[1] = factors[0]!;
    for (let i = 2; i < k; i++) prefix[i] = name(`${prefix[i - 1]}*${factors[i - 1]}`);
    suffix[k - 2] = factors[k - 1]!;
    for (let i = k - 3; i >= 0; i--) suffix[i] = name(`${factors[i + 1]}*${suffix[i + 1]}`);
    out = act.map((on, i) => {
      if (!on) return null;
      return times(i === 0 ? [suffix[0]!] : i === k - 1 ? [prefix[k - 1]!] : [prefix[i]!, suffix[i]!]);
    });
  }
  return hasCoef ? [null, ...out] : out;
}

/** Factory text of the gradient function `grad(out, v0, v1, ...)`. */
export function gradientFactory(
  e: Expr | string,
  vars?: readonly string[],
  options: GradientOptions = {},
): { factory: string; vars: readonly string[]; checks: ArgChecks } {
  options = ownOptions(options, 'compileGradient');
  expectVars(vars, 'compileGradient', arg(2, 'vars'));
  const expr = compileInput(e, options.define, true, 'compileGradient');
  const p = resolveVars([expr], vars);
  const sig = signature(p, [expr], checkConvention(options.args), ['out'], { fn: 'grad', outLength: p.vars.length });
  const prog = newProgram(p.params, budgetOf(options, 'compileGradient'));
  const [value] = emit(prog, [expr], true);
  backward(prog, expr, p.vars, 0, new Map());
  prog.body.push(JS.ret(value!.s));
  return { factory: factorySource(prog, 'grad', sig.params, [...sig.reads, ...prog.body]), vars: p.vars, checks: sig.checks };
}

/** Factory text of the Jacobian function `jacobian(out, v0, v1, ...)`. */
export function jacobianFactory(
  es: ReadonlyArray<Expr | string>,
  vars?: readonly string[],
  options: GradientOptions = {},
): { factory: string; vars: readonly string[]; checks: ArgChecks } {
  options = ownOptions(options, 'compileJacobian');
  if (!Array.isArray(es)) throw argError('compileJacobian', arg(1, 'es'), 'an array of expressions (or their text)', es);
  expectVars(vars, 'compileJacobian', arg(2, 'vars'));
  const exprs = es.map((x, i) => compileInput(x, options.define, true, 'compileJacobian', entry(i, arg(1, 'es'))));
  const p = resolveVars(exprs, vars);
  const sig = signature(p, exprs, checkConvention(options.args), ['out'], { fn: 'jacobian', outLength: exprs.length * p.vars.length });
  const prog = newProgram(p.params, budgetOf(options, 'compileJacobian'));
  emit(prog, exprs, true);
  const cache: PartialCache = new Map();
  exprs.forEach((e, i) => backward(prog, e, p.vars, i * p.vars.length, cache));
  return { factory: factorySource(prog, 'jacobian', sig.params, [...sig.reads, ...prog.body]), vars: p.vars, checks: sig.checks };
}

/**
 * One function computing the value and the whole gradient in a single pass:
 * `grad(out, ...args)` writes d e / d vars[k] into out[k] and returns e.
 * Variables default to the free symbols sorted by name.
 */
export function compileGradient(e: Expr | string, vars: readonly string[] | undefined, options: { readonly args: 'array' }): ArrayGradientFunction;
export function compileGradient(e: Expr | string, vars?: readonly string[], options?: GradientOptions): GradientFunction;
export function compileGradient(e: Expr | string, vars?: readonly string[], options: GradientOptions = {}): GradientFunction | ArrayGradientFunction {
  return instantiate<GradientFunction>(gradientFactory(e, vars, options));
}

/**
 * The Jacobian of a list of expressions: one shared forward sweep, then one
 * reverse sweep per expression, writing row i into out[i*cols .. i*cols + cols - 1].
 */
export function compileJacobian(es: ReadonlyArray<Expr | string>, vars: readonly string[] | undefined, options: { readonly args: 'array' }): ArrayJacobianFunction;
export function compileJacobian(es: ReadonlyArray<Expr | string>, vars?: readonly string[], options?: GradientOptions): JacobianFunction;
export function compileJacobian(es: ReadonlyArray<Expr | string>, vars?: readonly string[], options: GradientOptions = {}): JacobianFunction | ArrayJacobianFunction {
  return instantiate<JacobianFunction>(jacobianFactory(es, vars, options));
}
