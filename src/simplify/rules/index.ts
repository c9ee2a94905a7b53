// The built-in rule groups, in the order they are tried at a node. Data rules
// are one line each in leibniz's syntax; the code rules are in ../rational/rules.ts.
import { ABS } from './abs.js';
import { ARITHMETIC } from './arithmetic.js';
import { EXPLOG } from './explog.js';
import { FRACTIONS } from './fractions.js';
import { HYPERBOLIC } from './hyperbolic.js';
import { POWERS } from './powers.js';
import { TRIG } from './trig.js';

export interface RuleGroup {
  readonly group: string;
  readonly rules: readonly string[];
}

export const RULE_GROUPS: readonly RuleGroup[] = [
  { group: 'arithmetic', rules: ARITHMETIC },
  { group: 'powers', rules: POWERS },
  { group: 'fractions', rules: FRACTIONS },
  { group: 'explog', rules: EXPLOG },
  { group: 'trig', rules: TRIG },
  { group: 'hyperbolic', rules: HYPERBOLIC },
  { group: 'abs', rules: ABS },
];
