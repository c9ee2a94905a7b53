// The inverse circular functions at the exact values of the circular ones
// (core/circular.ts, which the builders fold): acos(-1/2) = 2*pi/3,
// atan(1/sqrt(3)) = pi/6, the principal values.
import { div, mul, num, pow, PI, surdExpr } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { rat, ratMul, type Rational } from '../core/rational.js';
import { circularSurd, INVERSE_CIRCULAR, type Surd } from '../core/circular.js';
import { toText } from '../print/text.js';

// The inverses: the principal value at each tabulated value, keyed by the
// value's canonical text (so 1/sqrt(3) and sqrt(3)/3, which build alike, match).
let inverses: Map<string, Expr> | undefined;

/** f(r*pi) at an angle of the table, away from poles (the loops below skip them). */
const valueAt = (fn: string, r: Rational): Surd => circularSurd(fn, r) as Surd;

function inverseTable(): Map<string, Expr> {
  if (inverses !== undefined) return inverses;
  const t = new Map<string, Expr>();
  const put = (fn: string, at: Surd, angle: Expr): void => {
    // the rationalised value and the plain quotient people write (sqrt(3)/3 and 1/sqrt(3))
    const forms = [surdExpr(at)];
    if (at.n !== 1n) forms.push(div(num(ratMul(at.a, rat(at.n))), pow(num(at.n), num(1n, 2n))));
    for (const f of forms) t.set(`${fn}(${toText(f)})`, angle);
  };
  // Angles r*pi for r in [-1/2, 1/2] (asin, acsc, atan, acot) and [0, 1] (acos, asec): the principal values.
  for (const k of [-6, -4, -3, -2, 0, 2, 3, 4, 6]) {
    const r = rat(BigInt(k), 12n);
    const angle = mul(num(r), PI);
    put('asin', valueAt('sin', r), angle);
    if (k !== 0) put('acsc', valueAt('csc', r), angle);
    if (k !== -6 && k !== 6) put('atan', valueAt('tan', r), angle);
    // acot(u) = atan(1/u) (and pi/2 at 0): its values lie in (-pi/2, pi/2].
    if (k !== -6 && k !== 0) put('acot', valueAt('cot', r), angle);
  }
  for (const k of [0, 2, 3, 4, 6, 8, 9, 10, 12]) {
    const r = rat(BigInt(k), 12n);
    const angle = mul(num(r), PI);
    put('acos', valueAt('cos', r), angle);
    if (k !== 6) put('asec', valueAt('sec', r), angle);
  }
  inverses = t;
  return t;
}

/** asin, acos, atan, acot, asec, acsc at a tabulated exact value: its angle; else null. */
export function inverseCircularValue(fn: string, arg: Expr): Expr | null {
  if (!INVERSE_CIRCULAR.has(fn) || arg.height > 4) return null;
  return inverseTable().get(`${fn}(${toText(arg)})`) ?? null;
}

