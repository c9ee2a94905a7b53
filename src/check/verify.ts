// verifyDerivative: is a hand-derived derivative right? A verdict is never a guess:
//
// 1. Symbolic: claimed - true derivative simplifies to 0: correct (a proof).
// 2. At rational points (near 0, negative, moderate and large values), claimed and
//    true derivative are evaluated exactly (rational arithmetic) or as certain
//    intervals (src/eval/precise.ts) at 64, 256 and 1024 bits. A difference that is
//    exactly nonzero, or an interval that excludes 0, is a certain counterexample:
//    wrong. Points where the two agree to every bit computed count as agreement.
// 3. Undefined functions (f(x), f'(x), D(g, 1)(x, y)) are replaced by concrete
//    functions (two different choices): a claim that fails for one is wrong, since
//    it must hold for every f.
// 4. Only where no certified evaluation exists (erf, gamma of non-integers, ...)
//    is float64 used, and then it can only agree: a float64 disagreement makes the
//    verdict undecided, never wrong.
// Correct needs enough agreeing points (8 by default) and no counterexample;
// anything else is undecided, with the reason.
import { argError, countOption, expectNumber, opt, optional } from '../core/check-args.js';
import { ownOptions } from '../core/options.js';
import { add, mul, sub, sym, ZERO } from '../core/build.js';
import type { Call, Expr } from '../core/expr.js';
import { FUNCTIONS } from '../core/functions.js';
import { MathError, type Rational } from '../core/rational.js';
import { fold, freeSymbols, postorder } from '../core/traverse.js';
import { rebuild, call, num } from '../core/build.js';
import { derivative } from '../diff/derivative.js';
import { substitute } from '../diff/substitute.js';
import { evaluate } from '../eval/evaluate.js';
import {
  certainSign,
  subtractPrecise,
  preciseText,
  preciseToNumber,
  preciseValue,
  rationalOf,
  type Precise,
  type PreciseResult,
} from '../eval/precise.js';
import { toExpr } from '../parse/parser.js';
import { simplify } from '../simplify/simplify.js';
import { toText } from '../print/text.js';
import { createRandom, DEFAULT_SEED } from './random.js';
import { relErrorScalar } from './relError.js';

export interface VerifyOptions {
  /** Relative error above which two float64 values differ (only for the float64 last resort; default 1e-12). */
  tolerance?: number;
  /** How many candidate points to try at most (default 60). */
  samples?: number;
  /** Agreeing points needed for "correct" when the symbolic test is inconclusive (default 8). */
  agreements?: number;
  seed?: number;
}

export interface Counterexample {
  /** The point, as float64 values (each exactly the rational used). */
  point: Record<string, number>;
  /** The claimed value and the true derivative there (nearest float64). */
  claimed: number;
  actual: number;
  relError: number;
  /** Both values to 20 significant digits (exact fractions where small), and how they are known. */
  claimedText: string;
  actualText: string;
  certainty: 'exact' | 'interval';
  /** The concrete functions substituted for undefined ones, as text (f := ...). */
  substituted?: Record<string, string>;
}

export interface Verdict {
  verdict: 'correct' | 'wrong' | 'undecided';
  /** How the verdict was reached. */
  method: 'symbolic' | 'exact' | 'interval' | 'float64';
  /** The true derivative (simplified when the simplifier could). */
  derivative: Expr;
  counterexample?: Counterexample;
  /** Why the verdict is undecided, or what a numeric "correct" rests on. */
  reason?: string;
  /** Points where the two agree, and points skipped (a side undefined, or undecidable there). */
  checked: number;
  skipped: number;
}

// Scales sampled for each variable: near zero, moderate, large, both signs.
const SCALES = [1e-3, 0.1, 0.5, 1, 2, 5, 30, 1e3];
const BITS = [64, 256, 1024];

