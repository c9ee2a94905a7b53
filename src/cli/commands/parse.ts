// leibniz parse EXPR: the expression read back in canonical form.
import { freeSymbols } from '../../core/traverse.js';
import type { Context, Input, Outcome, Run } from '../command.js';
import { exprJson, guardSize, resultJson, showExpr } from '../output.js';
import { parseExpr } from '../values.js';

export const run: Run = (input: Input, ctx: Context): Outcome => {
  const src = input as string;
  const e = parseExpr(src, undefined, ctx.define);
  guardSize('expression', e);
  return {
    status: 0,
    json: () => resultJson('parse', src, freeSymbols(e), exprJson(e, ctx.print)),
    show: (format) => showExpr(e, format, ctx.print),
  };
};
