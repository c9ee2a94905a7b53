// Pattern matching of a rule's left side against a node. Pattern variables are
// symbols named `?a`. Sums and products match modulo associativity and
// commutativity: the pattern's operands are matched to distinct operands of the
// subject (bounded backtracking); at the top of a rule the unmatched operands
// are kept (`sin(?a)^2 + cos(?a)^2` matches inside a longer sum), and inside a
// pattern one bare variable takes what is left (`?c*sin(?a)` matches
// `2*y*sin(x)` with ?c = 2*y, and `sin(x)` with ?c = 1, though `?a + ?b` never
// matches a lone x with ?b = 0). Numeric literals match
// exactly, except that a pattern's numeric coefficient (or constant term) may
// split the subject's of the same sign: `-?a` matches `-3*x` with ?a = 3*x,
// `2*?a` matches `6*x` with ?a = 3*x.
//
// Backtracking is written with continuations: each matcher calls `k` with the
// bindings of every way it matches, and stops as soon as `k` returns true.
// Patterns are small, so the recursion follows the pattern's depth only, never
// the subject's.
import { nodeMemo } from '../core/memo.js';
import { add, mul, num, ONE, replaceSymbols, ZERO } from '../core/build.js';
import type { Expr, Sym } from '../core/expr.js';
import { fold, postorder } from '../core/traverse.js';
import { ratAdd, ratInv, ratMul, ratNeg, type Rational } from '../core/rational.js';
import { mayMatch, requiredFeatures } from './features.js';
import type { Budget } from '../core/budget.js';

export type PatternBindings = ReadonlyMap<string, Expr>;

/** A match at the top of a rule: the bindings and the subject's operands left over (for add/mul). */
export interface Match {
  readonly bindings: PatternBindings;
  readonly rest: readonly Expr[];
}

export const isPatternVar = (e: Expr): e is Sym => e.kind === 'sym' && e.name.startsWith('?');

const groundMemo = nodeMemo<boolean>();
/** Does the expression contain no pattern variables? */
export const isGround = (e: Expr): boolean =>
  fold(e, (n, kids: boolean[]) => !isPatternVar(n) && kids.every(Boolean), groundMemo);

/** Pattern variables of an expression, in first-seen order. */
export const patternVars = (e: Expr): string[] => postorder(e).filter(isPatternVar).map((s) => s.name);

/** Steps of backtracking allowed per top-level match, so no pattern can run away. */
const MATCH_BUDGET = 5000;

function bitCount(n: number): number {
  let c = 0;
  for (let x = n; x !== 0; x &= x - 1) c++;
  return c;
}

/** Bindings as a persistent list (patterns have a handful of variables). */
interface Bind {
  readonly name: string;
  readonly value: Expr;
  readonly next: Bind | null;
}

function lookup(b: Bind | null, name: string): Expr | undefined {
  for (let x = b; x; x = x.next) if (x.name === name) return x.value;
  return undefined;
}

function toMap(b: Bind | null): Map<string, Expr> {
  const m = new Map<string, Expr>();
  for (let x = b; x; x = x.next) if (!m.has(x.name)) m.set(x.name, x.value);
  return m;
}

function fromMap(m: PatternBindings): Bind | null {
  let b: Bind | null = null;
  for (const [name, value] of m) b = { name, value, next: b };
  return b;
}

interface Shape {
  /** Has something besides bare variables (so a variable may take the identity). */
  readonly anchored: boolean;
  readonly vars: readonly Sym[];
  /** Non-variable operands, the most demanding first: they rule out most of a wide sum at once. */
  readonly fixed: readonly Expr[];
}

const shapes = new WeakMap<readonly Expr[], Shape>();

/** How an n-ary pattern's operands split into variables and the rest (memoised per pattern). */
function shapeOf(pargs: readonly Expr[], ps: readonly Expr[]): Shape {
  let shape = shapes.get(pargs);
  if (!shape) {
    shape = {
      anchored: ps.length < pargs.length || ps.some((p) => !isPatternVar(p)),
      vars: ps.filter((p) => isPatternVar(p)) as Sym[],
      fixed: ps.filter((p) => !isPatternVar(p)).sort((a, b) => bitCount(requiredFeatures(b)) - bitCount(requiredFeatures(a))),
    };
    shapes.set(pargs, shape);
  }
  return shape;
}

