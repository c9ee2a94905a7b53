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
  'sinh-of-sum: sinh(?a)*cosh(?b) + cosh(?a)*sinh(?b) => sinh(?a + ?b)',
  'cosh-of-sum: cosh(?a)*cosh(?b) + sinh(?a)*sinh(?b) => cosh(?a + ?b)',
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
  // Reciprocals: 1/cosh = sech everywhere, 1/sinh = csch and 1/tanh = coth where sinh != 0
  // (where the left side is defined); a fractional power needs the same sign on both sides.
  'cosh-reciprocal: cosh(?a)^(-?n) => sech(?a)^?n if ?n > 0',
  'sinh-reciprocal: sinh(?a)^(-?n) => csch(?a)^?n if ?n > 0',
  'tanh-reciprocal: tanh(?a)^(-?n) => coth(?a)^?n if ?n > 0',
  'sech-reciprocal: sech(?a)^(-?n) => cosh(?a)^?n if ?n > 0',
  'csch-reciprocal: csch(?a)^(-?n) => sinh(?a)^?n if ?n > 0',
  'coth-reciprocal: coth(?a)^(-?n) => tanh(?a)^?n if ?n > 0',
  'sech-cosh-powers: sech(?a)^?n*cosh(?a)^?n => 1 if ?n integer',
  'csch-sinh-powers: csch(?a)^?n*sinh(?a)^?n => 1 if ?n integer',
  'tanh-coth-powers: tanh(?a)^?n*coth(?a)^?n => 1 if ?n integer',
  // The first powers, which the powers' patterns do not match: 1 wherever the product is defined
  // (csch and coth are defined only where sinh != 0, and then tanh != 0 too).
  'sech-times-cosh: sech(?a)*cosh(?a) => 1',
  'csch-times-sinh: csch(?a)*sinh(?a) => 1',
  'tanh-times-coth: tanh(?a)*coth(?a) => 1',
  // Unequal powers of a function and its reciprocal: cosh^m*sech^n = cosh^(m - n) (cosh >= 1), and
  // sinh^m*csch^n = sinh^(m - n) where csch is defined (sinh != 0), the right side defined there too.
  'cosh-sech-unequal-powers: cosh(?a)^?m*sech(?a)^?n => cosh(?a)^(?m - ?n) if ?m integer and ?n integer',
  'cosh-times-sech-power: cosh(?a)*sech(?a)^?n => cosh(?a)^(1 - ?n) if ?n integer',
  'cosh-power-times-sech: cosh(?a)^?m*sech(?a) => cosh(?a)^(?m - 1) if ?m integer',
  'sinh-csch-unequal-powers: sinh(?a)^?m*csch(?a)^?n => sinh(?a)^(?m - ?n) if ?m integer and ?n integer',
  'sinh-times-csch-power: sinh(?a)*csch(?a)^?n => sinh(?a)^(1 - ?n) if ?n integer',
  'sinh-power-times-csch: sinh(?a)^?m*csch(?a) => sinh(?a)^(?m - 1) if ?m integer',
  'sinh-times-sech: sinh(?a)*sech(?a) => tanh(?a)',
  'sinh-sech-powers: sinh(?a)^?n*sech(?a)^?n => tanh(?a)^?n if ?n integer',
  'cosh-csch-powers: cosh(?a)^?n*csch(?a)^?n => coth(?a)^?n if ?n integer',
  'cosh-times-csch: cosh(?a)*csch(?a) => coth(?a)',
  'coth-times-sinh: coth(?a)*sinh(?a) => cosh(?a)',
  'tanh-times-csch: tanh(?a)*csch(?a) => sech(?a)',
  // cosh^2 - sinh^2 = 1 in its other arrangements: sech^2 + tanh^2 = 1 everywhere, and
  // coth^2 - csch^2 = 1 wherever sinh != 0 (where coth and csch are defined).
  'sinh-cosh-squares: sinh(?a)^2 - cosh(?a)^2 => -1',
  'one-minus-cosh-squared: 1 - cosh(?a)^2 => -sinh(?a)^2',
  'minus-one-minus-sinh-squared: -1 - sinh(?a)^2 => -cosh(?a)^2',
  'sech-tanh-squares: sech(?a)^2 + tanh(?a)^2 => 1',
  'one-minus-sech-squared: 1 - sech(?a)^2 => tanh(?a)^2',
  // 1 - tanh^2 stays as it is (tanh's derivative as an ML formula writes it, reusing tanh), but
  // under a root it is sech^2, whose root is sech (> 0, everywhere defined).
  'sqrt-one-minus-tanh-squared: sqrt(1 - tanh(?a)^2) => sech(?a)',
  'reciprocal-sqrt-one-minus-tanh-squared: (1 - tanh(?a)^2)^(-1/2) => cosh(?a)',
  'coth-csch-squares: coth(?a)^2 - csch(?a)^2 => 1',
  'csch-coth-squares: csch(?a)^2 - coth(?a)^2 => -1',
  'coth-squared-minus-one: coth(?a)^2 - 1 => csch(?a)^2',
  'one-minus-coth-squared: 1 - coth(?a)^2 => -csch(?a)^2',
  'one-plus-csch-squared: 1 + csch(?a)^2 => coth(?a)^2',
  // Inverse functions of a reciprocal, by their definitions (asech(u) = acosh(1/u), ...).
  'acosh-reciprocal: acosh(1/?u) => asech(?u)',
  'asinh-reciprocal: asinh(1/?u) => acsch(?u)',
  'atanh-reciprocal: atanh(1/?u) => acoth(?u)',
  // The inverse functions written as logs, on the log's own domain: x + sqrt(x^2 + 1) > 0
  // always; x + sqrt(x^2 - 1) > 0 only for x >= 1, where acosh is defined; (1 + x)/(1 - x) > 0
  // only for |x| < 1 (atanh's domain), (x + 1)/(x - 1) > 0 only for |x| > 1 (acoth's);
  // (1 + sqrt(1 - x^2))/x > 0 only for 0 < x <= 1 (asech's); 1/x + sqrt(1/x^2 + 1) > 0 for x != 0.
  'log-asinh: log(?x + sqrt(?x^2 + 1)) => asinh(?x)',
  'log-acosh: log(?x + sqrt(?x^2 - 1)) => acosh(?x)',
  'log-atanh: log((1 + ?x)/(1 - ?x))/2 => atanh(?x)',
  'log-acoth: log((?x + 1)/(?x - 1))/2 => acoth(?x)',
  'log-asech: log((1 + sqrt(1 - ?x^2))/?x) => asech(?x)',
  'log-acsch: log(1/?x + sqrt(1/?x^2 + 1)) => acsch(?x)',
  // At a constant the definitions may fold (sech(0) = 1/cosh(0) = 1); kept only when cheaper.
  'sech-at-constant: sech(?c) => 1/cosh(?c) if ?c constant',
  'csch-at-constant: csch(?c) => 1/sinh(?c) if ?c constant',
  'coth-at-constant: coth(?c) => cosh(?c)/sinh(?c) if ?c constant',
];
