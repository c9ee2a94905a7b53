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
// Lead: add the property helpers of the other areas here, e.g.
// export { checkRule } from '../simplify/...';  (rules' soundness as a fast-check property)
