// The float64 value of every known function (src/core/functions.ts), by name.
// One table, so evaluate and anything else that needs a function's number agree;
// a test checks that it covers every known function.
import { digamma, erf, factorial, gamma, polygamma } from './special.js';
import * as rt from './runtime.js';

export type NumericFunction = (...args: number[]) => number;

export const NUMERIC: ReadonlyMap<string, NumericFunction> = new Map<string, NumericFunction>([
  ['sin', Math.sin],
  ['cos', Math.cos],
  ['tan', Math.tan],
  ['sec', rt.sec],
  ['csc', rt.csc],
  ['cot', rt.cot],
  ['asin', Math.asin],
  ['acos', Math.acos],
  ['atan', Math.atan],
  ['asec', rt.asec],
  ['acsc', rt.acsc],
  ['acot', rt.acot],
  ['sinh', Math.sinh],
  ['cosh', Math.cosh],
  ['tanh', Math.tanh],
  ['sech', rt.sech],
  ['csch', rt.csch],
  ['coth', rt.coth],
  ['asinh', Math.asinh],
  ['acosh', Math.acosh],
  ['atanh', Math.atanh],
  ['asech', rt.asech],
  ['acsch', rt.acsch],
  ['acoth', rt.acoth],
  ['exp', Math.exp],
  ['log', (x, b) => rt.log(x!, b)],
  ['log10', Math.log10],
  ['log2', Math.log2],
  // sqrt, cbrt and integer nthroot are lowered to powers by the builders; kept for completeness.
  ['sqrt', Math.sqrt],
  ['cbrt', Math.cbrt],
  ['nthroot', (x, n) => rt.nthroot(x!, n!)],
  ['abs', Math.abs],
  ['sign', rt.sign],
  ['min', Math.min],
  ['max', Math.max],
  ['atan2', Math.atan2],
  ['floor', Math.floor],
  ['ceil', Math.ceil],
  ['erf', erf],
  ['gamma', gamma],
  ['digamma', digamma],
  ['polygamma', polygamma],
  ['factorial', factorial],
]);
