// Features: a quick test before matching. The function names, constants and
// powers a pattern has near its top must all occur near the top of any node
// it matches.
import { nodeMemo } from '../core/memo.js';
import type { Expr } from '../core/expr.js';
import { children, fold } from '../core/traverse.js';

// The function names, constants and powers a
// left side has near its top (depth <= FEATURE_DEPTH) must all occur near the
// top of the node. Features are bits of a 31-bit mask (a hash of the name), so
// the test can only let through, never wrongly reject. Sums and products give
// no feature: a pattern's `?c*u` also matches u itself (?c = 1).
const FEATURE_DEPTH = 3;

const nameBits = new Map<string, number>();
function nameBit(name: string): number {
  let bit = nameBits.get(name);
  if (bit === undefined) {
    bit = hashBit(name);
    if (nameBits.size > 10_000) nameBits.clear();
    nameBits.set(name, bit);
  }
  return bit;
}

function hashBit(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
  return 1 << (((h % 30) + 30) % 30);
}
const POW_BIT = 1 << 30;

function ownFeature(e: Expr): number {
  switch (e.kind) {
    case 'call':
      return e.derivs.length === 0 ? nameBit(e.fn) : nameBit(`${e.fn}'${e.derivs.length}`);
    case 'sym':
      return e.name.startsWith('?') ? 0 : nameBit(e.name);
    case 'pow':
      return POW_BIT;
    default:
      return 0;
  }
}

const featureMemo = nodeMemo<number[]>();

/** Features of a node within FEATURE_DEPTH of its top (memoised by id). */
export function featuresOf(e: Expr): number {
  return fold(
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
function computeRequired(pattern: Expr): number {
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

const requiredMemo = nodeMemo<number>();
/** The features any node the pattern matches must have (memoised by the pattern). */
export function requiredFeatures(pattern: Expr): number {
  let r = requiredMemo.get(pattern);
  if (r === undefined) {
    r = computeRequired(pattern);
    requiredMemo.set(pattern, r);
  }
  return r;
}

/**
 * Can the pattern match the subject, as far as a quick look tells? The head
 * first (a call pattern matches only a call of that function, a power only a
 * power; sums and products may also match other nodes, with ?c = 1), then
 * the features.
 */
export const mayMatch = (pattern: Expr, subject: Expr): boolean => {
  if (pattern.kind === 'call' && (subject.kind !== 'call' || subject.fn !== pattern.fn || subject.args.length !== pattern.args.length)) return false;
  if (pattern.kind === 'pow' && subject.kind !== 'pow') return false;
  const need = requiredFeatures(pattern);
  return (featuresOf(subject) & need) === need;
};

/** A node's kind and, for a call, its function and arity: what `one` in match.ts checks first. */
type Shape = (s: Expr) => boolean;
const ANY: Shape = () => true;

/**
 * A quick, exact-where-it-rejects test of a left side's top against a node,
 * made once per rule: only the checks the matcher itself makes before it
 * binds anything (match.ts `one`): a call matches only a call of the same
 * function and arity, a power only a power, a part without pattern
 * variables only itself. Sums and products inside (which may match a lone
 * operand, with ?c = 1) and variables accept anything, and the rule's own
 * head (dispatched by kind already) is not retested. So it never rejects a
 * node the matcher would match; it spares the matcher's setup on the many
 * nodes it would not (a power rule such as (?x^?n)^?m at every power).
 */
export function shapeTest(pattern: Expr): Shape {
  const below = (p: Expr, depth: number): Shape => {
    if (p.kind === 'sym' && p.name.startsWith('?')) return ANY;
    if (isGroundPattern(p)) return (s) => s === p;
    if (depth <= 0) return ANY;
    switch (p.kind) {
      case 'pow': {
        const b = below(p.base, depth - 1);
        const x = below(p.exp, depth - 1);
        return (s) => s.kind === 'pow' && b(s.base) && x(s.exp);
      }
      case 'call': {
        const args = p.args.map((a) => below(a, depth - 1));
        const { fn, derivs } = p;
        return (s) =>
          s.kind === 'call' && s.fn === fn && s.args.length === args.length && s.derivs.length === derivs.length && args.every((t, i) => t(s.args[i]!));
      }
      default:
        return ANY;
    }
  };
  switch (pattern.kind) {
    case 'pow': {
      const b = below(pattern.base, 2);
      const x = below(pattern.exp, 2);
      if (b === ANY && x === ANY) return ANY;
      return (s) => s.kind !== 'pow' || (b(s.base) && x(s.exp));
    }
    case 'call': {
      const args = pattern.args.map((a) => below(a, 2));
      if (args.every((t) => t === ANY)) return ANY;
      return (s) => s.kind !== 'call' || s.args.length !== args.length || args.every((t, i) => t(s.args[i]!));
    }
    default:
      return ANY;
  }
}

/** No pattern variable anywhere in p. */
function isGroundPattern(p: Expr): boolean {
  const stack: Expr[] = [p];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.kind === 'sym' && n.name.startsWith('?')) return false;
    stack.push(...children(n));
  }
  return true;
}
