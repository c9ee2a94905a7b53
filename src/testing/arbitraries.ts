// fast-check arbitraries for leibniz: random expressions, points inside an
// expression's domain, and bindings for rewrite rules' pattern variables.
// Everything is built with the normalising builders, so generated expressions are
// exactly what the parser and every pass produce.
import fc from 'fast-check';
import { add, call, derivativeCall, div, E, intern, mul, neg, num, PI, pow, sub, sym, ZERO } from '../core/build.js';
import { arg, entry, argError, expectBoolean, expectExpr, expectInteger, expectStrings, expectVars, opt, optional } from '../core/check-args.js';
import { isBuilt } from '../core/expr.js';
import { ownOptions } from '../core/options.js';
import type { Expr } from '../core/expr.js';
import { FUNCTIONS } from '../core/functions.js';
import { MathError } from '../core/rational.js';
import { freeSymbols } from '../core/traverse.js';
import { evaluate } from '../eval/evaluate.js';
import type { Guard, GuardTest, Rule } from '../parse/rule.js';
import { isRecoverable } from '../core/budget.js';

const COMPARISON_FNS: ReadonlySet<string> = new Set(['lt', 'le', 'eq', 'ne']);
const CONDITION_FNS: ReadonlySet<string> = new Set([...COMPARISON_FNS, 'and', 'or', 'not']);

/** Every known function (see src/core/functions.ts). */
export const ALL_FUNCTIONS: readonly string[] = [...FUNCTIONS.keys()];

export interface NumberOptions {
  /** Integer range (default -5 .. 5). */
  readonly min?: number;
  readonly max?: number;
  /** Also fractions p/q with q in 2..6 (default true). */
  readonly fractions?: boolean;
  /** Also short decimals such as 0.25, 1.5e-3 (default true). */
  readonly decimals?: boolean;
}

export interface ExprArbOptions {
  /** Variable names (default x, y, z). An empty list gives constant expressions. */
  readonly vars?: readonly string[];
  /** Known functions to use (default all). */
  readonly functions?: readonly string[];
  /** Undefined function names, used as f(u), f(u, v) and f'(u) (default none). */
  readonly undefinedFunctions?: readonly string[];
  /** Bound on the generator's nesting (default 4); 0 gives leaves only. */
  readonly maxDepth?: number;
  /** Number leaves: options, or an arbitrary of your own. */
  readonly numbers?: NumberOptions | fc.Arbitrary<Expr>;
  /** pi and e among the leaves (default true). */
  readonly constants?: boolean;
  /** Powers with a non-numeric exponent, x^y (default true). */
  readonly symbolicExponents?: boolean;
}

/** Builds with the builders; an exact division by zero (a MathError) falls back to `fallback`. */
function safe(build: () => Expr, fallback: Expr): Expr {
  try {
    return build();
  } catch (err) {
    if (isRecoverable(err)) return fallback;
    throw err;
  }
}

/** The fields of NumberOptions, own properties only, their types checked. */
function numberOptions(given: NumberOptions | undefined, fn: string): NumberOptions {
  const o = ownOptions(given, fn);
  const min = optional(o, 'min', (v, f, w) => expectInteger(v, f, w, -Number.MAX_SAFE_INTEGER), fn);
  const max = optional(o, 'max', (v, f, w) => expectInteger(v, f, w, -Number.MAX_SAFE_INTEGER), fn);
  if ((min ?? -5) > (max ?? 5)) throw new MathError(`${fn}: the option min (${min ?? -5}) must not exceed max (${max ?? 5})`);
  optional(o, 'fractions', expectBoolean, fn);
  optional(o, 'decimals', expectBoolean, fn);
  return o;
}

/** The fields of ExprArbOptions, own properties only, their types checked (maxDepth: a stack overflow otherwise). */
function checkedExprOptions<T extends ExprArbOptions>(given: T | undefined, fn: string): T {
  const o = ownOptions(given, fn);
  for (const k of ['vars', 'functions', 'undefinedFunctions'] as const) optional(o, k, expectStrings, fn);
  optional(o, 'maxDepth', (v, f, w) => {
    const d = expectInteger(v, f, w);
    if (d > MAX_DEPTH) throw argError(f, w, `at most ${MAX_DEPTH}`, d);
    return d;
  }, fn);
  const numbers = (o as ExprArbOptions).numbers;
  if (numbers !== undefined && !(numbers instanceof fc.Arbitrary)) numberOptions(numbers, fn);
  optional(o, 'constants', expectBoolean, fn);
  optional(o, 'symbolicExponents', expectBoolean, fn);
  return o;
}

