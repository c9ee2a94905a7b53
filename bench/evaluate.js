// A small float64 evaluator for leibniz nodes, used by the benchmark's
// agreement check and the corpus test. It is deliberately independent of the
// library's own evaluator (src/eval), so a bug there cannot hide a wrong
// derivative here. Real semantics: x^(p/q) with q odd is real for x < 0,
// NaN outside a function's domain. Iterative and memoised by node id, so deep
// and shared inputs are fine. No imports from dist: it reads node fields only.
import { erf as mathjsErf, gamma as mathjsGamma } from 'mathjs';

const ratToNumber = (r) => Number(r.p) / Number(r.q);

// Exponent p/q of a rational, or null for a non-number exponent.
const exactExponent = (e) => (e.kind === 'num' ? e.value : null);

function realPow(b, e, exact) {
  if (exact && b < 0) {
    const p = exact.p;
    const q = exact.q;
    if (q === 1n) return Math.pow(b, Number(p));
    if (q % 2n === 1n) {
      // Odd root of a negative: sign(b)^p * |b|^(p/q).
      const mag = Math.pow(-b, Number(p) / Number(q));
      return p % 2n === 0n ? mag : -mag;
    }
    return NaN;
  }
  return Math.pow(b, e);
}

function digamma(x) {
  if (!Number.isFinite(x)) return NaN;
  if (x <= 0 && Number.isInteger(x)) return NaN;
  let acc = 0;
  if (x < 0) {
    // Reflection: psi(1 - x) - psi(x) = pi cot(pi x).
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
  while (x < 6) {
    acc -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  const series = f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
  return acc + Math.log(x) - 0.5 / x - series;
}

const gammaFn = (x) => (x <= 0 && Number.isInteger(x) ? NaN : mathjsGamma(x));

const FNS = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  sec: (x) => 1 / Math.cos(x),
  csc: (x) => 1 / Math.sin(x),
  cot: (x) => 1 / Math.tan(x),
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  asec: (x) => (Math.abs(x) >= 1 ? Math.acos(1 / x) : NaN),
  acsc: (x) => (Math.abs(x) >= 1 ? Math.asin(1 / x) : NaN),
  acot: (x) => Math.atan(1 / x),
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  sech: (x) => 1 / Math.cosh(x),
  csch: (x) => 1 / Math.sinh(x),
  coth: (x) => 1 / Math.tanh(x),
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  asech: (x) => (x > 0 && x <= 1 ? Math.acosh(1 / x) : NaN),
  acsch: (x) => Math.asinh(1 / x),
  acoth: (x) => (Math.abs(x) > 1 ? Math.atanh(1 / x) : NaN),
  exp: Math.exp,
  log: (x, b) => (b === undefined ? Math.log(x) : Math.log(x) / Math.log(b)),
  log10: Math.log10,
  log2: Math.log2,
  sqrt: Math.sqrt,
  cbrt: Math.cbrt,
  nthroot: (x, n) => (x < 0 && Math.abs(n % 2) === 1 ? -Math.pow(-x, 1 / n) : Math.pow(x, 1 / n)),
  abs: Math.abs,
  sign: Math.sign,
  min: Math.min,
  max: Math.max,
  atan2: Math.atan2,
  floor: Math.floor,
  ceil: Math.ceil,
  erf: (x) => mathjsErf(x),
  gamma: gammaFn,
  factorial: (x) => (x < 0 && Number.isInteger(x) ? NaN : gammaFn(x + 1)),
  digamma,
};

const CONSTANT_VALUES = { pi: Math.PI, e: Math.E };

const childrenOf = (e) => {
  switch (e.kind) {
    case 'num':
    case 'sym':
      return [];
    case 'pow':
      return [e.base, e.exp];
    default:
      return e.args;
  }
};

/**
 * The value of `e` at `scope` (name -> number) in float64. Unbound names are
 * an error; undefined functions (and derivatives of them) evaluate to NaN.
 */
export function evaluate(e, scope) {
  const memo = new Map();
  const stack = [[e, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const kids = childrenOf(top[0]);
    if (top[1] < kids.length) {
      const child = kids[top[1]++];
      if (!memo.has(child.id)) stack.push([child, 0]);
      continue;
    }
    stack.pop();
    const n = top[0];
    if (memo.has(n.id)) continue;
    const v = kids.map((k) => memo.get(k.id));
    memo.set(n.id, valueOf(n, v, scope));
  }
  return memo.get(e.id);
}

function valueOf(n, v, scope) {
  switch (n.kind) {
    case 'num':
      return ratToNumber(n.value);
    case 'sym':
      if (Object.prototype.hasOwnProperty.call(scope, n.name)) return scope[n.name];
      if (n.name in CONSTANT_VALUES) return CONSTANT_VALUES[n.name];
      throw new Error(`evaluate: no value for ${n.name}`);
    case 'add':
      return v.reduce((a, b) => a + b, 0);
    case 'mul':
      return v.reduce((a, b) => a * b, 1);
    case 'pow':
      return realPow(v[0], v[1], exactExponent(n.exp));
    case 'call': {
      if (n.derivs.length > 0) return NaN;
      const f = FNS[n.fn];
      return f ? f(...v) : NaN;
    }
    default:
      throw new Error(`evaluate: unknown node kind ${n.kind}`);
  }
}
