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
  type Estimate,
} from './numerical.js';
export {
  checkDerivative,
  checkGradient,
  compareDerivative,
  gradCheckSparse,
  DEFAULT_TOLERANCE,
  type CheckOptions,
  type DerivativeCheckOptions,
  type GradientCheckOptions,
} from './gradcheck.js';
export {
  formatLine,
  formatReport,
  formatSummary,
  makeReport,
  type CheckLine,
  type CheckReport,
  type FormatOptions,
} from './report.js';
export { createRandom, DEFAULT_SEED, type Random } from './random.js';
