// The derivative commands print simplified results unless --no-simplify asks
// for them as computed. simplify is memoised by node id, so the entries of a
// Hessian (shared, mirrored) are simplified once.
import type { Expr } from '../core/expr.js';
import { simplify } from '../simplify/simplify.js';
import type { Context } from './command.js';

export function tidy(ctx: Context, es: readonly Expr[]): Expr[] {
  return ctx.args.flags.has('no-simplify') ? [...es] : es.map((e) => simplify(e));
}
