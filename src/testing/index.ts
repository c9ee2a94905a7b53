// leibniz/testing: a fast-check kit for property-testing expressions, rewrite
// rules and hand-written gradients in your own vitest or jest suite.
export {
  ALL_FUNCTIONS,
  bindingsArb,
  coordinateArb,
  exprArb,
  exprWithPointArb,
  maybePointArb,
  numberArb,
  pointArb,
  type Bindings,
  type BindingsOptions,
  type ExprArbOptions,
  type NumberOptions,
  type Point,
  type PointOptions,
} from './arbitraries.js';
// Gradient checks users run inside their tests (the seed notebook's workflow).
export {
  checkDerivative,
  checkGradient,
  formatReport,
  gradCheckSparse,
  numericalGradient,
  numericalGradientArray,
  relError,
  type CheckLine,
  type CheckReport,
} from '../check/index.js';
// Properties to drop into fc.assert: a rule's soundness, a gradient's correctness.
export { checkRule, agreeAt, type CheckRuleOptions } from './checkRule.js';
export { derivativeProperty, gradientProperty, type GradientPropertyOptions } from './properties.js';
// Counterexamples with expressions printed as text.
export { exprReporter } from './report.js';