type K = (b: Bind | null) => boolean;
type KRest = (b: Bind | null, rest: Expr[]) => boolean;

class Matcher {
  steps = 0;

  private tick(): boolean {
    return ++this.steps <= MATCH_BUDGET;
  }

  one(p: Expr, s: Expr, b: Bind | null, k: K): boolean {
    if (!this.tick()) return false;
    if (isPatternVar(p)) {
      const bound = lookup(b, p.name);
      if (bound === undefined) return k({ name: p.name, value: s, next: b });
      return bound === s && k(b);
    }
    if (isGround(p)) return p === s && k(b);
    switch (p.kind) {
      case 'num':
        return false; // ground, handled above
      case 'pow':
        return s.kind === 'pow' && this.one(p.base, s.base, b, (b1) => this.one(p.exp, s.exp, b1, k));
      case 'call':
        if (s.kind !== 'call' || s.fn !== p.fn || s.args.length !== p.args.length) return false;
        if (s.derivs.join() !== p.derivs.join()) return false;
        return this.seq(p.args, s.args, 0, b, k);
      case 'add':
      case 'mul':
        return this.ac(p.kind, p.args, s.kind === p.kind ? s.args : [s], b, false, (b1, rest) => rest.length === 0 && k(b1));
    }
  }

  private seq(ps: readonly Expr[], ss: readonly Expr[], i: number, b: Bind | null, k: K): boolean {
    if (i === ps.length) return k(b);
    return this.one(ps[i]!, ss[i]!, b, (b1) => this.seq(ps, ss, i + 1, b1, k));
  }

  /**
   * Matches the operands of an n-ary pattern to distinct operands of the
   * subject; `k` gets the bindings and the subject operands left over. At the
   * top the leftovers are the caller's to keep; inside a pattern one bare
   * variable must take them (or the identity, 0 or 1, when nothing is left).
   */
  ac(kind: 'add' | 'mul', pargs: readonly Expr[], sargs: readonly Expr[], b: Bind | null, top: boolean, k: KRest): boolean {
    let ps = pargs;
    let ss = sargs;
    // The numeric operand: equal, or split off the subject's of the same sign.
    if (ps[0]?.kind === 'num') {
      const pk = ps[0].value;
      ps = ps.slice(1);
      const sn = ss[0]?.kind === 'num' ? ss[0] : null;
      if (!sn) return false;
      ss = ss.slice(1);
      if (sn.value.p !== pk.p || sn.value.q !== pk.q) {
        const left: Rational = kind === 'mul' ? ratMul(sn.value, ratInv(pk)) : ratAdd(sn.value, ratNeg(pk));
        if (kind === 'mul' && left.p < 0n) return false; // split only between numbers of the same sign
        if (kind === 'add' && sn.value.p > 0n !== pk.p > 0n) return false;
        ss = [num(left), ...ss];
      }
    }
    const { anchored, vars, fixed } = shapeOf(pargs, ps);
    // Most attempts fail here, before any allocation: each non-variable operand needs an operand
    // of its own, and the most demanding one (first) must find one that may match.
    if (fixed.length > ss.length) return false;
    if (fixed.length > 0 && !ss.some((s) => mayMatch(fixed[0]!, s))) return false;
    const used = new Uint8Array(ss.length);
    const left = (): Expr[] => ss.filter((_, j) => !used[j]);

    const assignVars = (i: number, bs: Bind | null): boolean => {
      if (i === vars.length) {
        const rest = left();
        return (top || rest.length === 0) && k(bs, rest);
      }
      const v = vars[i]!;
      const bound = lookup(bs, v.name);
      const last = i === vars.length - 1;
      if (bound !== undefined) {
        // Already bound: it must equal one operand, or (inside) the sum/product of all that is left.
        for (let j = 0; j < ss.length; j++) {
          if (used[j] || ss[j] !== bound) continue;
          used[j] = 1;
          const done = assignVars(i + 1, bs);
          used[j] = 0;
          if (done) return true;
        }
        if (!top && last) {
          const rest = left();
          if (rest.length > 1 && combine(kind, rest) === bound) return k(bs, []);
        }
        return false;
      }
      if (last && !top) {
        // The last variable inside a pattern takes everything left; the identity (0 or 1) only when
        // the pattern has something else to match (`?c*sin(?a)` matches sin(x), `?a + ?b` never matches x).
        const rest = left();
        if (rest.length === 0 && !anchored) return false;
        return k({ name: v.name, value: combine(kind, rest), next: bs }, []);
      }
      for (let j = 0; j < ss.length; j++) {
        if (used[j]) continue;
        if (!this.tick()) return false;
        used[j] = 1;
        const done = assignVars(i + 1, { name: v.name, value: ss[j]!, next: bs });
        used[j] = 0;
        if (done) return true;
      }
      return false;
    };

    const assignFixed = (i: number, bs: Bind | null): boolean => {
      if (i === fixed.length) return assignVars(0, bs);
      const p = fixed[i]!;
      for (let j = 0; j < ss.length; j++) {
        if (used[j] || !mayMatch(p, ss[j]!)) continue;
        used[j] = 1;
        const done = this.one(p, ss[j]!, bs, (b1) => assignFixed(i + 1, b1));
        used[j] = 0;
        if (done) return true;
        if (this.steps > MATCH_BUDGET) return false;
      }
      return false;
    };

    return assignFixed(0, b);
  }
}

