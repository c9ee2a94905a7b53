/*
 * Soundness policy (the README quotes this).
 *
 * A rewrite L => R may fire only if L and R are equal at every real point where
 * L is defined. R may be defined at more points than L (x/x => 1 and
 * (x^2 - 1)/(x - 1) => x + 1 are allowed: they remove a hole), never at fewer,
 * and never differ where L has a value. Real semantics throughout: x^(p/q) with
 * q odd is real for x < 0, log and even roots need their argument > 0 (>= 0).
 * So sqrt(x^2) => abs(x) (never x), log(x^2) => 2*log(abs(x)) (never 2*log(x)),
 * (x^a)^b => x^(a*b) only when x >= 0 or a is an odd integer (for even a the
 * base becomes abs(x)), exp(log(u)) => u (log(u) exists only for u > 0), and
 * asin(sin(x)) => x never. A guard (`if ?a > 0`) is decided by the sign and
 * domain analysis in sign.ts, which claims a fact only when it holds wherever
 * the expression is defined; when it cannot tell, the rule does not fire.
 * Every built-in rule has a property test (checkRule) comparing L and R at
 * random points where the guard holds and L is finite: negative values,
 * values near 0 and large values included.
 *
 * Simpler means cheaper (cost.ts: operations as printed). A rewrite is kept
 * only if what it leads to, simplified in turn, is a strict improvement: fewer
 * operations, or as many with the sign outside (-sin(x) over sin(-x)). So
 * simplify never returns anything costlier than its input (it returns the
 * input itself rather), no sequence of rewrites can cycle, and its result is
 * a fixed point: simplify(simplify(e)) === simplify(e).
 */
import { arg, argError, expectBoolean, expectExpr, expectFunction, expectNumber, expectObject, opt, optional } from '../core/check-args.js';
import { intern } from '../core/build.js';
import { describeValue, ownOptions } from '../core/options.js';
import { rebuild } from '../core/build.js';
import { MathError } from '../core/rational.js';
import { budgetOf, isRecoverable, type Budget, type LimitOptions } from '../core/budget.js';
import { isExpr, type Expr, type Kind } from '../core/expr.js';
import { children, postorder } from '../core/traverse.js';
import { cachedParseRule } from '../parse/cache.js';
import { parse, parseRule } from '../parse/parser.js';
import type { Rule } from '../parse/rule.js';
import {
  best,
  chain,
  cheaper,
  cheapest,
  first,
  fixpoint,
  postwalk,
  regions,
  type AlternativeHooks,
  type CandidateHooks,
  type Memo,
  type Rewriter,
} from './combinators.js';
import { compareCost, improves } from './cost.js';
import { NODE_FOLDS, type NodeFold } from './fold.js';
import { decideGuard } from './sign.js';

const CONSTANT = { v: '?c', test: 'constant' } as const;
const KINDS: readonly Kind[] = ['num', 'sym', 'add', 'mul', 'pow', 'call'];
import { CODE_RULES } from './rational/rules.js';
import { dispatch, RuleIndex, type CodeRule, type GroupedRule } from './rewrite.js';
import { RULE_GROUPS } from './rules/index.js';
import { SimplifyWork, type SimplifyStats } from './work.js';

export interface SimplifyOptions extends LimitOptions {
  /** Extra rules (`'name: lhs => rhs if guard'` or parsed), tried before the built-in ones. */
  readonly rules?: readonly (string | Rule)[];
  /** Use the built-in rules as well (default true). */
  readonly builtins?: boolean;
  /** Called for each rewrite kept, in order: the rule, the node, and what the rule made of it. */
  readonly trace?: (ruleName: string, before: Expr, after: Expr) => void;
  /** Most candidate rewrites to evaluate (default: grows with the input's size). */
  readonly budget?: number;
  /** Filled in with what the call spent (distinct input nodes, rewrites, polynomial work). */
  readonly stats?: SimplifyStats;
  /**
   * Local cleaning only: the data rules and folds, bottom-up, one pass; no
   * polynomial arithmetic on whole regions. Linear with a small constant: what
   * derivative does for results too large for the full simplifier (a
   * derivative built from simplified parts mostly needs only this).
   */
  readonly local?: boolean;
  /** @internal The budget of an enclosing call (derivative, taylor), spent by this one too. */
  readonly meter?: Budget;
  /** @internal The input's graphSize, when the caller measured it already (derivative's tidy): not walked again. */
  readonly graph?: GraphSize;
}

/** Distinct nodes of an expression, and their argument slots in all. */
export interface GraphSize {
  readonly nodes: number;
  readonly edges: number;
}

