// leibniz diff EXPR [--wrt x] [--order n]
import { freeSymbols } from '../../core/traverse.js';
import { nthDerivative } from '../order.js';
import { tidy } from '../../diff/derivative.js';
import type { Context, Input, Outcome, Run } from '../command.js';
import { exprJson, guardSize, resultJson, showExpr } from '../output.js';
import { chooseVariable, parseExpr } from '../values.js';

export const run: Run = (input: Input, ctx: Context): Outcome => {
  const src = input as string;
  const e = parseExpr(src, undefined, ctx.define);
  const wrt = chooseVariable([e], ctx.args.strings.get('wrt'), ctx.command);
  const order = ctx.args.ints.get('order') ?? 1;
  const raw = nthDerivative(e, wrt, order, { define: ctx.define });
  const d = tidy(raw, { maxNodes: Infinity });
  guardSize('derivative', d);
  return {
    status: 0,
    json: () => resultJson('diff', src, freeSymbols(e), exprJson(d, ctx.print), { wrt, order }),
    show: (format) => showExpr(d, format, ctx.print),
  };
};
