// A 50-digit reference for erf, gamma, digamma and polygamma, built on mathjs's BigNumber
// (decimal.js) with textbook algorithms that share nothing with src/eval/special.ts:
// the alternating Maclaurin series for erf, and Stirling's series (with a shift
// up to z >= 40 and the reflection formula) for gamma and digamma; polygamma by the
// plain recurrence (also across the poles for x < 0, no reflection) up to z >= 40 + 2n
// and its asymptotic series.
import { all, create, type BigNumber } from 'mathjs';

// The decimal.js constructor behind mathjs's BigNumber (its typings do not list it).
interface BigCtor {
  new (x: string | number): BigNumber;
  acos(x: number): BigNumber;
  clone(options: { precision: number }): BigCtor;
}
type Big = BigNumber;
const Decimal50 = (create(all, { number: 'BigNumber', precision: 50 }) as unknown as { BigNumber: BigCtor }).BigNumber;
const B = (x: number | string): Big => new Decimal50(typeof x === 'number' ? exactDecimal(x) : x);

/**
 * The exact decimal value of a double. (decimal.js reads a number through its
 * shortest string, which is off by up to half an ulp: enough to move gamma(150)
 * by 200 ulps.)
 */
export function exactDecimal(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`not finite: ${x}`);
  if (Number.isInteger(x)) return BigInt(x).toString();
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075; // x = mantissa * 2^exponent, exponent < 0 here
  const digits = (mantissa * 5n ** BigInt(-exponent)).toString().padStart(-exponent + 1, '0');
  const cut = digits.length + exponent;
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut).replace(/0+$/, '')}`;
}
const PI: Big = Decimal50.acos(-1);

// Bernoulli numbers B_2 .. B_20 as [numerator, denominator].
const BERNOULLI: ReadonlyArray<[number, number]> = [
  [1, 6],
  [-1, 30],
  [1, 42],
  [-1, 30],
  [5, 66],
  [-691, 2730],
  [7, 6],
  [-3617, 510],
  [43867, 798],
  [-174611, 330],
];

export function erfRef(x: number): number {
  // erf(x) = 2/sqrt(pi) sum (-1)^n x^(2n+1) / (n! (2n+1)), in 90 digits: the terms grow to
  // e^(x^2) ~ 1e18 before they cancel, for |x| <= 6.5.
  const D90 = Decimal50.clone({ precision: 90 });
  const X = new D90(exactDecimal(x));
  const X2 = X.times(X);
  let power = X; // (-1)^n x^(2n+1) / n!
  let sum = X;
  for (let n = 1; n < 400; n++) {
    power = power.times(X2).negated().dividedBy(n);
    const term = power.dividedBy(2 * n + 1);
    sum = sum.plus(term);
    if (term.abs().lessThan(new D90('1e-70'))) break;
  }
  const pi = D90.acos(-1);
  return sum.times(2).dividedBy(pi.sqrt()).toNumber();
}

/** ln gamma(z) for z >= 40 by Stirling's series. */
function lnGammaStirling(z: Big): Big {
  let s = z.minus(0.5).times(z.ln()).minus(z).plus(PI.times(2).ln().dividedBy(2));
  let zPow = z; // z^(2k-1)
  const z2 = z.times(z);
  BERNOULLI.forEach(([p, q], i) => {
    const k = i + 1;
    s = s.plus(B(p).dividedBy(B(q).times(2 * k * (2 * k - 1)).times(zPow)));
    zPow = zPow.times(z2);
  });
  return s;
}

function gammaBig(x: Big): Big {
  if (x.lessThan(0.5)) {
    // gamma(x) = pi / (sin(pi x) gamma(1 - x))
    return PI.dividedBy(PI.times(x).sin().times(gammaBig(B(1).minus(x))));
  }
  let z = x;
  let prod = B(1);
  while (z.lessThan(40)) {
    prod = prod.times(z);
    z = z.plus(1);
  }
  return lnGammaStirling(z).exp().dividedBy(prod);
}

export const gammaRef = (x: number): number => gammaBig(B(x)).toNumber();

function digammaBig(x: Big): Big {
  if (x.lessThan(0)) {
    // psi(x) = psi(1 - x) - pi cot(pi x)
    const px = PI.times(x);
    return digammaBig(B(1).minus(x)).minus(PI.times(px.cos()).dividedBy(px.sin()));
  }
  let z = x;
  let shift = B(0);
  while (z.lessThan(40)) {
    shift = shift.plus(B(1).dividedBy(z));
    z = z.plus(1);
  }
  // psi(z) ~ ln z - 1/(2z) - sum B_2k / (2k z^2k)
  let s = z.ln().minus(B(1).dividedBy(z.times(2)));
  const z2 = z.times(z);
  let zPow = z2;
  BERNOULLI.forEach(([p, q], i) => {
    const k = i + 1;
    s = s.minus(B(p).dividedBy(B(q).times(2 * k).times(zPow)));
    zPow = zPow.times(z2);
  });
  return s.minus(shift);
}

export const digammaRef = (x: number): number => digammaBig(B(x)).toNumber();

/**
 * psi^(n)(x) = (-1)^(n+1) n! zeta(n + 1, x) for n >= 1 and x not a pole, in 90 digits:
 * n! sum_{k<m} 1/(x+k)^(n+1) + (n-1)!/z^n + n!/(2 z^(n+1)) + sum_k B_2k (2k+n-1)!/((2k)! z^(2k+n)),
 * times (-1)^(n+1), with z = x + m >= 60 + 2n (the omitted terms are below 1e-27 of the
 * series for n <= 12). For x < 0 the sum crosses the poles, whose terms cancel for even
 * n: the 90 digits cover 40 digits of cancellation (x >= -30, n <= 12 stays far below).
 */
function polygammaBig(n: number, x: number): Big {
  const D90 = Decimal50.clone({ precision: 90 });
  const fact = (k: number): Big => {
    let f = new D90(1);
    for (let i = 2; i <= k; i++) f = f.times(i);
    return f;
  };
  let z = new D90(exactDecimal(x));
  let shift = new D90(0);
  while (z.lessThan(60 + 2 * n)) {
    shift = shift.plus(new D90(1).dividedBy(z.pow(n + 1)));
    z = z.plus(1);
  }
  let s = fact(n - 1)
    .dividedBy(z.pow(n))
    .plus(fact(n).dividedBy(z.pow(n + 1).times(2)));
  BERNOULLI.forEach(([p, q], i) => {
    const k = i + 1;
    s = s.plus(new D90(p).times(fact(2 * k + n - 1)).dividedBy(new D90(q).times(fact(2 * k)).times(z.pow(2 * k + n))));
  });
  s = s.plus(fact(n).times(shift));
  return n % 2 === 1 ? s : s.negated();
}

export const polygammaRef = (n: number, x: number): number => polygammaBig(n, x).toNumber();