/** The built-in data rules, parsed once at load. */
const BUILTIN_RULES: readonly GroupedRule[] = RULE_GROUPS.flatMap(({ group, rules }) =>
  rules.map((src): GroupedRule => ({ ...cachedParseRule(src), group })),
);

/** The rules of a simplifier: the data rules (indexed once) and the code rules. Immutable. */
interface RuleSet {
  readonly data: RuleIndex<GroupedRule>;
  readonly code: readonly CodeRule[];
  readonly folds: readonly NodeFold[];
}

const DEFAULT_SET: RuleSet = { data: new RuleIndex(BUILTIN_RULES), code: CODE_RULES, folds: NODE_FOLDS };

/** The memos of one rule set: results of the local pass, equal-cost alternatives, and of the region pass (inner and top). */
interface Memos {
  readonly local: Memo;
  readonly alt: Memo;
  readonly inner: Memo;
  readonly top: Memo;
  /** The region pass with the region folds (its tops' results differ from the first pass's). */
  readonly foldInner: Memo;
  readonly foldTop: Memo;
}

/**
 * The simplifier for a rule set, as one composition of combinators:
 *
 *   fixpoint(chain(local, regions(codeRules)))
 *
 * - local: bottom-up over the graph (postwalk), at each node the first data
 *   rule (by the head of the node) whose rewrite, simplified in turn by
 *   `local`, is an improvement;
 * - regions: bottom-up again, and at the top of each region of sums,
 *   products and integer powers, the best improving candidate of the code
 *   rules (common denominators, cancelling, factoring, expanding), each
 *   finished by `local`;
 * - repeated until nothing changes (a small budget of rounds).
 */
function simplifier(set: RuleSet, memos: Memos, work: SimplifyWork, hooks?: Tracer, localOnly = false): Rewriter {
  const spend =
    (r: Rewriter): Rewriter =>
    (e) => {
      if (work.rewritesLeft <= 0) return e;
      work.meter.spend();
      work.spent.attempts++;
      const out = r(e);
      if (out !== e) {
        work.rewritesLeft--;
        work.spent.rewrites++;
      }
      return out;
    };
  const spendAll =
    (r: (e: Expr, work: SimplifyWork) => readonly Expr[]) =>
    (e: Expr): readonly Expr[] => {
      if (work.rewritesLeft <= 0) return [];
      work.meter.spend();
      work.spent.attempts++;
      const out = r(e, work);
      work.rewritesLeft -= out.length;
      work.spent.rewrites += out.length;
      return out;
    };
  const finish: Rewriter = (e) => local(e);
  // A data rule may pass through a form of equal cost (sqrt(4*x^2) -> 2*sqrt(x^2) -> 2*abs(x)), but
  // not at a sum or product: a wide one has many equal-cost rewrites, and exploring them all is not linear.
  // A constant (no variables) may pass through a costlier form too: it is small, and its value may
  // fold (sec(pi) -> 1/cos(pi) -> -1).
  const sideways = (e: Expr, c: Expr): boolean =>
    (e.kind !== 'add' && e.kind !== 'mul' && compareCost(c, e) <= 0) || (e.kind === 'call' && decideGuard(CONSTANT, e));
  const dataRules: Rewriter = dispatch(set.data, (r) => cheaper(spend((e) => r.apply(e, work.meter)), finish, hooks?.for(r.rule.name), sideways, asCheap));
  const codeRule = (c: CodeRule): Rewriter => cheapest(spendAll(c.candidates), finish, hooks?.for(c.name));
  // Folds that read a whole region run at region tops, as code rules do; the others at every node.
  const regionFolds: CodeRule[] = set.folds
    .filter((f) => f.atRegionTop)
    .map((f) => ({
      name: f.name,
      group: f.group,
      statement: f.statement,
      candidates: (e) => {
        const out = f.fold(e);
        return out ? [out] : [];
      },
    }));
  // The other folds, by the kinds of node each can fold: a node tries only its own.
  const foldsByKind = new Map<Kind, Rewriter[]>(KINDS.map((k) => [k, []]));
  for (const f of set.folds) {
    if (f.atRegionTop) continue;
    const r = cheaper(spend((e) => f.fold(e) ?? e), finish, hooks?.for(f.name), sideways);
    for (const k of f.kinds ?? KINDS) foldsByKind.get(k)!.push(r);
  }
  const folds: Rewriter = (e) => {
    for (const r of foldsByKind.get(e.kind)!) {
      const out = r(e);
      if (out !== e) return out;
    }
    return e;
  };

  // A form of a function call or power as cheap as itself that a rule led to while the local
  // pass worked on it (log(x^3) has 3*log(x), asec(a/x) has acos(x/a)): the first one found.
  const asCheap = (e: Expr, out: Expr): void => {
    if (!memos.alt.has(e.id)) memos.alt.set(e.id, out);
  };
  const alternative = (k: Expr): Expr => memos.alt.get(k.id) ?? k;
  // A sum or product whose parts, each rewritten to its alternative, simplify further:
  // log(x^3) - 3*log(x) (log(x^3) is 3*log(x)), sqrt(4*pi)/sqrt(pi). One level deep, each
  // part's alternative found once by the local pass: linear.
  const partsRewritten = hooks?.for('equal-cost-parts');
  const viaAlternatives: Rewriter = (e) => {
    if ((e.kind !== 'add' && e.kind !== 'mul') || work.rewritesLeft <= 0) return e;
    let changed = false;
    const parts = e.args.map((k) => {
      const a = alternative(k);
      if (a !== k) changed = true;
      return a;
    });
    if (!changed) return e;
    let variant: Expr;
    try {
      variant = rebuild(e, parts);
    } catch (err) {
      if (isRecoverable(err)) return e;
      throw err;
    }
    partsRewritten?.begin();
    const out = local(variant);
    const log = partsRewritten?.take();
    if (!improves(out, e)) {
      // As cheap: the alternative of this node in turn (-asec(a/x) is -acos(x/a) inside a sum).
      if (out !== e && !improves(e, out)) asCheap(e, out);
      return e;
    }
    partsRewritten?.commit(e, variant, log);
    return out;
  };

  const local: Rewriter = postwalk(first(dataRules, folds, viaAlternatives), memos.local);
  if (localOnly) return local;
  // All code rules compete: a partial factoring (factor-common) must not pre-empt the expansion
  // that is cheaper still (d/dx of (x + 1)*...*(x + 60) written out).
  const codeRules: Rewriter = best(set.code.map(codeRule), hooks?.alternatives());
  const plain = fixpoint(chain(local, regions(codeRules, memos.inner, memos.top)), { budget: 4 });
  if (regionFolds.length === 0) return plain;
  // The folds that read whole regions go on from where the code rules stopped: a normal form
  // taken early is cheaper than the raw region but can block the shorter form later rounds
  // find (d/dx of an antiderivative in tan(x) came out as a 27-operation form in sin and cos).
  // A region top the first phase left as it was has had the code rules' answer (nothing better):
  // the second phase tries only the folds there.
  const settled = (r: Rewriter): Rewriter => (e) => (memos.top.get(e.id) === e ? e : r(e));
  const withFolds: Rewriter = best([...set.code.map((c) => settled(codeRule(c))), ...regionFolds.map(codeRule)], hooks?.alternatives());
  return chain(plain, fixpoint(chain(local, regions(withFolds, memos.foldInner, memos.foldTop)), { budget: 4 }));
}

