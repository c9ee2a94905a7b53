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
