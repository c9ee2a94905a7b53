// Fractions. The builders already write a/b as a*b^-1 and cancel equal
// factors (x/x -> 1); combining and cancelling whole polynomials (common
// denominators, polynomial gcd) is code in ../rational/rules.ts, listed in ./index.ts.
export const FRACTIONS: readonly string[] = [
  // -1/(x - y) is 1/(y - x): the minus goes into an odd power of a sum.
  'neg-odd-power: -(?a + ?b)^?n => (-?a - ?b)^?n if ?n odd',
];
