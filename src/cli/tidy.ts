// The derivative commands print simplified results. The differentiator
// already simplifies results up to a size; larger ones are simplified here,
// since they are about to be printed. simplify is memoised by node id, so an
// already simplified result (or a Hessian's mirrored entries) costs a lookup.
import type { Expr } from '../core/expr.js';
import { simplify } from '../simplify/simplify.js';

export const tidy = (es: readonly Expr[]): Expr[] => es.map((e) => simplify(e));
