// The builders' normalisations of conditions and piecewise values (called
// from build.ts's call). Each holds exactly, undefined (NaN) conditions
// included (the semantics are eval/logic.ts's):
// - not pushes into a comparison: not(a < b) = b <= a, not(a == b) = a != b,
//   and not(not(c)) = c;
// - and/or are flattened, their identity (true for and, false for or)
//   dropped, a repeated condition kept once, and a decided one decides
//   (false and anything = false, in Kleene's logic too);
// - piecewise(c1, v1, piecewise(c2, v2, w)) is piecewise(c1, v1, c2, v2, w); a
//   piece whose condition is the number 0 is dropped, and one whose condition
//   is a non-zero number ends the list as its otherwise.
import { lookupTable } from './options.js';
import { makeCall, makeNum, type Expr } from './expr.js';
import { rat } from './rational.js';

const NEGATED: Readonly<Record<string, string>> = lookupTable({ lt: 'le', le: 'lt', eq: 'ne', ne: 'eq' });
const FLIPS: ReadonlySet<string> = new Set(['lt', 'le']);

const isCall = (e: Expr, fn: string): e is Expr & { kind: 'call' } => e.kind === 'call' && e.fn === fn && e.derivs.length === 0;

/** not(c) normalised, or undefined to build the call as it is. */
export function notOf(c: Expr): Expr | undefined {
  if (c.kind !== 'call' || c.derivs.length > 0) return undefined;
  if (c.fn === 'not') return c.args[0]!;
  const to = NEGATED[c.fn];
  if (to === undefined) return undefined;
  const [a, b] = c.args as [Expr, Expr];
  return FLIPS.has(c.fn) ? makeCall(to, [b, a]) : makeCall(to, [a, b]);
}

/** and(...)/or(...) normalised (args already built). */
export function connective(fn: 'and' | 'or', args: readonly Expr[]): Expr {
  const decides = fn === 'and' ? 0n : 1n;
  const out: Expr[] = [];
  const seen = new Set<Expr>();
  const push = (a: Expr): Expr | undefined => {
    if (a.kind === 'num') return (a.value.p === 0n ? 0n : 1n) === decides ? makeNum(rat(decides)) : undefined;
    if (!seen.has(a)) {
      seen.add(a);
      out.push(a);
    }
    return undefined;
  };
  for (const a of args) {
    const done = isCall(a, fn) ? a.args.map(push).find((x) => x !== undefined) : push(a);
    if (done !== undefined) return done;
  }
  if (out.length === 0) return makeNum(rat(decides === 0n ? 1n : 0n));
  return out.length === 1 ? out[0]! : makeCall(fn, out);
}

/** piecewise(...) normalised (args already built). */
export function piecewiseOf(input: readonly Expr[]): Expr {
  let args = input;
  while (args.length % 2 === 1 && isCall(args[args.length - 1]!, 'piecewise')) {
    args = [...args.slice(0, -1), ...(args[args.length - 1] as Expr & { kind: 'call' }).args];
  }
  const out: Expr[] = [];
  let otherwise: Expr | undefined = args.length % 2 === 1 ? args[args.length - 1] : undefined;
  for (let i = 0; i + 1 < args.length; i += 2) {
    const c = args[i]!;
    if (c.kind === 'num') {
      if (c.value.p === 0n) continue;
      otherwise = args[i + 1]!;
      break;
    }
    out.push(c, args[i + 1]!);
  }
  if (out.length === 0) return otherwise ?? makeCall('piecewise', args.slice(-2));
  if (otherwise !== undefined) out.push(otherwise);
  return makeCall('piecewise', out);
}