/** The fields of PointOptions, their types checked. */
function pointOptions<T extends PointOptions>(o: T, fn: string): T {
  optional(o, 'tries', (v, f, w) => expectInteger(v, f, w, 1), fn);
  const req = (o as PointOptions).require;
  if (req !== undefined) {
    if (!Array.isArray(req)) throw argError(fn, opt('require'), 'an array of expressions', req);
    req.forEach((e, i) => expectExpr(e, fn, entry(i, opt('require'))));
  }
  const values = (o as PointOptions).values;
  if (values !== undefined && !(values instanceof fc.Arbitrary)) throw argError(fn, opt('values'), 'a fast-check arbitrary of numbers', values);
  return o;
}

/** Deepest expressions exprArb draws: fast-check builds one level per depth, recursively. */
const MAX_DEPTH = 50;

export function numberArb(options: NumberOptions = {}): fc.Arbitrary<Expr> {
  options = numberOptions(options, 'numberArb');
  const min = options.min ?? -5;
  const max = options.max ?? 5;
  const parts: Array<fc.WeightedArbitrary<Expr>> = [{ arbitrary: fc.integer({ min, max }).map((n) => num(n)), weight: 4 }];
  if (options.fractions ?? true) {
    parts.push({
      arbitrary: fc.tuple(fc.integer({ min, max }), fc.integer({ min: 2, max: 6 })).map(([p, q]) => num(p, q)),
      weight: 1,
    });
  }
  if (options.decimals ?? true) {
    parts.push({
      arbitrary: fc.tuple(fc.integer({ min: -999, max: 999 }), fc.integer({ min: 1, max: 4 })).map(([m, k]) => num(BigInt(m), 10n ** BigInt(k))),
      weight: 1,
    });
  }
  return fc.oneof(...parts);
}

function checkFunctions(names: readonly string[]): void {
  for (const f of names) if (!FUNCTIONS.has(f)) throw new MathError(`exprArb: '${f}' is not a known function`);
}