export function verifyDerivative(claimed: Expr | string, f: Expr | string, wrt?: string, options: VerifyOptions = {}): Verdict {
  options = ownOptions(options, 'verifyDerivative');
  countOption(options, 'samples', 'verifyDerivative');
  countOption(options, 'agreements', 'verifyDerivative');
  const tol = optional(options, 'tolerance', expectNumber, 'verifyDerivative');
  if (tol !== undefined && !(tol >= 0)) throw argError('verifyDerivative', opt('tolerance'), 'a number >= 0', tol);
  optional(options, 'seed', (v, fn, what) => expectNumber(v, fn, what, true), 'verifyDerivative');
  const g = toExpr(claimed);
  const fe = toExpr(f);
  const x = wrt ?? onlyVariable(freeSymbols(fe));
  const raw = derivative(fe, x);
  const diff = simplify(sub(g, raw));
  const truth = simplifiedOr(raw);
  if (diff === ZERO) return { verdict: 'correct', method: 'symbolic', derivative: truth, checked: 0, skipped: 0 };

  const undefinedFns = undefinedFunctions(fe, g);
  const substitutions = undefinedFns.size === 0 ? [new Map<string, Concrete>()] : [0, 1].map((k) => concreteFunctions(undefinedFns, k));
  const samples = options.samples ?? 60;
  const needed = options.agreements ?? 8;
  const tolerance = options.tolerance ?? 1e-12;
  const rng = createRandom(options.seed ?? DEFAULT_SEED);
  let agreed = 0;
  let floatAgreed = 0;
  let skipped = 0;
  let floatDisagreement: string | undefined;
  const reasons = new Set<string>();
  let method: Verdict['method'] = 'exact';
  for (const subst of substitutions) {
    const fk = applyFunctions(fe, subst);
    const gk = applyFunctions(g, subst);
    const tk = subst.size === 0 ? raw : derivative(fk, x);
    const vars = freeSymbols(fk, gk, tk);
    const want = Math.ceil(needed / substitutions.length);
    let agreedHere = 0;
    for (let i = 0; i < samples && agreedHere < want; i++) {
      const point = randomPoint(vars, rng);
      const scope = Object.fromEntries(Object.entries(point).map(([k, v]) => [k, rationalOf(v)]));
      const outcome = compareAt(fk, gk, tk, scope);
      if (outcome.kind === 'differ') {
        // A certain counterexample. A few more points may show a clearer one (a larger relative difference).
        let best = { point, scope, outcome };
        let bestRel = relativeDifference(outcome.claimed, outcome.actual);
        for (let extra = 0; extra < 12 && i + 1 + extra < samples; extra++) {
          const p2 = randomPoint(vars, rng);
          const s2 = Object.fromEntries(Object.entries(p2).map(([k, v]) => [k, rationalOf(v)]));
          const o2 = compareAt(fk, gk, tk, s2, [64]);
          if (o2.kind !== 'differ') continue;
          const r2 = relativeDifference(o2.claimed, o2.actual);
          if (r2 > bestRel) {
            best = { point: p2, scope: s2, outcome: o2 };
            bestRel = r2;
          }
        }
        // Both values to 20 certain digits.
        const c = shown(gk, best.scope, best.outcome.claimed);
        const a = shown(tk, best.scope, best.outcome.actual);
        const cn = preciseToNumber(c);
        const an = preciseToNumber(a);
        const counterexample: Counterexample = {
          point: best.point,
          claimed: cn,
          actual: an,
          relError: relErrorScalar(cn, an),
          claimedText: preciseText(c),
          actualText: preciseText(a),
          certainty: best.outcome.certainty,
          ...(subst.size > 0 ? { substituted: Object.fromEntries([...subst].map(([k, v]) => [k, v.text])) } : {}),
        };
        return { verdict: 'wrong', method: best.outcome.certainty, derivative: truth, counterexample, checked: agreed, skipped };
      }
      if (outcome.kind === 'agree') {
        agreed++;
        agreedHere++;
        if (outcome.certainty === 'interval') method = 'interval';
        continue;
      }
      if (outcome.kind === 'skip') {
        skipped++;
        reasons.add(outcome.reason);
        continue;
      }
      // No certified evaluation here: float64, which may only agree.
      const fl = floatCompare(fk, gk, tk, point, tolerance);
      if (fl === 'skip') skipped++;
      else if (fl === 'agree') {
        floatAgreed++;
        agreedHere++;
      } else floatDisagreement ??= `${fl} (${outcome.reason})`;
    }
  }
  const checked = agreed + floatAgreed;
  if (floatDisagreement !== undefined) {
    return {
      verdict: 'undecided',
      method: 'float64',
      derivative: truth,
      reason: `float64 says the two differ ${floatDisagreement}, but that could not be certified`,
      checked,
      skipped,
    };
  }
  if (checked >= needed) {
    if (floatAgreed > 0) method = 'float64';
    const how =
      method === 'float64'
        ? `agrees in float64 at ${floatAgreed} points (${[...reasons].join('; ') || 'no certified evaluation'})${agreed > 0 ? ` and certainly at ${agreed}` : ''}`
        : `agrees at ${agreed} rational points, ${method === 'exact' ? 'exactly' : 'within certain intervals of 1024 bits'}`;
    return { verdict: 'correct', method, derivative: truth, reason: how, checked, skipped };
  }
  const why = reasons.size > 0 ? `: ${[...reasons].slice(0, 3).join('; ')}` : '';
  return {
    verdict: 'undecided',
    method,
    derivative: truth,
    reason: `only ${checked} of the ${needed} points needed could be compared (${skipped} skipped${why})`,
    checked,
    skipped,
  };
}