/** Keeps the log of rewrites on accepted paths only, in the order they were made. */
class Tracer {
  private readonly stack: Array<Array<[string, Expr, Expr]>> = [[]];
  for(name: string): CandidateHooks {
    return {
      begin: () => {
        this.stack.push([]);
      },
      take: () => this.stack.pop()!,
      commit: (before, candidate, log) => {
        this.stack[this.stack.length - 1]!.push([name, before, candidate], ...(log as Array<[string, Expr, Expr]>));
      },
    };
  }
  alternatives(): AlternativeHooks {
    return {
      begin: () => {
        this.stack.push([]);
      },
      take: () => this.stack.pop()!,
      keep: (log) => {
        this.stack[this.stack.length - 1]!.push(...(log as Array<[string, Expr, Expr]>));
      },
    };
  }
  flush(sink: (ruleName: string, before: Expr, after: Expr) => void): void {
    for (const [n, b, a] of this.stack[0]!) sink(n, b, a);
    this.stack[0] = [];
  }
}

/**
 * Final results of the default simplifier, by input node. Only a call that
 * finished within its allowance files its answer, and every call works from
 * its own memos (what a subterm simplifies to depends on what the call could
 * still afford when it got there), so an entry is exactly what a fresh
 * process answers: the same question gets the same answer whatever ran
 * before. Keyed by the node object: an entry goes when its input does.
 */
let RESULTS = new WeakMap<Expr, Expr>();

/**
 * Simplifies an expression with the built-in rules (and any given): the
 * cheapest equivalent form found, never costlier than the input. Each call
 * gets its own work allowance and memos, so the answer does not depend on
 * what ran before.
 */
