// Powers and roots. Real semantics: x^(p/q) with q odd is real for x < 0
// (sign(x)^p*|x|^(p/q)), with q even only for x >= 0. The builders already do
// (x^a)^n = x^(a*n) for integer n and (x*y)^n = x^n*y^n; these are the cases
// that need a guard or an abs.
export const POWERS: readonly string[] = [
  // x^(2k) = |x|^(2k) >= 0, so (x^(2k))^m = |x|^(2k*m): sqrt(x^2) = |x|, never x.
  'pow-pow-even: (?x^?n)^?m => abs(?x)^(?n*?m) if ?n even',
  // An odd power keeps the sign of x, and the real odd roots agree with it.
  'pow-pow-odd: (?x^?n)^?m => ?x^(?n*?m) if ?n odd',
  // For x >= 0 every power is exp(a*log(x)) (or 0), so exponents multiply.
  'pow-pow-nonneg: (?x^?a)^?b => ?x^(?a*?b) if ?x >= 0',
  // sqrt(x) is defined only for x >= 0, where the rule above holds.
  'pow-sqrt: (?x^(1/2))^?b => ?x^(?b/2)',
  // sqrt(x)*sqrt(y) is defined only for x, y >= 0, where it is sqrt(x*y).
  'sqrt-product: ?x^(1/2)*?y^(1/2) => (?x*?y)^(1/2)',
  // A positive factor comes out of any power: sqrt(4*x) = 2*sqrt(x).
  'pow-positive-factor: (?x*?y)^?a => ?x^?a*?y^?a if ?x > 0',
  'zero-pow: 0^?a => 0 if ?a > 0',
  // nthroot(x, n) = x^(1/n) for an index n the builders cannot lower (nthroot(1, pi)).
  'nthroot-of-one: nthroot(1, ?n) => 1 if ?n != 0',
  'nthroot-of-zero: nthroot(0, ?n) => 0 if ?n > 0',
  // exp(a)^b = exp(a*b): exp(a) > 0.
  'exp-pow: exp(?a)^?b => exp(?a*?b)',
  // b^(n*x) = (b^n)^x for b > 0 and any x: so 2^(2*x) is 4^x (a constant base, folded).
  'pow-constant-base: ?b^(?n*?x) => (?b^?n)^?x if ?b > 0 and ?b constant and ?n integer',
];