type Outcome =
  | { kind: 'differ'; claimed: Precise; actual: Precise; certainty: 'exact' | 'interval' }
  | { kind: 'agree'; certainty: 'exact' | 'interval' }
  | { kind: 'skip'; reason: string }
  | { kind: 'uncertified'; reason: string };

/** Claimed against true derivative at one rational point, at increasing precision. */
function compareAt(f: Expr, g: Expr, truth: Expr, scope: Record<string, Rational>, precisions: readonly number[] = BITS): Outcome {
  const fv = preciseValue(f, scope, 32);
  if (fv.kind === 'undefined') return { kind: 'skip', reason: `the function is undefined there (${fv.reason})` };
  for (const bits of precisions) {
    const c = preciseValue(g, scope, bits);
    const a = preciseValue(truth, scope, bits);
    const bad = [c, a].find((r): r is Extract<PreciseResult, { kind: 'unknown' | 'undefined' }> => r.kind === 'unknown' || r.kind === 'undefined');
    if (bad) {
      if (bad.kind === 'unknown' && bad.final) return { kind: 'uncertified', reason: bad.reason };
      if (bad.kind === 'undefined') return { kind: 'skip', reason: `a side is undefined there (${bad.reason})` };
      if (bits === precisions[precisions.length - 1]) return { kind: 'skip', reason: bad.reason };
      continue;
    }
    const d = subtractPrecise(c as Precise, a as Precise, bits);
    const s = certainSign(d);
    const certainty = d.kind === 'exact' ? 'exact' : 'interval';
    if (s !== undefined && s !== 0) return { kind: 'differ', claimed: c as Precise, actual: a as Precise, certainty };
    if (s === 0) return { kind: 'agree', certainty: 'exact' };
    if (bits === precisions[precisions.length - 1]) return { kind: 'agree', certainty: 'interval' };
  }
  return { kind: 'skip', reason: 'undecidable' };
}

/** A value recomputed at 256 bits for display (the one found, if that fails). */
function shown(e: Expr, scope: Record<string, Rational>, found: Precise): Precise {
  if (found.kind === 'exact') return found;
  const r = preciseValue(e, scope, 256);
  return r.kind === 'exact' || r.kind === 'interval' ? r : found;
}

/** |a - b| / (|a| + |b|) from the nearest floats (only to rank counterexamples). */
function relativeDifference(a: Precise, b: Precise): number {
  const x = preciseToNumber(a);
  const y = preciseToNumber(b);
  const r = relErrorScalar(x, y);
  return Number.isNaN(r) ? 0 : r;
}

