// A part made of numbers and constants only that has no real value (log(-1),
// sqrt(-2), asin(2), gamma(-1)) makes an expression undefined wherever it
// occurs, so its derivative does not exist anywhere: d/dx (x + log(-1)) is not
// 1, and d/dx log(-1) is not a silent 0. The derivative entry points refuse
// such input with the part named. Decided with certified interval arithmetic
// (precise.ts): a part is refused only when it is certainly undefined; what
// cannot be decided passes. Parts under a condition or a piecewise value are
// not checked: an undefined branch may never be taken.
import type { Expr } from '../core/expr.js';
import { MathError } from '../core/rational.js';
import { CONSTANTS, postorder } from '../core/traverse.js';
import { toText } from '../print/text.js';
import { preciseValue } from './precise.js';
import { isRecoverable } from '../core/budget.js';
import { rebuild } from '../core/build.js';
import { simplify } from '../simplify/simplify.js';

/** Larger constant parts are not checked, so the cost stays linear in the input. */
const MAX_CHECKED = 400;
const BITS = 96;
const CONDITIONAL: ReadonlySet<string> = new Set(['piecewise', 'lt', 'le', 'eq', 'ne', 'and', 'or', 'not']);

const kidsOf = (e: Expr): readonly Expr[] =>
  e.kind === 'add' || e.kind === 'mul' || e.kind === 'call' ? e.args : e.kind === 'pow' ? [e.base, e.exp] : [];

/** Throws a MathError naming the smallest constant part of e that certainly has no real value. */
export function refuseUndefinedConstants(e: Expr, what: string): void {
  // Bottom-up: the tree size of each constant part (capped), -1 when it holds a variable.
  const size = new Map<number, number>();
  for (const n of postorder(e)) {
    let s: number;
    if (n.kind === 'num') s = 1;
    else if (n.kind === 'sym') s = CONSTANTS.has(n.name) ? 1 : -1;
    else if (n.kind === 'call' && n.derivs.length > 0) s = -1;
    else {
      s = 1;
      for (const k of kidsOf(n)) {
        const m = size.get(k.id)!;
        if (m < 0) {
          s = -1;
          break;
        }
        s = Math.min(s + m, MAX_CHECKED + 1);
      }
    }
    size.set(n.id, s);
  }
  // Top-down: the outermost constant operations, outside conditionals, each once.
  const seen = new Set<number>();
  const todo: Expr[] = [e];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    if (n.kind === 'call' && CONDITIONAL.has(n.fn)) continue;
    const s = size.get(n.id)!;
    if (s > 1 && s <= MAX_CHECKED) {
      const reason = undefinedReason(n);
      if (reason !== null) throw refusal(smallest(n, reason, size), what);
      continue;
    }
    for (const k of kidsOf(n)) todo.push(k);
  }
}

/** The innermost undefined part: 3*gamma(-1) is reported as gamma(-1). */
function smallest(n: Expr, reason: string, size: ReadonlyMap<number, number>): { part: Expr; reason: string } {
  let at = { part: n, reason };
  for (;;) {
    let inner: { part: Expr; reason: string } | null = null;
    for (const k of kidsOf(at.part)) {
      const r = size.get(k.id)! > 1 ? undefinedReason(k) : null;
      if (r !== null) {
        inner = { part: k, reason: r };
        break;
      }
    }
    if (inner === null) return at;
    at = inner;
  }
}

const refusal = ({ part, reason }: { part: Expr; reason: string }, what: string): MathError =>
  new MathError(`${toText(part)} has no real value (${reason}), so the expression is undefined everywhere and has no ${what}`);

/**
 * Where intervals cannot tell a value from a pole (log(sin(pi)), tan(2*atan(1))),
 * the exact simplifier may: the part rebuilt bottom-up from simplified
 * children fails to build exactly when an argument is exactly at a pole (the
 * builders refuse log(0), tan(pi/2) and 1/0). The reason, else null.
 */
function exactPole(e: Expr): string | null {
  const done = new Map<number, Expr>();
  for (const n of postorder(e)) {
    const kids = kidsOf(n);
    if (kids.length === 0) {
      done.set(n.id, n);
      continue;
    }
    const simple = kids.map((k) => done.get(k.id)!);
    let built: Expr;
    try {
      built = simple.every((k, i) => k === kids[i]) ? n : rebuild(n, simple);
    } catch (err) {
      if (isRecoverable(err)) return `exactly: ${simple.map((k, i) => (k === kids[i] ? null : `${toText(kids[i]!)} = ${toText(k)}`)).filter((t) => t !== null).join(', ')}, and ${err.message}`;
      throw err;
    }
    done.set(n.id, simplify(built));
  }
  return null;
}

/** Why a constant certainly has no real value, else null (defined, or undecided). */
function undefinedReason(e: Expr): string | null {
  try {
    const r = preciseValue(e, {}, BITS);
    if (r.kind === 'undefined') return r.reason;
    return r.kind === 'unknown' ? exactPole(e) : null;
  } catch (err) {
    if (err instanceof MathError || err instanceof RangeError) return null; // cannot decide: not a verdict
    throw err;
  }
}
