// checkRule: a rewrite rule's soundness as a fast-check property. At random
// bindings of its pattern variables that satisfy its guards (by construction,
// see testing/arbitraries.ts bindingsArb), and random points (negative values,
// values near 0 and large ones included), wherever the left side has a finite
// value the right side must have the same value. Skipped (fc.pre): points
// where the left side is not finite, and points where some part of either
// side leaves the comfortable float range (|v| > 1e150, or below 1e-150 but
// not 0, or infinite: there overflow and underflow decide, not the rule).
// The comparison allows for rounding: a relative tolerance scaled by the
// largest magnitude met, plus the noise that jiggling every rounded result
// by a few ulps produces (ill-conditioned points, such as atanh near 1).
import { arg, argError, expectExpr, expectInteger, expectNumber, expectObject, expectStrings, opt, optional } from '../core/check-args.js';
import { intern } from '../core/build.js';
import { isBuilt } from '../core/expr.js';
import { ownOptions } from '../core/options.js';
import fc from 'fast-check';
import type { Expr } from '../core/expr.js';
import { MathError } from '../core/rational.js';
import { postorder } from '../core/traverse.js';
import { evaluate, powRational } from '../eval/evaluate.js';
import { NUMERIC } from '../eval/numeric.js';
import { parseRule } from '../parse/parser.js';
import type { Rule } from '../parse/rule.js';
import { toText } from '../print/text.js';
import { bindingsArb, coordinateArb, type ExprArbOptions } from './arbitraries.js';
import { forEachMatch, instantiate, type PatternBindings } from '../simplify/match.js';
import { decideGuards } from '../simplify/sign.js';
import { isRecoverable } from '../core/budget.js';

export interface CheckRuleOptions {
  /** Variables the bindings are built from (default x, y). */
  readonly vars?: readonly string[];
  /** Nesting of the random bindings (default 2). */
  readonly maxDepth?: number;
  /** Functions the bindings may use (default all known ones). */
  readonly functions?: readonly string[];
  /**
   * Relative tolerance, scaled by the largest magnitude met while evaluating
   * either side (so cancellation in cosh(x)^2 - sinh(x)^2 is not blamed on
   * the rule). Default 1e-9.
   */
  readonly tolerance?: number;
  /** Filled in as the property runs: points compared, and points skipped (not finite, out of float range). */
  readonly stats?: { compared: number; skipped: number };
}

/**
 * Values of every subexpression at the point, each rounded result optionally
 * jiggled by a few ulps (random relative error): running it a few times
 * estimates how much rounding alone moves the value (cancellation in
 * cosh(x)^2 - sinh(x)^2, atanh near +-1), so ill-conditioned points are not
 * blamed on the rule while a real difference still shows.
 */
function values(e: Expr, at: Record<string, number>, jiggle?: () => number): Map<number, number> {
  const v = new Map<number, number>();
  // An underflow (a product, power or exp of nonzero numbers that comes out 0) makes the point untame.
  let flushed = false;
  for (const n of postorder(e)) {
    let x: number;
    switch (n.kind) {
      case 'num':
      case 'sym':
        x = evaluate(n, at);
        break;
      case 'add':
        x = n.args.reduce((s, a) => s + v.get(a.id)!, 0);
        break;
      case 'mul':
        x = n.args.reduce((s, a) => s * v.get(a.id)!, 1);
        break;
      case 'pow':
        x = n.exp.kind === 'num' ? powRational(v.get(n.base.id)!, n.exp.value) : Math.pow(v.get(n.base.id)!, v.get(n.exp.id)!);
        break;
      case 'call': {
        const f = n.derivs.length === 0 ? NUMERIC.get(n.fn) : undefined;
        x = f ? f(...n.args.map((a) => v.get(a.id)!)) : NaN;
        break;
      }
    }
    if (x === 0 && (n.kind === 'mul' || n.kind === 'pow' || (n.kind === 'call' && n.fn === 'exp'))) {
      const inputs = n.kind === 'pow' ? [n.base] : n.args;
      if (inputs.every((a) => v.get(a.id) !== 0)) flushed = true;
    }
    v.set(n.id, jiggle && n.kind !== 'num' && n.kind !== 'sym' ? x * (1 + jiggle()) : x);
  }
  if (flushed) v.set(-1, Infinity); // marks the point as not tame
  return v;
}

