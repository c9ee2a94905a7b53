// Absolute value and sign.
export const ABS: readonly string[] = [
  'abs-abs: abs(abs(?a)) => abs(?a)',
  'abs-nonneg: abs(?a) => ?a if ?a >= 0',
  'abs-nonpos: abs(-?a) => ?a if ?a >= 0',
  'abs-neg: abs(-?a) => abs(?a)',
  'abs-nonneg-factor: abs(?a*?b) => ?a*abs(?b) if ?a >= 0',
  'abs-even-pow: abs(?a)^?n => ?a^?n if ?n even',
  // Where |a|/a is defined, a != 0.
  'abs-over-self: abs(?a)/?a => sign(?a)',
  'self-over-abs: ?a/abs(?a) => sign(?a)',
  'sign-times-abs: sign(?a)*abs(?a) => ?a',
  // a*sign(a) = |a| everywhere (both 0 at a = 0).
  'self-times-sign: ?a*sign(?a) => abs(?a)',
  'sign-positive: sign(?a) => 1 if ?a > 0',
  'sign-negative: sign(-?a) => -1 if ?a > 0',
  'sign-neg: sign(-?a) => -sign(?a)',
  'sign-squared: sign(?a)^2 => 1 if ?a != 0',
  'sign-abs: sign(abs(?a)) => 1 if ?a != 0',
  // |a|*|b| = |a*b| everywhere; a negative sum of nonnegative parts flips its sign.
  'abs-product: abs(?a)*abs(?b) => abs(?a*?b)',
  'abs-negative-sum: abs(-?a - ?b) => ?a + ?b if ?a >= 0 and ?b >= 0',
  // |a^n| = |a|^n for an integer n wherever a^n is defined (abs(1/x) = 1/abs(x)).
  'abs-int-power: abs(?a^?n) => abs(?a)^?n if ?n integer',
  'abs-nonneg-factor-power: abs(?a*?b^?n) => ?a*abs(?b)^?n if ?a >= 0 and ?n integer',
  // Even functions do not see the sign of their argument: f(|a|) = f(a) everywhere.
  'cos-abs: cos(abs(?a)) => cos(?a)',
  'sec-abs: sec(abs(?a)) => sec(?a)',
  'cosh-abs: cosh(abs(?a)) => cosh(?a)',
  'sech-abs: sech(abs(?a)) => sech(?a)',
];
