// Hyperbolic identities. cosh >= 1 never vanishes; sinh, tanh and their
// inverses are bijections (on their domains), so those inverses do cancel.
export const HYPERBOLIC: readonly string[] = [
  'cosh-sinh-squares: cosh(?a)^2 - sinh(?a)^2 => 1',
  'one-plus-sinh-squared: 1 + sinh(?a)^2 => cosh(?a)^2',
  'cosh-squared-minus-one: cosh(?a)^2 - 1 => sinh(?a)^2',
  'sinh-neg: sinh(-?a) => -sinh(?a)',
  'cosh-neg: cosh(-?a) => cosh(?a)',
  'tanh-neg: tanh(-?a) => -tanh(?a)',
  'asinh-neg: asinh(-?a) => -asinh(?a)',
  'atanh-neg: atanh(-?a) => -atanh(?a)',
  'tanh-quotient: sinh(?a)/cosh(?a) => tanh(?a)',
  'tanh-times-cosh: tanh(?a)*cosh(?a) => sinh(?a)',
  'double-sinh: sinh(?a)*cosh(?a) => sinh(2*?a)/2',
  'double-cosh: cosh(?a)^2 + sinh(?a)^2 => cosh(2*?a)',
  'cosh-plus-sinh: cosh(?a) + sinh(?a) => exp(?a)',
  'cosh-minus-sinh: cosh(?a) - sinh(?a) => exp(-?a)',
  'sinh-asinh: sinh(asinh(?a)) => ?a',
  'cosh-acosh: cosh(acosh(?a)) => ?a',
  'tanh-atanh: tanh(atanh(?a)) => ?a',
  'asinh-sinh: asinh(sinh(?a)) => ?a',
  'atanh-tanh: atanh(tanh(?a)) => ?a',
  'acosh-cosh: acosh(cosh(?a)) => abs(?a)',
];