/** Random expressions over `vars`, with sums, products, quotients, powers and function calls. */
export function exprArb(options: ExprArbOptions = {}): fc.Arbitrary<Expr> {
  options = checkedExprOptions(options, 'exprArb');
  const vars = options.vars ?? ['x', 'y', 'z'];
  const functions = options.functions ?? ALL_FUNCTIONS;
  checkFunctions(functions);
  const undefinedFns = options.undefinedFunctions ?? [];
  for (const f of undefinedFns) if (FUNCTIONS.has(f)) throw new MathError(`exprArb: '${f}' is a known function, not an undefined one`);
  const maxDepth = options.maxDepth ?? 4;
  const numbers = options.numbers instanceof fc.Arbitrary ? options.numbers : numberArb(options.numbers);

  const leafParts: Array<fc.WeightedArbitrary<Expr>> = [{ arbitrary: numbers, weight: 2 }];
  if (vars.length > 0) leafParts.push({ arbitrary: fc.constantFrom(...vars).map(sym), weight: 4 });
  if (options.constants ?? true) leafParts.push({ arbitrary: fc.constantFrom(PI, E), weight: 1 });
  const leaf = fc.oneof(...leafParts);

  const node = (sub1: fc.Arbitrary<Expr>): fc.Arbitrary<Expr> => {
    const two = fc.tuple(sub1, sub1);
    const some = fc.array(sub1, { minLength: 2, maxLength: 3 });
    const parts: Array<fc.WeightedArbitrary<Expr>> = [
      { arbitrary: some.map((xs) => add(...xs)), weight: 3 },
      { arbitrary: two.map(([a, b]) => sub(a, b)), weight: 1 },
      { arbitrary: some.map((xs) => mul(...xs)), weight: 3 },
      { arbitrary: two.map(([a, b]) => safe(() => div(a, b), a)), weight: 2 },
      { arbitrary: sub1.map(neg), weight: 1 },
      {
        arbitrary: fc.tuple(sub1, fc.integer({ min: -3, max: 4 })).map(([a, n]) => safe(() => pow(a, n), a)),
        weight: 2,
      },
      {
        arbitrary: fc
          .tuple(sub1, fc.integer({ min: -3, max: 3 }).filter((p) => p !== 0), fc.integer({ min: 2, max: 5 }))
          .map(([a, p, q]) => safe(() => pow(a, num(p, q)), a)),
        weight: 1,
      },
    ];
    if (options.symbolicExponents ?? true) {
      parts.push({ arbitrary: two.map(([a, b]) => safe(() => pow(a, b), a)), weight: 1 });
    }
    if (functions.length > 0) {
      const calls = fc.constantFrom(...functions).chain((fn) => {
        // polygamma(n, u) is defined for orders n = 0, 1, 2, ... only: a small integer order
        if (fn === 'polygamma') return fc.tuple(fc.integer({ min: 0, max: 3 }), sub1).map(([n, u]) => call(fn, n, u));
        // Conditions are not numbers: each is drawn as the condition of a conditional (c ? u : v).
        if (CONDITION_FNS.has(fn) || fn === 'piecewise') {
          // Without piecewise among the functions (an oracle that lacks it), a condition cannot be drawn.
          if (!functions.includes('piecewise')) return sub1;
          const cmp = fc
            .tuple(fc.constantFrom('lt', 'le', 'eq', 'ne'), sub1, sub1)
            .map(([c, a, b]) => safe(() => call(c, a, b), ZERO));
          // and/or/not over comparisons of leaves, so that a conditional adds few levels of depth
          const cmpLeaves = fc
            .tuple(fc.constantFrom('lt', 'le', 'eq', 'ne'), leaf, leaf)
            .map(([c, a, b]) => safe(() => call(c, a, b), ZERO));
          const cond = CONDITION_FNS.has(fn) && !COMPARISON_FNS.has(fn) ? fc.array(cmpLeaves, { minLength: 2, maxLength: 2 }).map((cs) => safe(() => call(fn, ...(fn === 'not' ? [call('and', ...cs)] : cs)), ZERO)) : COMPARISON_FNS.has(fn) ? fc.tuple(sub1, sub1).map(([a, b]) => safe(() => call(fn, a, b), ZERO)) : cmp;
          return fc.tuple(cond, sub1, sub1).map(([c, a, b]) => safe(() => call('piecewise', c, a, b), a));
        }
        const info = FUNCTIONS.get(fn)!;
        const maxArgs = Math.min(info.maxArgs, info.minArgs + 2);
        return fc
          .array(sub1, { minLength: info.minArgs, maxLength: maxArgs })
          .map((args) => safe(() => call(fn, ...args), args[0]!));
      });
      parts.push({ arbitrary: calls, weight: 3 });
    }
    if (undefinedFns.length > 0) {
      const undefinedCalls = fc
        .tuple(fc.constantFrom(...undefinedFns), fc.array(sub1, { minLength: 1, maxLength: 2 }), fc.boolean())
        .map(([fn, args, differentiated]) => (differentiated ? derivativeCall(fn, args, [0]) : call(fn, ...args)));
      parts.push({ arbitrary: undefinedCalls, weight: 1 });
    }
    return fc.oneof(...parts);
  };

  const byDepth = fc.memo((depth: number): fc.Arbitrary<Expr> =>
    depth <= 0 ? leaf : fc.oneof({ arbitrary: leaf, weight: 1 }, { arbitrary: node(byDepth(depth - 1)), weight: 2 }),
  );
  return byDepth(maxDepth);
}

/**
 * Like `filter`, but gives up after `tries` draws: it then throws (when `onEmpty`
 * is 'throw') or yields null, instead of looping forever on an empty set.
 */
class BoundedFilter<T> extends fc.Arbitrary<T | null> {
  constructor(
    private readonly inner: fc.Arbitrary<T>,
    private readonly ok: (v: T) => boolean,
    private readonly tries: number,
    private readonly onEmpty: 'throw' | 'null',
    private readonly describe: () => string,
  ) {
    super();
  }
  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T | null> {
    for (let i = 0; i < this.tries; i++) {
      const v = this.inner.generate(mrng, biasFactor);
      if (this.ok(v.value)) return v;
    }
    if (this.onEmpty === 'throw') throw new Error(this.describe());
    return new fc.Value(null, undefined);
  }
  canShrinkWithoutContext(value: unknown): value is T | null {
    return value !== null && this.inner.canShrinkWithoutContext(value) && this.ok(value as T);
  }
  shrink(value: T | null, context: unknown): fc.Stream<fc.Value<T | null>> {
    if (value === null) return fc.Stream.nil();
    return this.inner.shrink(value, context).filter((v) => this.ok(v.value));
  }
}

export type Point = Record<string, number>;

export interface PointOptions {
  /** Draws before giving up (default 100). */
  readonly tries?: number;
  /** Further expressions that must be finite at the point too (a derivative, say). */
  readonly require?: readonly Expr[];
  /** The distribution of each coordinate (default: see `coordinateArb`). */
  readonly values?: fc.Arbitrary<number>;
}

/**
 * One coordinate: small integers, moderate values in [-10, 10] (with -0 and
 * subnormals), values near 0 (1e-12 .. 1e-2, both signs) and large ones (1e2 .. 1e8).
 */
