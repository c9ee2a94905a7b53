// Trigonometric identities. Never an inverse of a periodic function (asin(sin(x))
// is not x). sec, csc and cot appear where they are the cheapest sound form
// (1 + tan(x)^2 is sec(x)^2; cos/sin is cot, since 1/tan would be undefined
// where cos = 0).
export const TRIG: readonly string[] = [
  'pythagoras: sin(?a)^2 + cos(?a)^2 => 1',
  'pythagoras-scaled: ?c*sin(?a)^2 + ?c*cos(?a)^2 => ?c',
  'one-minus-sin-squared: 1 - sin(?a)^2 => cos(?a)^2',
  'one-minus-cos-squared: 1 - cos(?a)^2 => sin(?a)^2',
  'sin-squared-minus-one: sin(?a)^2 - 1 => -cos(?a)^2',
  'cos-squared-minus-one: cos(?a)^2 - 1 => -sin(?a)^2',
  'one-plus-tan-squared: 1 + tan(?a)^2 => sec(?a)^2',
  'one-plus-cot-squared: 1 + cot(?a)^2 => csc(?a)^2',
  'sin-neg: sin(-?a) => -sin(?a)',
  'cos-neg: cos(-?a) => cos(?a)',
  'tan-neg: tan(-?a) => -tan(?a)',
  'cot-neg: cot(-?a) => -cot(?a)',
  'sec-neg: sec(-?a) => sec(?a)',
  'csc-neg: csc(-?a) => -csc(?a)',
  'asin-neg: asin(-?a) => -asin(?a)',
  'atan-neg: atan(-?a) => -atan(?a)',
  // Where sin/cos is defined, cos != 0 and tan is defined.
  'tan-quotient: sin(?a)/cos(?a) => tan(?a)',
  'tan-quotient-power: sin(?a)^?n/cos(?a)^?n => tan(?a)^?n if ?n > 0',
  'cot-quotient: cos(?a)/sin(?a) => cot(?a)',
  'tan-times-cos: tan(?a)*cos(?a) => sin(?a)',
  'cot-times-sin: cot(?a)*sin(?a) => cos(?a)',
  'sec-times-cos: sec(?a)*cos(?a) => 1',
  'csc-times-sin: csc(?a)*sin(?a) => 1',
  'tan-times-cot: tan(?a)*cot(?a) => 1',
  'sin-of-sum: sin(?a)*cos(?b) + cos(?a)*sin(?b) => sin(?a + ?b)',
  'sin-of-difference: sin(?a)*cos(?b) - cos(?a)*sin(?b) => sin(?a - ?b)',
  'cos-of-sum: cos(?a)*cos(?b) - sin(?a)*sin(?b) => cos(?a + ?b)',
  'cos-of-difference: cos(?a)*cos(?b) + sin(?a)*sin(?b) => cos(?a - ?b)',
  // Sums of a function at a + b and at a - b, as products (exact everywhere).
  'sin-sum-plus-difference: sin(?a + ?b) + sin(?a - ?b) => 2*sin(?a)*cos(?b)',
  'sin-sum-minus-difference: sin(?a + ?b) - sin(?a - ?b) => 2*cos(?a)*sin(?b)',
  'cos-sum-plus-difference: cos(?a + ?b) + cos(?a - ?b) => 2*cos(?a)*cos(?b)',
  'cos-difference-minus-sum: cos(?a - ?b) - cos(?a + ?b) => 2*sin(?a)*sin(?b)',
  'double-angle-sin: sin(?a)*cos(?a) => sin(2*?a)/2',
  'double-angle-cos: cos(?a)^2 - sin(?a)^2 => cos(2*?a)',
  'sin-asin: sin(asin(?a)) => ?a',
  'cos-acos: cos(acos(?a)) => ?a',
  'tan-atan: tan(atan(?a)) => ?a',
  'sin-plus-pi: sin(?a + pi) => -sin(?a)',
  'cos-plus-pi: cos(?a + pi) => -cos(?a)',
  'sin-pi-minus: sin(pi - ?a) => sin(?a)',
  'cos-pi-minus: cos(pi - ?a) => -cos(?a)',
  // Their reciprocals likewise, wherever defined.
  'csc-pi-minus: csc(pi - ?a) => csc(?a)',
  'sec-pi-minus: sec(pi - ?a) => -sec(?a)',
  // Values at r*pi (sin(pi/6) = 1/2) are the builders' (core/circular.ts), and their inverses a fold's
  // (inverse-circular-exact-value).
  'sin-plus-half-pi: sin(?a + pi/2) => cos(?a)',
  'cos-plus-half-pi: cos(?a + pi/2) => -sin(?a)',
  // Reciprocals: 1/cos = sec wherever cos != 0 (where the left side is defined), and so on; for
  // a fractional power both sides need the same sign (sec > 0 exactly where cos > 0).
  // 1/tan is defined where sin != 0 and cos != 0, and cot (= cos/sin) is its value there.
  'cos-reciprocal: cos(?a)^(-?n) => sec(?a)^?n if ?n > 0',
  'sin-reciprocal: sin(?a)^(-?n) => csc(?a)^?n if ?n > 0',
  'sec-reciprocal: sec(?a)^(-?n) => cos(?a)^?n if ?n > 0',
  'csc-reciprocal: csc(?a)^(-?n) => sin(?a)^?n if ?n > 0',
  'tan-reciprocal: tan(?a)^(-?n) => cot(?a)^?n if ?n > 0',
  'cot-reciprocal: cot(?a)^(-?n) => tan(?a)^?n if ?n > 0',
  // Products of a function and a reciprocal: defined where both factors are, equal there.
  'sec-cos-powers: sec(?a)^?n*cos(?a)^?n => 1 if ?n integer',
  'csc-sin-powers: csc(?a)^?n*sin(?a)^?n => 1 if ?n integer',
  'tan-cot-powers: tan(?a)^?n*cot(?a)^?n => 1 if ?n integer',
  'tan-cos-powers: tan(?a)^?n*cos(?a)^?n => sin(?a)^?n if ?n integer',
  'cot-sin-powers: cot(?a)^?n*sin(?a)^?n => cos(?a)^?n if ?n integer',
  // Unequal powers of a function and its reciprocal: cos^m*sec^n = cos^(m - n) where the left side
  // is defined (sec defined: cos != 0); the right side is defined there too (and maybe where cos = 0).
  // Constant exponents, not only integers: where a root of either is real (cos > 0 for an even
  // root) so is the other, sec^n = cos^(-n) there, and an even root in m - n has one in m or n.
  'cos-sec-unequal-powers: cos(?a)^?m*sec(?a)^?n => cos(?a)^(?m - ?n) if ?m constant and ?n constant',
  'cos-times-sec-power: cos(?a)*sec(?a)^?n => cos(?a)^(1 - ?n) if ?n constant',
  'cos-power-times-sec: cos(?a)^?m*sec(?a) => cos(?a)^(?m - 1) if ?m constant',
  'sin-csc-unequal-powers: sin(?a)^?m*csc(?a)^?n => sin(?a)^(?m - ?n) if ?m constant and ?n constant',
  'sin-times-csc-power: sin(?a)*csc(?a)^?n => sin(?a)^(1 - ?n) if ?n constant',
  'sin-power-times-csc: sin(?a)^?m*csc(?a) => sin(?a)^(?m - 1) if ?m constant',
  // tan and cot likewise (both defined: sin != 0 and cos != 0, where cot = 1/tan): cbrt(cot(x))*tan(x)^(4/3) is tan(x).
  'tan-cot-unequal-powers: tan(?a)^?m*cot(?a)^?n => tan(?a)^(?m - ?n) if ?m constant and ?n constant',
  'tan-times-cot-power: tan(?a)*cot(?a)^?n => tan(?a)^(1 - ?n) if ?n constant',
  'tan-power-times-cot: tan(?a)^?m*cot(?a) => tan(?a)^(?m - 1) if ?m constant',
  'sin-times-sec: sin(?a)*sec(?a) => tan(?a)',
  'sin-sec-powers: sin(?a)^?n*sec(?a)^?n => tan(?a)^?n if ?n integer',
  'cos-csc-powers: cos(?a)^?n*csc(?a)^?n => cot(?a)^?n if ?n integer',
  'cos-times-csc: cos(?a)*csc(?a) => cot(?a)',
  'tan-times-csc: tan(?a)*csc(?a) => sec(?a)',
  'tan-csc-powers: tan(?a)^?n*csc(?a)^?n => sec(?a)^?n if ?n integer',
  'cot-sec-powers: cot(?a)^?n*sec(?a)^?n => csc(?a)^?n if ?n integer',
  'cot-times-sec: cot(?a)*sec(?a) => csc(?a)',
  // The Pythagorean identity in its other arrangements: sec^2 = 1 + tan^2 and csc^2 = 1 + cot^2
  // wherever the functions on the left are defined (cos != 0, or sin != 0).
  'sec-tan-squares: sec(?a)^2 - tan(?a)^2 => 1',
  'tan-sec-squares: tan(?a)^2 - sec(?a)^2 => -1',
  'sec-squared-minus-one: sec(?a)^2 - 1 => tan(?a)^2',
  'one-minus-sec-squared: 1 - sec(?a)^2 => -tan(?a)^2',
  'minus-one-minus-tan-squared: -1 - tan(?a)^2 => -sec(?a)^2',
  'csc-cot-squares: csc(?a)^2 - cot(?a)^2 => 1',
  'cot-csc-squares: cot(?a)^2 - csc(?a)^2 => -1',
  'csc-squared-minus-one: csc(?a)^2 - 1 => cot(?a)^2',
  'one-minus-csc-squared: 1 - csc(?a)^2 => -cot(?a)^2',
  'minus-one-minus-cot-squared: -1 - cot(?a)^2 => -csc(?a)^2',
  'minus-one-plus-sin-squared: -sin(?a)^2 - cos(?a)^2 => -1',
  // Half-angle forms: 1 - cos(2a) = 2*sin(a)^2 and 1 + cos(2a) = 2*cos(a)^2 everywhere.
  'one-minus-cos-double: ?c*(1 - cos(2*?a)) => 2*?c*sin(?a)^2',
  'cos-double-minus-one: ?c*(cos(2*?a) - 1) => -2*?c*sin(?a)^2',
  'one-plus-cos-double: ?c*(1 + cos(2*?a)) => 2*?c*cos(?a)^2',
  // Periods: sin and cos repeat after 2*pi and change sign after pi; tan and cot repeat after pi.
  'sin-plus-even-pi: sin(?a + ?n*pi) => sin(?a) if ?n even',
  'sin-plus-odd-pi: sin(?a + ?n*pi) => -sin(?a) if ?n odd',
  'cos-plus-even-pi: cos(?a + ?n*pi) => cos(?a) if ?n even',
  'cos-plus-odd-pi: cos(?a + ?n*pi) => -cos(?a) if ?n odd',
  'sec-plus-even-pi: sec(?a + ?n*pi) => sec(?a) if ?n even',
  'sec-plus-odd-pi: sec(?a + ?n*pi) => -sec(?a) if ?n odd',
  'csc-plus-even-pi: csc(?a + ?n*pi) => csc(?a) if ?n even',
  'csc-plus-odd-pi: csc(?a + ?n*pi) => -csc(?a) if ?n odd',
  'tan-plus-integer-pi: tan(?a + ?n*pi) => tan(?a) if ?n integer',
  'cot-plus-integer-pi: cot(?a + ?n*pi) => cot(?a) if ?n integer',
  // Cofunctions: f(pi/2 - a) is the cofunction of a, defined exactly where it is.
  'sin-half-pi-minus: sin(pi/2 - ?a) => cos(?a)',
  'cos-half-pi-minus: cos(pi/2 - ?a) => sin(?a)',
  'tan-half-pi-minus: tan(pi/2 - ?a) => cot(?a)',
  'cot-half-pi-minus: cot(pi/2 - ?a) => tan(?a)',
  'sec-half-pi-minus: sec(pi/2 - ?a) => csc(?a)',
  'csc-half-pi-minus: csc(pi/2 - ?a) => sec(?a)',
  'tan-plus-half-pi: tan(?a + pi/2) => -cot(?a)',
  'cot-plus-half-pi: cot(?a + pi/2) => -tan(?a)',
  // Inverse functions of a reciprocal: asec(u) = acos(1/u) by definition, and acot(u) = atan(1/u)
  // for u != 0, where the left side is defined (acot is defined at 0 too: the right side may be).
  'acos-reciprocal: acos(1/?u) => asec(?u)',
  'asin-reciprocal: asin(1/?u) => acsc(?u)',
  'atan-reciprocal: atan(1/?u) => acot(?u)',
  // Where the left side is defined, |x| < 1, and x/sqrt(1 - x^2) = tan(asin(x)) with asin(x) in
  // (-pi/2, pi/2), the range of atan. (Not acos from sqrt(1 - x^2)/x: that is acos(x) - pi for x < 0.)
  'atan-to-asin: atan(?x/sqrt(1 - ?x^2)) => asin(?x)',
  // asec(a/b) = acos(b/a): where the left side is defined |a/b| >= 1, so a != 0 and b/a is defined.
  'asec-quotient: asec(?a/?b) => acos(?b/?a)',
  'acsc-quotient: acsc(?a/?b) => asin(?b/?a)',
  // acot(u) = atan(1/u) for u != 0, and the difference is defined only where a, b != 0.
  'acot-atan-quotients: acot(?a/?b) - atan(?b/?a) => 0',
  // At a constant the definitions may fold (sec(0) = 1/cos(0) = 1, tan(pi/3) = sqrt(3)); kept only
  // when cheaper, so sec(pi/7) stays. Same domains: sec = 1/cos, tan = sin/cos by definition.
  'sec-at-constant: sec(?c) => 1/cos(?c) if ?c constant',
  'csc-at-constant: csc(?c) => 1/sin(?c) if ?c constant',
  'tan-at-constant: tan(?c) => sin(?c)/cos(?c) if ?c constant',
  'cot-at-constant: cot(?c) => cos(?c)/sin(?c) if ?c constant',
];
