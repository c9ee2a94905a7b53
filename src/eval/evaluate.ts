// evaluate(e, scope): the float64 value of an expression, with real-number semantics.
// - Outside a function's domain the value is NaN (sqrt(-1), log(-1), asin(2)), never
//   a wrong finite number; poles give +-Infinity where IEEE arithmetic does (1/0, log(0)).
// - An exact rational exponent p/q with q odd takes the real root of a negative base:
//   (-8)^(1/3) = -2, (-8)^(2/3) = 4; with q even it is NaN. A non-numeric exponent
//   follows Math.pow (x^y with x < 0 is real only for integer y).
// - `pi` and `e` are the constants; exact numbers enter as the nearest float64.
// Iterative over `postorder`, memoised by node id: depth and sharing cost nothing extra.
import type { Expr } from '../core/expr.js';
import { MathError, ratToNumber, type Rational } from '../core/rational.js';
import { postorder } from '../core/traverse.js';
import { NUMERIC } from './numeric.js';
import { rpow } from './runtime.js';

/** Thrown when an expression has no value in a scope: an unknown variable, an undefined function. */
export class EvaluationError extends MathError {
  override name = 'EvaluationError';
}

// A Map, not an object literal: 'toString' and 'constructor' must not look like constants.
const CONSTANT_VALUES: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const isSafe = (n: bigint): boolean => n <= SAFE && n >= -SAFE;

/** Real x^r for an exact rational r (odd roots of negatives are real). */
export function powRational(x: number, r: Rational): number {
  const { p, q } = r;
  if (isSafe(p) && isSafe(q)) return rpow(x, Number(p), Number(q));
  // Huge numerator or denominator: the magnitude from floats, the sign from the exact parities.
  if (x < 0 && q % 2n === 0n) return NaN;
  const ax = Math.abs(x);
  const m = ax === 1 ? 1 : Math.pow(ax, ratToNumber(r));
  return x < 0 && p % 2n !== 0n ? -m : m;
}

function lookup(name: string, scope: Record<string, number>): number {
  const constant = CONSTANT_VALUES.get(name);
  if (constant !== undefined) {
    if (Object.hasOwn(scope, name)) {
      throw new EvaluationError(`'${name}' is the constant ${name === 'pi' ? 'pi' : "e (Euler's number)"}; it cannot be given a value`);
    }
    return constant;
  }
  if (!Object.hasOwn(scope, name)) {
    const known = Object.keys(scope);
    const listed = known.length === 0 ? 'the scope is empty' : `the scope has ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''}`;
    throw new EvaluationError(`unknown variable '${name}' (${listed})`);
  }
  const v = scope[name];
  if (typeof v !== 'number') throw new EvaluationError(`the value of '${name}' must be a number, got ${typeof v}`);
  return v;
}

function undefinedFunction(fn: string, arity: number, derivs: readonly number[]): EvaluationError {
  if (derivs.length > 0) {
    const wrt = derivs.map((d) => d + 1).join(', ');
    return new EvaluationError(
      `cannot evaluate a derivative of the undefined function '${fn}' (with respect to argument ${wrt}): '${fn}' has no numeric definition`,
    );
  }
  return new EvaluationError(`cannot evaluate the undefined function '${fn}' (${arity} argument${arity === 1 ? '' : 's'}): it is not a known function`);
}

export function evaluate(e: Expr, scope: Record<string, number>): number {
  const memo = new Map<number, number>();
  const val = (n: Expr): number => memo.get(n.id)!;
  for (const n of postorder(e)) {
    let v: number;
    switch (n.kind) {
      case 'num':
        v = ratToNumber(n.value);
        break;
      case 'sym':
        v = lookup(n.name, scope);
        break;
      case 'add':
        // From the first term, not from 0: -0 + -0 is -0 (as in compiled code), 0 + -0 + -0 is 0,
        // and the sign of a zero decides the sign of the pole in 1/(x*y - y) at y = -0.
        v = val(n.args[0]!);
        for (let i = 1; i < n.args.length; i++) v += val(n.args[i]!);
        break;
      case 'mul':
        v = 1;
        for (const a of n.args) v *= val(a);
        break;
      case 'pow':
        v = n.exp.kind === 'num' ? powRational(val(n.base), n.exp.value) : Math.pow(val(n.base), val(n.exp));
        break;
      case 'call': {
        const f = n.derivs.length === 0 ? NUMERIC.get(n.fn) : undefined;
        if (!f) throw undefinedFunction(n.fn, n.args.length, n.derivs);
        v = f(...n.args.map(val));
        break;
      }
      default: {
        const never: never = n;
        throw new EvaluationError(`unknown node ${(never as Expr).kind}`);
      }
    }
    memo.set(n.id, v);
  }
  return val(e);
}
