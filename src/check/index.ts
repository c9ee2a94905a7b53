// Gradient checking: the seed notebook's workflow (rel_error, numerical gradients,
// check_derivative, grad_check_sparse) with true relative errors and seeded sampling.
export { relError, relErrorScalar, type Numeric } from './relError.js';
export {
  numericalDerivative,
  numericalGradient,
  numericalGradientArray,
  numericalGradientEstimate,
  numericalPartial,
  ridders,
  roundingNoise,
  type Estimate,
} from './numerical.js';
export {
  checkDerivative,
  checkGradient,
  compareDerivative,
  judge,
  own,
  trueRelError,
  MARGIN,
  UNDECIDED,
  WIDENING,
  gradCheckSparse,
  DEFAULT_TOLERANCE,
  type CheckOptions,
  type DerivativeCheckOptions,
  type GradientCheckOptions,
  type Interval,
  type Judgement,
} from './gradcheck.js';
export {
  formatLine,
  formatReport,
  formatSummary,
  makeReport,
  pairText,
  type CheckLine,
  type CheckReport,
  type LineVerdict,
  type ReportVerdict,
  type ReportContext,
  type FormatOptions,
} from './report.js';
export { createRandom, DEFAULT_SEED, type Random } from './random.js';
export { checkExpression, type ExpressionCheck, type ExpressionCheckOptions } from './exprcheck.js';
export { preciseDerivative, recheckLine, type RecheckInput } from './recheck.js';