/** A point where every part of both sides is comfortably inside float range (else overflow, not the rule, decides). */
function tame(vs: Iterable<number>): boolean {
  for (const x of vs) {
    if (x === Infinity || x === -Infinity) return false;
    const a = Math.abs(x);
    if (a > 1e150 || (a > 0 && a < 1e-150)) return false;
  }
  return true;
}

function build(f: () => Expr): Expr | null {
  try {
    return f();
  } catch (err) {
    if (isRecoverable(err)) return null;
    throw err;
  }
}

/**
 * Do two expressions agree at a point, as far as floats can tell? 'skip' where
 * `lhs` is not defined (not finite, or some part of it not finite), where a
 * part of either side leaves the comfortable float range or underflows, or
 * where rounding alone moves `lhs` by a thousandth of itself (no digits to
 * compare). Otherwise ok when |l - r| is within `tolerance` times the largest
 * magnitude met plus 100 times the rounding noise measured by jiggling every
 * rounded result by a few ulps (5 runs from `seed`).
 */
export function agreeAt(
  lhs: Expr,
  rhs: Expr,
  at: Record<string, number>,
  options: { tolerance?: number; seed?: number } = {},
): 'skip' | { ok: boolean; l: number; r: number } {
  lhs = intern(expectExpr(lhs, 'agreeAt', arg(1, 'lhs')));
  rhs = intern(expectExpr(rhs, 'agreeAt', arg(2, 'rhs')));
  expectObject(at, 'agreeAt', arg(3, 'at'), 'a point, like { x: 1 }');
  options = ownOptions(options, 'agreeAt');
  const tol = optional(options, 'tolerance', expectNumber, 'agreeAt');
  if (tol !== undefined && !(tol >= 0)) throw argError('agreeAt', opt('tolerance'), 'a number >= 0', tol);
  optional(options, 'seed', expectNumber, 'agreeAt');
  const tolerance = options.tolerance ?? 1e-9;
  const lv = values(lhs, at);
  const l = lv.get(lhs.id)!;
  // L is defined where every part of it is (NaN^0 = 1 in floats does not count).
  if (!Number.isFinite(l) || [...lv.values()].some((x) => Number.isNaN(x))) return 'skip';
  const rv = values(rhs, at);
  const r = rv.get(rhs.id)!;
  if (!tame(lv.values()) || !tame(rv.values())) return 'skip';
  let state = (options.seed ?? 1) | 0;
  const jiggle = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) | 0;
    return ((state >>> 8) / 2 ** 24 - 0.5) * 8e-16;
  };
  // (A jiggled left side that is no longer finite sits on the edge of its domain: all noise.)
  let noise = 0;
  for (let i = 0; i < 5; i++) {
    const lj = values(lhs, at, jiggle).get(lhs.id)!;
    const rj = values(rhs, at, jiggle).get(rhs.id)!;
    noise = Math.max(noise, Number.isFinite(lj) ? Math.abs(lj - l) : Infinity, Number.isFinite(rj) ? Math.abs(rj - r) : 0);
  }
  if (noise > 1e-3 * Math.max(1, Math.abs(l))) return 'skip';
  const scale = Math.max(1, ...[...lv.values(), ...rv.values()].filter(Number.isFinite).map(Math.abs));
  return { ok: Number.isFinite(r) && Math.abs(l - r) <= tolerance * scale + 100 * noise, l, r };
}

