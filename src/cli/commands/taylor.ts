// leibniz taylor EXPR [--wrt x] [--at 0] [--order 5]
import { freeSymbols } from '../../core/traverse.js';
import { taylor } from '../../diff/multivariate.js';
import type { Context, Input, Outcome, Run } from '../command.js';
import { TIME_BUDGET_MS } from '../order.js';
import { exprJson, guardSize, resultJson, showExpr } from '../output.js';
import { chooseVariable, parseExpr, pointExpr } from '../values.js';

export const run: Run = (input: Input, ctx: Context): Outcome => {
  const src = input as string;
  const e = parseExpr(src, undefined, ctx.define);
  const wrt = chooseVariable([e], ctx.args.strings.get('wrt'), ctx.command);
  const atSrc = ctx.args.strings.get('at') ?? '0';
  const at = pointExpr(atSrc, wrt, ctx.command);
  const order = ctx.args.ints.get('order') ?? 5;
  // Not simplified: the simplifier would expand the powers of (x - a) that make it a Taylor polynomial.
  const t = taylor(e, wrt, at, order, { timeLimitMs: TIME_BUDGET_MS, ...(ctx.define ? { define: ctx.define } : {}) });
  guardSize('Taylor polynomial', t);
  // In ascending powers of (x - a), as a Taylor polynomial is written.
  const print = { ...ctx.print, order: 'ascending', wrt } as const;
  return {
    status: 0,
    json: () => resultJson('taylor', src, freeSymbols(e), exprJson(t, print), { wrt, at: atSrc, order }),
    show: (format) => showExpr(t, format, print),
  };
};
