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
  intern,
} from './core/build.js';
export { serialize, deserialize, type SerializedExpr } from './core/serialize.js';
export { isBuilt } from './core/expr.js';
export { MathError, type Rational } from './core/rational.js';
export { BudgetError, type BudgetKind, type LimitOptions } from './core/budget.js';
export { freeSymbols, postorder, dagSize } from './checked.js';
export { FUNCTIONS, ALIASES } from './core/functions.js';

// Text in.
export { parseRule, ParseError, MAX_INPUT_LENGTH, definitions } from './parse/parser.js';
export { expandDefinitions, foldDefinitions, type Definition, type Definitions, type DefineInput } from './parse/definitions.js';
export { parse, type ParseOptions } from './matrix/public.js';
export type { Rule, Guard, GuardTest } from './parse/rule.js';

// Numbers and formulas out.
export { EvaluationError } from './eval/evaluate.js';
export { evaluate, toText, toLatex } from './matrix/public.js';
export { toJS } from './print/js.js';

// Derivatives.
export { type DerivativeOptions } from './diff/derivative.js';
export { derivative, gradient, jacobian, hessian } from './matrix/public.js';
export { partials, partial } from './checked.js';
export { substitute } from './checked.js';
export { taylor } from './matrix/public.js';

// Simplification.
export { simplify, listRules, resetSimplifyMemo, type SimplifyOptions, type RuleInfo } from './simplify/simplify.js';
export { cost } from './checked.js';

// Compiled functions.
export {
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
export { type Verdict, type VerifyOptions, type Counterexample } from './check/verify.js';
export { verifyDerivative } from './matrix/public.js';
export type { ShapedVerdict, ShapedCheckOptions, ShapedCounterexample } from './matrix/check.js';

// Vectors and matrices: shaped expressions, their derivatives in matrix notation, shapes.
export type { MExpr } from './matrix/node.js';
export type { Shape, Dim } from './matrix/shape.js';
export { ShapeError } from './matrix/shape.js';
export type { Shapes } from './matrix/parse.js';
export type { Tensor } from './matrix/tensor.js';
export type { ShapedScope, ShapedValue } from './matrix/evaluate.js';
export { parseShaped } from './matrix/parse.js';
export { shapeOf, type ShapedDerivative, type ShapedOptions } from './matrix/api.js';
export { MATRIX_RULES, type MatrixRule } from './matrix/rules.js';
export { compile } from './matrix/public.js';
export { shapedRuntime } from './matrix/compile.js';
export type { ShapedFunction } from './matrix/compile.js';
