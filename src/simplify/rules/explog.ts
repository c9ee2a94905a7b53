// Exponentials and logarithms. log is the natural logarithm, defined for x > 0
// only; so wherever log(u) appears in a left side, u > 0 there.
export const EXPLOG: readonly string[] = [
  'exp-log: exp(log(?a)) => ?a',
  'log-exp: log(exp(?a)) => ?a',
  'exp-one: exp(1) => e',
  'log-e: log(e) => 1',
  'exp-product: exp(?a)*exp(?b) => exp(?a + ?b)',
  // a^n = exp(n*log(a)) for a > 0, which log(a) guarantees.
  'exp-n-log: exp(?n*log(?a)) => ?a^?n',
  'exp-plus-log: exp(?a + log(?b)) => ?b*exp(?a)',
  'exp-plus-n-log: exp(?a + ?n*log(?b)) => ?b^?n*exp(?a)',
  // log(x^a) = a*log|x| wherever x^a > 0 (for x < 0 that needs an even numerator),
  // except at x = 0, a = 0: 0^0 = 1 and log(1) = 0, where a*log|x| is 0*log(0), undefined.
  // So either the exponent or the base must be known nonzero (log(0^(-cbrt(x))) at x = 0).
  'log-pow: log(?x^?a) => ?a*log(abs(?x)) if ?a != 0',
  'log-pow-base: log(?x^?a) => ?a*log(abs(?x)) if ?x != 0',
  // ... and an odd power or a square root is positive only for x > 0.
  'log-odd-pow: log(?x^?n) => ?n*log(?x) if ?n odd',
  'log-sqrt: log(?x^(1/2)) => log(?x)/2',
  'log-pow-nonneg: log(?x^?a) => ?a*log(?x) if ?x >= 0 and ?a != 0',
  'log-pow-pos: log(?x^?a) => ?a*log(?x) if ?x > 0',
  // Beside log(x), which is defined only for x > 0, log(x^r) is r*log(x): log(x^(2/3)) - 4/3*log(x) is -2/3*log(x).
  'log-pow-beside-log: log(?x^?r) + ?c*log(?x) => (?r + ?c)*log(?x)',
  // Where both logs are defined a, b > 0.
  'log-sum: log(?a) + log(?b) => log(?a*?b)',
  'log-difference: log(?a) - log(?b) => log(?a/?b)',
  // a/b > 0 exactly where b/a > 0, and log(b/a, c) = -log(a/b, c) there. (Not for the natural
  // log: in a sum, T*r - log(S/K) would become T*r + log(K/S), as cheap and not as written.)
  'neg-log-base-quotient: -log(?a/?b, ?c) => log(?b/?a, ?c)',
  'log10-pow: log10(?x^?n) => ?n*log10(?x) if ?n odd',
  'log2-pow: log2(?x^?n) => ?n*log2(?x) if ?n odd',
  'log-base-same: log(?a, ?a) => 1',
  // exp(v) > 0, so u*exp(v) > 0 exactly where u > 0: log(u*exp(v)) = log(u) + v wherever it is defined.
  'log-exp-factor: log(?u*exp(?v)) => log(?u) + ?v',
  'log-exp-divisor: log(?u/exp(?v)) => log(?u) - ?v',
  // Logs with a base: log(x, b) = log(x)/log(b), defined for x > 0 and a base b > 0, b != 1 only
  // (log(x, 0) is NaN, not log(x)/-Infinity = 0), so b^log(x, b) = x wherever the left side is defined.
  // log(b^x, b) needs b^x > 0, and log(b) defined, so b > 0 already.
  'pow-log-base: ?b^log(?x, ?b) => ?x',
  'pow-log-base-plus: ?b^(log(?x, ?b) + ?c) => ?x*?b^?c',
  'pow-n-log-base: ?b^(?n*log(?x, ?b)) => ?x^?n',
  'log-base-pow: log(?b^?x, ?b) => ?x',
  // log(1)/log(b) = 0 for every base b > 0, b != 1 (elsewhere the left side has no value).
  'log-base-one: log(1, ?b) => 0',
  // b > 0, so b^x > 0 and u*b^x > 0 exactly where u > 0: log(u*b^x)/log(b) = log(u)/log(b) + x.
  'log-base-power-factor: log(?u*?b^?x, ?b) => log(?u, ?b) + ?x',
  // An odd power is positive only where its base is (as log-odd-pow).
  'log-base-odd-pow: log(?x^?n, ?b) => ?n*log(?x, ?b) if ?n odd',
  // Where both logs are defined, a, b > 0 and the base c > 0, c != 1: as for the natural log.
  'log-base-sum: log(?a, ?c) + log(?b, ?c) => log(?a*?b, ?c)',
  'log-base-difference: log(?a, ?c) - log(?b, ?c) => log(?a/?b, ?c)',
  // log(a, b)/log(a) = 1/log(b) where the quotient is defined (a > 0, a != 1; b > 0, b != 1), and its reciprocal.
  'log-base-over-log: log(?a, ?b)/log(?a) => 1/log(?b)',
  'log-over-log-base: log(?a)/log(?a, ?b) => log(?b)',
  'log-base-exp: log(exp(?x), ?b) => ?x/log(?b)',
  'log-quotient-base: log(?a)/log(?b) => log(?a, ?b)',
  // c^log(x) = exp(log(c)*log(x)) = x^log(c) for x > 0 (where c^log(x) is defined) and c > 0.
  'pow-log-swap: ?a*?x^log(?c) + ?b*?c^log(?x) => (?a + ?b)*?x^log(?c)',
];
