// Rules as rewriters: a data rule (parsed from one line) or a code rule (a
// function with a name and a one-line statement) becomes a Rewriter that
// rewrites the node it is given, at its top only, or returns it unchanged.
import { add, mul, num } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { MathError, rat, ratAdd, ratMul, type Rational } from '../core/rational.js';
import type { Rule } from '../parse/rule.js';
import type { Rewriter } from './combinators.js';
import { featuresOf, requiredFeatures } from './features.js';
import { forEachMatch, forEachMatchIn, isGround, instantiate, type Match } from './match.js';
import { decideGuards } from './sign.js';
import type { SimplifyWork } from './work.js';
import { isRecoverable, type Budget } from '../core/budget.js';

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
  /** The forms it proposes for a node, spending from the call's work. */
  readonly candidates: (e: Expr, work: SimplifyWork) => readonly Expr[];
}

/** A data rule with the topic group it belongs to. */
export interface GroupedRule extends Rule {
  readonly group: string;
}

/** The right side for a match whose guards hold, or null (guards fail, or an exact division by zero). */
function rewriteOf(rule: Rule, m: Match): Expr | null {
  if (!decideGuards(rule.guards, m.bindings)) return null;
  try {
    return instantiate(rule.rhs, m.bindings);
  } catch (err) {
    if (isRecoverable(err)) return null; // the right side divides by an exact zero here
    throw err;
  }
}

/** Most rewrites by one rule inside one sum or product before it is rebuilt. */
const MAX_PASS = 256;

/**
 * The operands of a sum (product) with `x` added to them: x's own operands if
 * it is of the same kind, and the numbers combined into one, first (as the
 * matcher expects of a normalised node).
 */
function withOperand(kind: 'add' | 'mul', ops: readonly Expr[], x: Expr): Expr[] {
  let c: Rational = rat(kind === 'add' ? 0n : 1n);
  const out: Expr[] = [];
  for (const o of [...ops, ...(x.kind === kind ? x.args : [x])]) {
    if (o.kind === 'num') c = kind === 'add' ? ratAdd(c, o.value) : ratMul(c, o.value);
    else out.push(o);
  }
  const identity = kind === 'add' ? c.p === 0n : c.p === 1n && c.q === 1n;
  if (kind === 'mul' && c.p === 0n) return [num(0)];
  return identity ? out : [num(c), ...out];
}

/**
 * The rewrite of the node by the rule: a match whose guards hold, the right
 * side with the bindings put in, and (for a sum or product matched in part)
 * the operands left over kept beside it. In a sum or product the rule is
 * applied to every disjoint match in one pass (log(a) + log(b) + log(c) +
 * log(d) gives log(a*b) + log(c*d) at once, where one match at a time would
 * rebuild a wide sum once per match).
 */
/** A rule's rewrite at a node; its matching's backtracking steps are spent from `meter`. */
export type RuleRewriter = (e: Expr, meter?: Budget) => Expr;

export function applyRule(rule: Rule): RuleRewriter {
  const lhs = rule.lhs;
  const nary = (lhs.kind === 'add' || lhs.kind === 'mul') && !isGround(lhs) ? (lhs as Expr & { kind: 'add' | 'mul' }) : null;
  return (e, meter) => {
    if (nary && e.kind === nary.kind) {
      // Rewrite every disjoint match, put the results back among the operands, and
      // go again (log(a) + log(b) + log(c) + log(d): two passes), building the node
      // only once at the end.
      let list: readonly Expr[] = e.args;
      let changed = false;
      for (let pass = 0; pass < MAX_PASS && list.length >= nary.args.length - 1; pass++) {
        const outs: Expr[] = [];
        let rest: readonly Expr[] = list;
        for (let k = 0; k < MAX_PASS && rest.length >= nary.args.length - 1; k++) {
          let found = false;
          forEachMatchIn(nary, rest, (m) => {
            const out = rewriteOf(rule, m);
            if (out === null) return false;
            outs.push(out);
            rest = m.rest;
            found = true;
            return true;
          }, meter);
          if (!found) break;
        }
        if (outs.length === 0) break;
        list = outs.reduce((ops, out) => withOperand(nary.kind, ops, out), rest);
        changed = true;
      }
      if (!changed) return e;
      try {
        return e.kind === 'add' ? add(...list) : mul(...list);
      } catch (err) {
        if (isRecoverable(err)) return e;
        throw err;
      }
    }
    let result = e;
    forEachMatch(
      lhs,
      e,
      (m) => {
        const out = rewriteOf(rule, m);
        if (out === null || out === e) return false;
        result = out;
        return true;
      },
      undefined,
      meter,
    );
    return result;
  };
}

/** Which rules can match at a node: rules are filed by the kind (and function name) of their left side. */
export const headKey = (e: Expr): string => (e.kind === 'call' ? `call:${e.fn}:${e.derivs.length}` : e.kind);

/** A rule filed in an index: its place in the list, the features its left side needs, its rewrite. */
export interface IndexedRule<R extends Rule> {
  readonly slot: number;
  readonly rule: R;
  readonly required: number;
  readonly apply: RuleRewriter;
}

/**
 * Rules filed by the head of their left side (kind, and function name), with
 * the features a node must have for them to match: built once per rule set
 * and immutable, so it can be shared by every call.
 */
export class RuleIndex<R extends Rule> {
  private readonly byHead = new Map<string, IndexedRule<R>[]>();
  // Known functions' heads by name, so the lookup at a call builds no key string.
  private readonly calls = new Map<string, IndexedRule<R>[] | undefined>();
  readonly size: number;

  constructor(rules: readonly R[]) {
    rules.forEach((rule, slot) => {
      const key = headKey(rule.lhs);
      const entry = { slot, rule, required: requiredFeatures(rule.lhs), apply: applyRule(rule) };
      const list = this.byHead.get(key);
      if (list) list.push(entry);
      else this.byHead.set(key, [entry]);
    });
    this.size = rules.length;
  }

  listFor(e: Expr): readonly IndexedRule<R>[] | undefined {
    if (e.kind !== 'call') return this.byHead.get(e.kind);
    if (e.derivs.length > 0) return this.byHead.get(headKey(e));
    if (!this.calls.has(e.fn)) {
      if (this.calls.size > 10_000) this.calls.clear(); // names are few in practice; bound them anyway
      this.calls.set(e.fn, this.byHead.get(headKey(e)));
    }
    return this.calls.get(e.fn);
  }
}

/**
 * A rewriter that tries the indexed rules in order at a node, each through
 * `wrap` (made once per rule, when first needed): only those filed under the
 * node's head whose required features the node has; the first that changes
 * the node wins.
 */
export function dispatch<R extends Rule>(index: RuleIndex<R>, wrap: (r: IndexedRule<R>) => Rewriter): Rewriter {
  const wrapped: Array<Rewriter | undefined> = new Array(index.size);
  return (e) => {
    const list = index.listFor(e);
    if (!list) return e;
    const has = featuresOf(e);
    for (const entry of list) {
      if ((has & entry.required) !== entry.required) continue;
      const out = (wrapped[entry.slot] ??= wrap(entry))(e);
      if (out !== e) return out;
    }
    return e;
  };
}
