// Rules as rewriters: a data rule (parsed from one line) or a code rule (a
// function with a name and a one-line statement) becomes a Rewriter that
// rewrites the node it is given, at its top only, or returns it unchanged.
import { add, mul, num } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { MathError, rat, ratAdd, ratMul, type Rational } from '../core/rational.js';
import type { Rule } from '../parse/rule.js';
import type { Rewriter } from './combinators.js';
import { featuresOf, requiredFeatures } from './features.js';
import { forEachMatch, forEachMatchIn, isGround, substitute, type Match } from './match.js';
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

/** The right side for a match whose guards hold, or null (guards fail, or an exact division by zero). */
function rewriteOf(rule: Rule, m: Match): Expr | null {
  if (!decideGuards(rule.guards, m.bindings)) return null;
  try {
    return substitute(rule.rhs, m.bindings);
  } catch (err) {
    if (err instanceof MathError) return null; // the right side divides by an exact zero here
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
export function applyRule(rule: Rule): Rewriter {
  const lhs = rule.lhs;
  const nary = (lhs.kind === 'add' || lhs.kind === 'mul') && !isGround(lhs) ? (lhs as Expr & { kind: 'add' | 'mul' }) : null;
  return (e) => {
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
          });
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
        if (err instanceof MathError) return e;
        throw err;
      }
    }
    let result = e;
    forEachMatch(lhs, e, (m) => {
      const out = rewriteOf(rule, m);
      if (out === null || out === e) return false;
      result = out;
      return true;
    });
    return result;
  };
}

/** Which rules can match at a node: rules are filed by the kind (and function name) of their left side. */
export const headKey = (e: Expr): string => (e.kind === 'call' ? `call:${e.fn}:${e.derivs.length}` : e.kind);

type Entry = { required: number; rewrite: Rewriter };

/**
 * A rewriter that tries rules (each already a rewriter) in order at a node:
 * only those filed under the node's head whose required features the node
 * has; the first that changes the node wins.
 */
export function ruleIndex<R extends Rule>(rules: readonly R[], rewriter: (r: R) => Rewriter): Rewriter {
  const index = new Map<string, Entry[]>();
  for (const r of rules) {
    const key = headKey(r.lhs);
    const entry = { required: requiredFeatures(r.lhs), rewrite: rewriter(r) };
    const list = index.get(key);
    if (list) list.push(entry);
    else index.set(key, [entry]);
  }
  // Known functions' heads by name, so the lookup at a call builds no key string.
  const calls = new Map<string, Entry[] | undefined>();
  const listFor = (e: Expr): Entry[] | undefined => {
    if (e.kind !== 'call') return index.get(e.kind);
    if (e.derivs.length > 0) return index.get(headKey(e));
    if (!calls.has(e.fn)) {
      if (calls.size > 10_000) calls.clear(); // names are few in practice; bound them anyway
      calls.set(e.fn, index.get(headKey(e)));
    }
    return calls.get(e.fn);
  };
  return (e) => {
    const list = listFor(e);
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
