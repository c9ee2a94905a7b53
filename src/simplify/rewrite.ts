// Rules as rewriters: a data rule (parsed from one line) or a code rule (a
// function with a name and a one-line statement) becomes a Rewriter that
// rewrites the node it is given, at its top only, or returns it unchanged.
import { add, mul } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { MathError } from '../core/rational.js';
import type { Rule } from '../parse/rule.js';
import type { Rewriter } from './combinators.js';
import { children } from '../core/traverse.js';
import { memoFold } from './memo.js';
import { forEachMatch, substitute } from './match.js';
import { decideGuards } from './sign.js';

/**
 * A rule that needs code, listed like the data rules: a name, a statement, a
 * group. It proposes candidate forms of a node (each equal to it wherever it
 * is defined); the simplifier keeps the best one that improves on the node.
 */
export interface CodeRule {
  readonly name: string;
  readonly group: string;
  /** One line saying what it does, in the rule syntax where possible. */
  readonly statement: string;
  readonly candidates: (e: Expr) => readonly Expr[];
}

/** A data rule with the topic group it belongs to. */
export interface GroupedRule extends Rule {
  readonly group: string;
}

/**
 * The first rewrite of the node by the rule: a match whose guards hold, the
 * right side with the bindings put in, and (for a sum or product matched in
 * part) the operands left over kept beside it.
 */
export function applyRule(rule: Rule): Rewriter {
  return (e) => {
    let result = e;
    forEachMatch(rule.lhs, e, (m) => {
      if (!decideGuards(rule.guards, m.bindings)) return false;
      let out: Expr;
      try {
        out = substitute(rule.rhs, m.bindings);
        if (m.rest.length > 0) out = e.kind === 'add' ? add(out, ...m.rest) : mul(out, ...m.rest);
      } catch (err) {
        if (err instanceof MathError) return false; // the right side divides by an exact zero here
        throw err;
      }
      result = out;
      return out !== e;
    });
    return result;
  };
}

// A quick test before matching: the function names, constants and powers a
// left side has near its top (depth <= FEATURE_DEPTH) must all occur near the
// top of the node. Features are bits of a 31-bit mask (a hash of the name), so
// the test can only let through, never wrongly reject. Sums and products give
// no feature: a pattern's `?c*u` also matches u itself (?c = 1).
const FEATURE_DEPTH = 3;

function nameBit(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
  return 1 << (((h % 30) + 30) % 30);
}
const POW_BIT = 1 << 30;

function ownFeature(e: Expr): number {
  switch (e.kind) {
    case 'call':
      return nameBit(`${e.fn}'${e.derivs.length}`);
    case 'sym':
      return e.name.startsWith('?') ? 0 : nameBit(e.name);
    case 'pow':
      return POW_BIT;
    default:
      return 0;
  }
}

const featureMemo = new Map<number, number[]>();

/** Features of a node within FEATURE_DEPTH of its top (memoised by id). */
export function featuresOf(e: Expr): number {
  return memoFold(
    e,
    (n, kids: number[][]) => {
      const own = ownFeature(n);
      const out = [own];
      for (let d = 1; d <= FEATURE_DEPTH; d++) out.push(kids.reduce((m, k) => m | k[d - 1]!, own));
      return out;
    },
    featureMemo,
  )[FEATURE_DEPTH]!;
}

/** The features any node the pattern matches must have (from the pattern's non-variable parts near its top). */
export function requiredFeatures(pattern: Expr): number {
  let mask = 0;
  const stack: Array<[Expr, number]> = [[pattern, 0]];
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    if (d > FEATURE_DEPTH) continue;
    mask |= ownFeature(n);
    for (const c of children(n)) stack.push([c, d + 1]);
  }
  return mask;
}

/** Which rules can match at a node: rules are filed by the kind (and function name) of their left side. */
export const headKey = (e: Expr): string => (e.kind === 'call' ? `call:${e.fn}:${e.derivs.length}` : e.kind);

/**
 * A rewriter that tries rules (each already a rewriter) in order at a node:
 * only those filed under the node's head whose required features the node
 * has; the first that changes the node wins.
 */
export function ruleIndex<R extends Rule>(rules: readonly R[], rewriter: (r: R) => Rewriter): Rewriter {
  const index = new Map<string, Array<{ required: number; rewrite: Rewriter }>>();
  for (const r of rules) {
    const key = headKey(r.lhs);
    const entry = { required: requiredFeatures(r.lhs), rewrite: rewriter(r) };
    const list = index.get(key);
    if (list) list.push(entry);
    else index.set(key, [entry]);
  }
  return (e) => {
    const list = index.get(headKey(e));
    if (!list) return e;
    const has = featuresOf(e);
    for (const { required, rewrite } of list) {
      if ((has & required) !== required) continue;
      const out = rewrite(e);
      if (out !== e) return out;
    }
    return e;
  };
}
