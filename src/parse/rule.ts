// A rewrite rule as data: `name: lhs => rhs if guard and guard`.
import type { Expr } from '../core/expr.js';

export type GuardTest = '>0' | '>=0' | '!=0' | 'integer' | 'even' | 'odd' | 'constant';

/** A side condition on one pattern variable, decided by the sign and domain analysis. */
export interface Guard {
  readonly v: string; // the pattern variable, e.g. '?a'
  readonly test: GuardTest;
}

export interface Rule {
  readonly name: string;
  readonly lhs: Expr;
  readonly rhs: Expr;
  readonly guards: readonly Guard[];
  readonly source: string;
}
