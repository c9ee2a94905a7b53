// Arithmetic. The builders already flatten, order, fold exact numbers and
// collect like terms (x + x -> 2*x) and equal bases (x*x -> x^2); what is left
// here is putting signs where a person writes them. The code rules of this
// group (expanding, factoring) live in ../rational/rules.ts and are listed in ./index.ts.
export const ARITHMETIC: readonly string[] = [
  // -(x - y) is y - x: a negated sum (inside a product too) loses its minus.
  'neg-sum: -(?a + ?b) => -?a - ?b',
];