export function simplify(e: Expr | string, given?: SimplifyOptions): Expr {
  const options = ownOptions(given, 'simplify');
  const meter = options.meter ?? budgetOf(options, 'simplify');
  const input = typeof e === 'string' ? parse(e) : intern(expectExpr(e, 'simplify', arg(1, 'e')));
  simplifyFields(options);
  const extra = userRules(options.rules);
  const builtins = options.builtins ?? true;
  const shared = extra.length === 0 && builtins && !options.trace;
  const stats = options.stats;
  const localOnly = options.local === true;
  if (shared && !stats && !localOnly) {
    const known = RESULTS.get(input);
    if (known) return known;
  }
  const set: RuleSet = shared
    ? DEFAULT_SET
    : {
        data: new RuleIndex([...extra, ...(builtins ? BUILTIN_RULES : [])]),
        code: builtins ? CODE_RULES : [],
        folds: builtins ? NODE_FOLDS : [],
      };
  const tracer = options.trace ? new Tracer() : undefined;
  const memos: Memos = { local: new Map(), alt: new Map(), inner: new Map(), top: new Map(), foldInner: new Map(), foldTop: new Map() };
  const { nodes: size, edges } = options.graph ?? graphSize(input);
  meter.spend(size + edges);
  const work = SimplifyWork.forSize(size, options.budget, edges, meter);
  const run = simplifier(set, memos, work, tracer, localOnly);
  let out: Expr;
  try {
    out = run(input);
  } catch (err) {
    if (isRecoverable(err)) out = input; // a rewrite hit an exact division by zero the input did not show
    else throw err;
  }
  if (compareCost(out, input) > 0) out = input;
  if (stats) {
    stats.nodes = size;
    stats.rewrites = work.spent.rewrites;
    stats.attempts = work.spent.attempts;
    stats.polyWork = work.spent.poly;
    stats.regions = work.spent.regions;
  }
  // Within its allowance the result is final: remember it (a local-only result is not final).
  if (shared && !localOnly && work.rewritesLeft > 0 && work.polyLeft > 0) RESULTS.set(input, out);
  if (tracer && options.trace) tracer.flush(options.trace);
  return out;
}

/** Distinct nodes of e, and their argument slots in all. */
export function graphSize(e: Expr): GraphSize {
  const nodes = postorder(e);
  let edges = 0;
  for (const n of nodes) edges += children(n).length;
  return { nodes: nodes.length, edges };
}

/** The types of the options simplify reads (rules: userRules; the limits: budgetOf). */
function simplifyFields(options: SimplifyOptions): void {
  optional(options, 'builtins', expectBoolean, 'simplify');
  optional(options, 'local', expectBoolean, 'simplify');
  optional(options, 'trace', expectFunction, 'simplify');
  optional(options, 'stats', expectObject, 'simplify');
  const b = optional(options, 'budget', expectNumber, 'simplify');
  if (b !== undefined && !(b >= 0)) throw argError('simplify', opt('budget'), 'a number >= 0', b);
}

/** The caller's extra rules, each text or a Rule object (own properties only), checked. */
function userRules(rules: unknown): Array<Rule & { group: string }> {
  if (rules === undefined) return [];
  if (!Array.isArray(rules)) throw new MathError(`simplify: the rules option must be an array of rules, got ${describeValue(rules)}`);
  return rules.map((r: unknown, i) => {
    if (typeof r === 'string') return { ...parseRule(r), group: 'user' };
    const o = typeof r === 'object' && r !== null ? ownOptions(r as Rule, 'simplify') : undefined;
    if (!o || typeof o.name !== 'string' || !isExpr(o.lhs) || !isExpr(o.rhs)) {
      throw new MathError(`simplify: rule ${i + 1} must be a rule's text ('name: lhs => rhs') or a rule from parseRule, got ${describeValue(r)}`);
    }
    if (o.guards !== undefined && !Array.isArray(o.guards)) throw new MathError(`simplify: rule ${i + 1} (${o.name}): guards must be an array`);
    return { ...o, guards: o.guards ?? [], group: 'user' };
  });
}

/** Forgets everything the default simplifier memoised (for tests and benchmarks: a cold start). */
export function resetSimplifyMemo(): void {
  RESULTS = new WeakMap();
}

export interface RuleInfo {
  readonly name: string;
  /** The rule's line (data rules) or its one-line statement (code rules). */
  readonly source: string;
  readonly group: string;
  readonly kind: 'data' | 'code';
}

/** The built-in rules, in the order they are tried: name, source line (or statement), group. */
export function listRules(): RuleInfo[] {
  return [
    ...BUILTIN_RULES.map((r): RuleInfo => ({ name: r.name, source: r.source, group: r.group, kind: 'data' })),
    ...CODE_RULES.map((c): RuleInfo => ({ name: c.name, source: c.statement, group: c.group, kind: 'code' })),
    ...NODE_FOLDS.map((f): RuleInfo => ({ name: f.name, source: f.statement, group: f.group, kind: 'code' })),
  ];
}
