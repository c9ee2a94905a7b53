// The compiler's public API: fast JavaScript functions for values, gradients and Jacobians.
export { compile, type ArrayFunction, type CompiledFunction, type CompileOptions } from './compile.js';
export {
  compileGradient,
  compileJacobian,
  type ArrayGradientFunction,
  type ArrayJacobianFunction,
  type GradientFunction,
  type GradientOptions,
  type JacobianFunction,
} from './gradient.js';
export { compileHessian, type ArrayHessianFunction, type HessianFunction } from './hessian.js';
export type { ArgsConvention } from './vars.js';
export { moduleSource, type ModuleOptions } from './module.js';