/** The float64 last resort: 'agree', 'skip', or a description of the disagreement. */
function floatCompare(f: Expr, g: Expr, truth: Expr, point: Record<string, number>, tolerance: number): string {
  let fx: number;
  let said: number;
  let actual: number;
  try {
    fx = evaluate(f, point);
    said = evaluate(g, point);
    actual = evaluate(truth, point);
  } catch {
    return 'skip';
  }
  if (!Number.isFinite(fx) || !Number.isFinite(said) || !Number.isFinite(actual)) return 'skip';
  // Values that underflow say nothing (the notebook's lesson): 0 against 0 is no agreement.
  if (Math.max(Math.abs(said), Math.abs(actual)) < 1e-300) return 'skip';
  if (Math.abs(said - actual) <= tolerance * (Math.abs(said) + Math.abs(actual))) return 'agree';
  const at = Object.entries(point)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
  return `at ${at} (claimed ${said}, true derivative ${actual})`;
}

function randomPoint(vars: readonly string[], rng: ReturnType<typeof createRandom>): Record<string, number> {
  const point: Record<string, number> = {};
  for (const v of vars) {
    const scale = SCALES[rng.int(SCALES.length)]!;
    const x = (rng.next() < 0.5 ? -1 : 1) * scale * rng.uniform(0.5, 1.5);
    // 12 significant bits: a short exact rational (a dyadic fraction).
    const k = 11 - Math.floor(Math.log2(Math.abs(x)));
    point[v] = Math.round(x * 2 ** k) / 2 ** k;
  }
  return point;
}

function simplifiedOr(e: Expr): Expr {
  try {
    return simplify(e);
  } catch {
    return e;
  }
}

// ---- concrete functions for undefined ones ----

interface Concrete {
  readonly params: readonly string[];
  readonly body: Expr;
  readonly text: string;
}

/** The undefined functions called in the expressions, by name, with their arity. */
function undefinedFunctions(...roots: Expr[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of postorder(...roots)) {
    if (n.kind !== 'call' || FUNCTIONS.has(n.fn)) continue;
    const arity = out.get(n.fn);
    if (arity !== undefined && arity !== n.args.length) throw new MathError(`'${n.fn}' is called with ${arity} and with ${n.args.length} arguments`);
    out.set(n.fn, n.args.length);
  }
  return out;
}

/** Choice k of a concrete function for each undefined one: smooth, with every partial and mixed partial nonzero. */
function concreteFunctions(fns: ReadonlyMap<string, number>, k: number): Map<string, Concrete> {
  const out = new Map<string, Concrete>();
  let j = 0;
  for (const [name, arity] of fns) {
    const params = Array.from({ length: arity }, (_, i) => `u${i + 1}`);
    const us = params.map((p) => sym(p));
    const terms: Expr[] = us.map((u, i) => call('sin', add(mul(num(i + 2 + j, k + 3), u), num(1, i + 2 + k))));
    terms.push(call('exp', mul(num(1, 5 + j + k), ...us)));
    terms.push(mul(num(k + j + 1, 7), us[0]!));
    const body = add(...terms);
    out.set(name, { params, body, text: `${name}(${params.join(', ')}) := ${toText(body)}` });
    j++;
  }
  return out;
}

/** e with every undefined function (and its derivatives) replaced by its concrete choice. */
function applyFunctions(e: Expr, subst: ReadonlyMap<string, Concrete>): Expr {
  if (subst.size === 0) return e;
  return fold<Expr>(e, (n, kids) => {
    if (n.kind !== 'call' || !subst.has(n.fn)) return rebuild(n, kids);
    const c = subst.get(n.fn)!;
    let body = c.body;
    for (const d of (n as Call).derivs) body = derivative(body, c.params[d]!);
    return substitute(body, Object.fromEntries(c.params.map((p, i) => [p, kids[i]!])));
  });
}

function onlyVariable(vars: string[]): string {
  if (vars.length === 1) return vars[0]!;
  throw new MathError(
    vars.length === 0
      ? 'the expression has no variable to differentiate by'
      : `say which variable to differentiate by: the expression has ${vars.join(', ')}`,
  );
}
