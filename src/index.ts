// leibniz: the public API. Names here are a contract.

// The expression core: immutable, hash-consed nodes and their builders.
export type { Expr, Num, Sym, Add, Mul, Pow, Call, Kind } from './core/expr.js';
export {
  num,
  sym,
  add,
  mul,
  pow,
  call,
  neg,
  sub,
  div,
  derivativeCall,
  sin,
  cos,
  tan,
  asin,
  acos,
  atan,
  sinh,
  cosh,
  tanh,
  exp,
  log,
  sqrt,
  abs,
  PI,
  E,
  ZERO,
  ONE,
} from './core/build.js';
export { MathError, type Rational } from './core/rational.js';
export { freeSymbols, postorder, dagSize } from './core/traverse.js';
export { FUNCTIONS, ALIASES } from './core/functions.js';

// Text in.
export { parse, parseRule, ParseError, MAX_INPUT_LENGTH } from './parse/parser.js';
export type { Rule, Guard, GuardTest } from './parse/rule.js';

// Numbers and formulas out.
export { evaluate, EvaluationError } from './eval/evaluate.js';
export { toText } from './print/text.js';
export { toLatex } from './print/latex.js';
export { toJS } from './print/js.js';

// Derivatives.
export { derivative, type DerivativeOptions } from './diff/derivative.js';
export { partials, partial } from './diff/partials.js';
export { substitute } from './diff/substitute.js';
export { gradient, jacobian, hessian, taylor } from './diff/multivariate.js';

// Simplification.
export { simplify, listRules, resetSimplifyMemo, type SimplifyOptions, type RuleInfo } from './simplify/simplify.js';
export { cost } from './simplify/cost.js';

// Compiled functions.
export {
  compile,
  compileGradient,
  compileJacobian,
  compileHessian,
  moduleSource,
  type ArgsConvention,
  type ArrayFunction,
  type ArrayGradientFunction,
  type ArrayJacobianFunction,
  type ArrayHessianFunction,
  type HessianFunction,
  type GradientOptions,
  type CompiledFunction,
  type CompileOptions,
  type ModuleOptions,
  type GradientFunction,
  type JacobianFunction,
} from './compile/index.js';

// Gradient checks and derivative verification.
export * from './check/index.js';
export { verifyDerivative, type Verdict, type VerifyOptions, type Counterexample } from './check/verify.js';
