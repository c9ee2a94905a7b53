// The compiler's public API: fast JavaScript functions for values, gradients and Jacobians.
export { compile, type CompiledFunction, type CompileOptions } from './compile.js';
export { compileGradient, compileJacobian, type GradientFunction, type JacobianFunction } from './gradient.js';
export { moduleSource, type ModuleOptions } from './module.js';
