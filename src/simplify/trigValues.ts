// Exact values of the circular functions at rational multiples of pi whose
// sines are square roots of rationals (denominators 1, 2, 3, 4, 6), and of
// their inverses at those values: sin(2*pi/3) = sqrt(3)/2, acos(-1/2) = 2*pi/3.
// The value is found from the exact angle (no floats): sin(r*pi) is reduced to
// r in [0, 1/2] by sin(-t) = -sin(t), sin(t + 2) = sin(t), sin(1 - t) = sin(t).
// At a pole (tan(pi/2), cot(0), sec(pi/2), csc(pi)) nothing is folded.
import { ONE, ZERO, div, isNum, mul, num, pow, PI } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { rat, ratAdd, ratCmp, ratNeg, type Rational } from '../core/rational.js';
import { toText } from '../print/text.js';

/** r with e = r*pi exactly (e = 0 gives 0), else null. */
function piMultiple(e: Expr): Rational | null {
  if (e === PI) return rat(1n);
  if (isNum(e, 0n)) return rat(0n);
  if (e.kind === 'mul' && e.args.length === 2 && e.args[0]!.kind === 'num' && e.args[1] === PI) return e.args[0]!.value;
  return null;
}

const SQRT2 = (): Expr => pow(2, num(1, 2));
const SQRT3 = (): Expr => pow(3, num(1, 2));

/** sin(t*pi) for t in [0, 1/2] with 12*t an integer of {0, 2, 3, 4, 6}, else null. */
function firstQuadrantSine(t: Rational): Expr | null {
  const twelfths = (t.p * 12n) / t.q;
  if ((t.p * 12n) % t.q !== 0n) return null;
  switch (twelfths) {
    case 0n:
      return ZERO;
    case 2n:
      return num(1, 2);
    case 3n:
      return div(SQRT2(), 2);
    case 4n:
      return div(SQRT3(), 2);
    case 6n:
      return ONE;
    default:
      return null;
  }
}

/** sin(r*pi) exactly, or null. */
function sinePi(r: Rational): Expr | null {
  // t in [0, 2): the remainder of r modulo 2.
  const twoQ = 2n * r.q;
  let p = r.p % twoQ;
  if (p < 0n) p += twoQ;
  let t = rat(p, r.q);
  let sign = 1;
  if (ratCmp(t, rat(1n)) >= 0) {
    t = ratAdd(t, rat(-1n));
    sign = -1;
  }
  if (ratCmp(t, rat(1n, 2n)) > 0) t = ratAdd(rat(1n), ratNeg(t));
  const v = firstQuadrantSine(t);
  return v === null ? null : sign < 0 ? mul(-1, v) : v;
}

const cosinePi = (r: Rational): Expr | null => sinePi(ratAdd(r, rat(1n, 2n)));

/** f(e) for a circular f at a rational multiple of pi, exactly; null where unknown or at a pole. */
export function circularValue(fn: string, arg: Expr): Expr | null {
  const r = piMultiple(arg);
  if (r === null) return null;
  const s = sinePi(r);
  const c = cosinePi(r);
  if (s === null || c === null) return null;
  const nonzero = (d: Expr): boolean => !isNum(d, 0n);
  switch (fn) {
    case 'sin':
      return s;
    case 'cos':
      return c;
    case 'tan':
      return nonzero(c) ? div(s, c) : null;
    case 'cot':
      return nonzero(s) ? div(c, s) : null;
    case 'sec':
      return nonzero(c) ? div(1, c) : null;
    case 'csc':
      return nonzero(s) ? div(1, s) : null;
    default:
      return null;
  }
}

// The inverses: the principal value at each tabulated value, keyed by the
// value's canonical text (so 1/sqrt(3) and sqrt(3)/3, which build alike, match).
let inverses: Map<string, Expr> | undefined;

function inverseTable(): Map<string, Expr> {
  if (inverses !== undefined) return inverses;
  const t = new Map<string, Expr>();
  const put = (fn: string, at: Expr, angle: Expr): void => {
    t.set(`${fn}(${toText(at)})`, angle);
  };
  // Angles r*pi for r in [-1/2, 1/2] (asin, acsc, atan, acot) and [0, 1] (acos, asec): the principal values.
  const angles = [-6, -4, -3, -2, 0, 2, 3, 4, 6].map((k) => rat(BigInt(k), 12n));
  for (const r of angles) {
    const angle = mul(num(r), PI);
    const s = sinePi(r)!;
    put('asin', s, angle);
    if (ratCmp(r, rat(-1n, 2n)) > 0 && ratCmp(r, rat(1n, 2n)) < 0) put('atan', circularValue('tan', angle)!, angle);
    if (!isNum(s, 0n)) put('acsc', div(1, s), angle);
    // acot(u) = atan(1/u) (and pi/2 at 0): its values lie in (-pi/2, pi/2].
    if (ratCmp(r, rat(-1n, 2n)) > 0 && !isNum(s, 0n)) put('acot', circularValue('cot', angle)!, angle);
  }
  for (const k of [0, 2, 3, 4, 6, 8, 9, 10, 12]) {
    const r = rat(BigInt(k), 12n);
    const angle = mul(num(r), PI);
    const c = cosinePi(r)!;
    put('acos', c, angle);
    if (!isNum(c, 0n)) put('asec', div(1, c), angle);
  }
  inverses = t;
  return t;
}

const INVERSE: ReadonlySet<string> = new Set(['asin', 'acos', 'atan', 'acot', 'asec', 'acsc']);

/** asin, acos, atan, acot, asec, acsc at a tabulated exact value: its angle; else null. */
export function inverseCircularValue(fn: string, arg: Expr): Expr | null {
  if (!INVERSE.has(fn) || arg.height > 4) return null;
  return inverseTable().get(`${fn}(${toText(arg)})`) ?? null;
}