export function coordinateArb(): fc.Arbitrary<number> {
  const scaled = (lo: number, hi: number): fc.Arbitrary<number> =>
    fc
      .tuple(fc.integer({ min: lo, max: hi }), fc.double({ min: 1, max: 10, noNaN: true }), fc.boolean())
      .map(([k, m, negative]) => (negative ? -1 : 1) * m * 10 ** k);
  return fc.oneof(
    { arbitrary: fc.integer({ min: -5, max: 5 }), weight: 3 },
    { arbitrary: fc.double({ min: -10, max: 10, noNaN: true }), weight: 4 },
    { arbitrary: scaled(-12, -3), weight: 2 },
    { arbitrary: scaled(2, 7), weight: 1 },
  );
}

function finiteAt(exprs: readonly Expr[], p: Point): boolean {
  return exprs.every((e) => Number.isFinite(evaluate(e, p)));
}

/** pointArb's and maybePointArb's arguments, checked. */
function pointArgs(fn: string, e: unknown, vars: unknown, options: PointOptions | undefined): [Expr, readonly string[] | undefined, PointOptions] {
  const x = intern(expectExpr(e, fn, arg(1, 'e')));
  const vs = expectVars(vars, fn, arg(2, 'vars'));
  return [x, vs, pointOptions(ownOptions(options, fn), fn)];
}

function pointCandidates(vars: readonly string[], values: fc.Arbitrary<number>): fc.Arbitrary<Point> {
  return fc.tuple(...vars.map(() => values)).map((xs) => Object.fromEntries(vars.map((v, i) => [v, xs[i]!])));
}

function boundedPoint(e: Expr, vars: readonly string[] | undefined, options: PointOptions, onEmpty: 'throw' | 'null') {
  const names = vars ?? freeSymbols(e, ...(options.require ?? []));
  const exprs = [e, ...(options.require ?? [])];
  const tries = options.tries ?? 100;
  return new BoundedFilter(
    pointCandidates(names, options.values ?? coordinateArb()),
    (p) => finiteAt(exprs, p),
    tries,
    onEmpty,
    () => `pointArb: none of ${tries} random points over (${names.join(', ')}) gives the expression a finite value; its domain may be empty or very small`,
  );
}

/**
 * Points (variable -> value) where `e` (and every `options.require`) evaluates to a
 * finite number, by bounded rejection sampling; vars default to e's free symbols.
 * Throws when no point is found in `tries` draws (an empty or tiny domain).
 */
export function pointArb(e: Expr, vars?: readonly string[], options: PointOptions = {}): fc.Arbitrary<Point> {
  [e, vars, options] = pointArgs('pointArb', e, vars, options);
  return boundedPoint(e, vars, options, 'throw') as fc.Arbitrary<Point>;
}

/** Like pointArb, but yields null instead of throwing when no point is found. */
export function maybePointArb(e: Expr, vars?: readonly string[], options: PointOptions = {}): fc.Arbitrary<Point | null> {
  [e, vars, options] = pointArgs('maybePointArb', e, vars, options);
  return boundedPoint(e, vars, options, 'null');
}

/**
 * A random expression together with a point of its domain (expressions whose domain
 * looks empty are drawn again). Points assign every variable of options.vars.
 */
export function exprWithPointArb(
  options: ExprArbOptions & PointOptions = {},
): fc.Arbitrary<{ expr: Expr; point: Point }> {
  options = pointOptions(checkedExprOptions(options, 'exprWithPointArb'), 'exprWithPointArb');
  const vars = options.vars ?? ['x', 'y', 'z'];
  return exprArb(options)
    .chain((expr) => maybePointArb(expr, vars, options).map((point) => (point === null ? null : { expr, point })))
    .filter((r): r is { expr: Expr; point: Point } => r !== null);
}

export type Bindings = Record<string, Expr>;

export interface BindingsOptions extends ExprArbOptions {
  /** Side conditions to satisfy (taken from the rule when a rule is given). */
  readonly guards?: readonly Guard[];
}

const isPatternVar = (name: string): boolean => name.startsWith('?');

/** Pattern variables of a rule (or the given names), in order. */
function patternVars(target: Rule | { lhs: Expr; rhs?: Expr } | readonly string[]): string[] {
  if (Array.isArray(target)) return [...(target as readonly string[])];
  const t = target as { lhs: Expr; rhs?: Expr };
  const roots = t.rhs ? [t.lhs, t.rhs] : [t.lhs];
  return freeSymbols(...roots).filter(isPatternVar);
}