/** A rule object (from parseRule), checked. */
function expectRule(rule: unknown): Rule {
  const o = rule as Rule;
  if (typeof rule !== 'object' || rule === null || typeof o.name !== 'string' || !isBuilt(o.lhs) || !isBuilt(o.rhs) || !Array.isArray(o.guards)) {
    throw argError('checkRule', arg(1, 'rule'), "a rule's text ('name: lhs => rhs') or a rule from parseRule", rule);
  }
  return o;
}

/** The rewrite the rule makes of e (its first match whose guards hold), as the simplifier would. */
function firstRewrite(r: Rule, e: Expr): { map: PatternBindings; rhs: Expr } | null {
  let out: { map: PatternBindings; rhs: Expr } | null = null;
  forEachMatch(r.lhs, e, (m) => {
    if (m.rest.length > 0 || !decideGuards(r.guards, m.bindings)) return false;
    const rhs = build(() => instantiate(r.rhs, m.bindings));
    if (rhs) out = { map: m.bindings, rhs };
    return rhs !== null;
  });
  return out;
}

/**
 * A fast-check property: `fc.assert(checkRule('sq: sin(?a)^2 + cos(?a)^2 => 1'))`.
 * It fails, with the rule, the bindings, the point and both values, where the
 * left side is finite and the right side differs from it.
 */
export function checkRule(
  rule: Rule | string,
  options: CheckRuleOptions = {},
): fc.IPropertyWithHooks<[Record<string, Expr>, Record<string, number>, number]> {
  const r = typeof rule === 'string' ? parseRule(rule) : expectRule(rule);
  options = ownOptions(options, 'checkRule');
  const tol = optional(options, 'tolerance', expectNumber, 'checkRule');
  if (tol !== undefined && !(tol >= 0)) throw argError('checkRule', opt('tolerance'), 'a number >= 0', tol);
  optional(options, 'stats', expectObject, 'checkRule');
  // vars, maxDepth and functions: checked by bindingsArb (with checkRule's name)
  for (const k of ['vars', 'functions'] as const) optional(options, k, expectStrings, 'checkRule');
  optional(options, 'maxDepth', expectInteger, 'checkRule');
  const vars = options.vars ?? ['x', 'y'];
  const tolerance = options.tolerance ?? 1e-9;
  const exprOptions: ExprArbOptions = {
    vars,
    maxDepth: options.maxDepth ?? 2,
    ...(options.functions ? { functions: options.functions } : {}),
  };
  const point = fc.record(Object.fromEntries(vars.map((v) => [v, coordinateArb()]))) as fc.Arbitrary<Record<string, number>>;
  const stats = options.stats;
  const pre = (ok: boolean): void => {
    if (!ok && stats) stats.skipped++;
    fc.pre(ok);
  };
  return fc.property(bindingsArb(r, exprOptions), point, fc.integer(), (bindings, at, seed) => {
    const lhs = build(() => instantiate(r.lhs, new Map(Object.entries(bindings))));
    pre(lhs !== null);
    // What the simplifier would do with this left side: the rule's own match of it (the builders
    // may have normalised the substituted left side into something the rule does not match).
    const found: { map: PatternBindings; rhs: Expr } | null = firstRewrite(r, lhs!);
    pre(found !== null);
    const { map, rhs } = found!;
    const verdict = agreeAt(lhs!, rhs, at, { tolerance, seed });
    pre(verdict !== 'skip');
    const { l, r: rvalue } = verdict as { ok: boolean; l: number; r: number };
    if (stats) stats.compared++;
    if (!(verdict as { ok: boolean }).ok) {
      const shown = [...map].map(([k, v]) => `${k} = ${toText(v)}`).join(', ');
      const where = Object.entries(at)
        .map(([k, v]) => `${k} = ${v}`)
        .join(', ');
      throw new Error(
        `rule ${r.name} (${r.source}) is not sound: with ${shown} at ${where}, ` +
          `${toText(lhs!)} = ${l} but ${toText(rhs)} = ${rvalue}`,
      );
    }
    return true;
  });
}