const combine = (kind: 'add' | 'mul', xs: readonly Expr[]): Expr =>
  xs.length === 0 ? (kind === 'add' ? ZERO : ONE) : xs.length === 1 ? xs[0]! : kind === 'add' ? add(...xs) : mul(...xs);

/**
 * Calls `visit` with each match of `pattern` at the top of `subject`, first
 * ones first, until it returns true; returns whether one did.
 */
export function forEachMatch(
  pattern: Expr,
  subject: Expr,
  visit: (m: Match) => boolean,
  initial: PatternBindings = new Map(),
  meter?: Budget,
): boolean {
  const m = new Matcher();
  const b = fromMap(initial);
  try {
    if ((pattern.kind === 'add' || pattern.kind === 'mul') && subject.kind === pattern.kind && !isGround(pattern)) {
      return m.ac(pattern.kind, pattern.args, subject.args, b, true, (bs, rest) => visit({ bindings: toMap(bs), rest }));
    }
    return m.one(pattern, subject, b, (bs) => visit({ bindings: toMap(bs), rest: [] }));
  } finally {
    meter?.spend(m.steps);
  }
}

/**
 * Like forEachMatch for an n-ary pattern against a list of operands of the
 * same kind (what is left of a sum or product after earlier matches).
 */
export function forEachMatchIn(
  pattern: Expr & { kind: 'add' | 'mul' },
  operands: readonly Expr[],
  visit: (m: Match) => boolean,
  meter?: Budget,
): boolean {
  const m = new Matcher();
  try {
    return m.ac(pattern.kind, pattern.args, operands, null, true, (bs, rest) => visit({ bindings: toMap(bs), rest }));
  } finally {
    meter?.spend(m.steps);
  }
}

/** All matches of `pattern` at the top of `subject` (at most `limit`). */
export function matches(pattern: Expr, subject: Expr, limit = 100): Match[] {
  const out: Match[] = [];
  forEachMatch(pattern, subject, (m) => {
    out.push(m);
    return out.length >= limit;
  });
  return out;
}

/** The first exact match (no leftover operands), or null. */
export function match(pattern: Expr, subject: Expr, initial: PatternBindings = new Map()): PatternBindings | null {
  let found: PatternBindings | null = null;
  new Matcher().one(pattern, subject, fromMap(initial), (bs) => {
    found = toMap(bs);
    return true;
  });
  return found;
}

/** The right side of a rule with the bindings put in (built with the normalising builders). */
export function instantiate(rhs: Expr, bindings: PatternBindings): Expr {
  return replaceSymbols(rhs, (name) => {
    if (!name.startsWith('?')) return undefined;
    const v = bindings.get(name);
    if (v === undefined) throw new Error(`pattern variable ${name} is not bound`);
    return v;
  });
}