function signOk(tests: ReadonlySet<GuardTest>, v: number): boolean {
  if (!Number.isFinite(v)) return false;
  if (tests.has('>0') && !(v > 0)) return false;
  if (tests.has('>=0') && !(v >= 0)) return false;
  if (tests.has('!=0') && v === 0) return false;
  return true;
}

/** An expression satisfying the given guard tests (by construction, or checked by evaluation). */
function guardedArb(v: string, tests: ReadonlySet<GuardTest>, options: ExprArbOptions): fc.Arbitrary<Expr> {
  const integral = tests.has('integer') || tests.has('even') || tests.has('odd');
  if (integral) {
    const ns: number[] = [];
    for (let n = -6; n <= 6; n++) {
      if (tests.has('even') && n % 2 !== 0) continue;
      if (tests.has('odd') && n % 2 === 0) continue;
      if (signOk(tests, n)) ns.push(n);
    }
    if (ns.length === 0) throw new Error(`bindingsArb: the guards on ${v} cannot all hold`);
    return fc.constantFrom(...ns).map((n) => num(n));
  }
  if (tests.has('constant')) {
    const constants = exprArb({ ...options, vars: [], undefinedFunctions: [] });
    return new BoundedFilter(
      constants,
      (c) => signOk(tests, evaluate(c, {})),
      200,
      'throw',
      () => `bindingsArb: found no constant satisfying the guards on ${v}`,
    ) as fc.Arbitrary<Expr>;
  }
  // Signs by construction through abs and exp, never through u^2: the builders
  // rewrite (x^(1/2))^2 to x, which is defined, and negative, for x < 0. Positive
  // values stay away from 0 so that float underflow (exp(-800) = 0) cannot break a guard.
  const anyExpr = exprArb(options);
  const abs = (u: Expr): Expr => call('abs', u);
  const positive = fc.oneof(
    numberArb({ min: 1, max: 9, fractions: true, decimals: true }).filter((n) => evaluate(n, {}) > 0),
    anyExpr.map((u) => add(call('exp', u), num(1, 10))),
    anyExpr.map((u) => add(pow(abs(u), 2), 1)),
    anyExpr.map((u) => add(abs(u), num(1, 2))),
  );
  if (tests.has('>0') || (tests.has('>=0') && tests.has('!=0'))) return positive;
  if (tests.has('>=0')) return fc.oneof(positive, fc.constant(num(0)), anyExpr.map((u) => pow(abs(u), 2)), anyExpr.map(abs));
  if (tests.has('!=0')) return fc.oneof(positive, positive.map(neg));
  return anyExpr;
}

/**
 * Bindings for a rule's pattern variables ('?a' -> expression) that satisfy the rule's
 * guards: integer/even/odd variables get such integers, 'constant' ones constant
 * expressions, sign guards expressions of that sign wherever they are defined.
 * Binding expressions are over options.vars (default x, y) with maxDepth 2 by default.
 */
export function bindingsArb(
  target: Rule | { lhs: Expr; rhs?: Expr; guards?: readonly Guard[] } | readonly string[],
  options: BindingsOptions = {},
): fc.Arbitrary<Bindings> {
  options = checkedExprOptions(options, 'bindingsArb');
  const isRule = typeof target === 'object' && target !== null && !Array.isArray(target) && isBuilt((target as { lhs?: unknown }).lhs);
  if (Array.isArray(target)) expectStrings(target, 'bindingsArb', arg(1, 'target'), "a rule, { lhs, rhs }, or pattern variables' names");
  else if (!isRule) throw argError('bindingsArb', arg(1, 'target'), "a rule (from parseRule), { lhs, rhs } or pattern variables' names", target);
  const given = options.guards;
  if (given !== undefined && (!Array.isArray(given) || given.some((g) => typeof g !== 'object' || g === null || typeof (g as Guard).v !== 'string'))) {
    throw argError('bindingsArb', opt('guards'), "an array of guards ({ v: '?a', test: '>0' }, from a rule)", given);
  }
  const names = patternVars(target);
  const guards = options.guards ?? (Array.isArray(target) ? [] : ((target as { guards?: readonly Guard[] }).guards ?? []));
  for (const g of guards) if (!names.includes(g.v)) names.push(g.v);
  const exprOptions: ExprArbOptions = { vars: ['x', 'y'], maxDepth: 2, ...options };
  const perVar = names.map((v) => {
    const tests = new Set(guards.filter((g) => g.v === v).map((g) => g.test));
    return guardedArb(v, tests, exprOptions);
  });
  return fc.tuple(...perVar).map((values) => Object.fromEntries(names.map((v, i) => [v, values[i]!])));
}
