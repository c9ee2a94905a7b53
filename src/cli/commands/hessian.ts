// leibniz hessian EXPR [--vars x,y]
import { freeSymbols } from '../../core/traverse.js';
import { hessian } from '../../diff/multivariate.js';
import type { Context, Input, Outcome, Run } from '../command.js';
import { tidyAll } from '../../diff/derivative.js';
import { guardSize, matrixJson, resultJson, showMatrix } from '../output.js';
import { chooseVariables, parseExpr } from '../values.js';

export const run: Run = (input: Input, ctx: Context): Outcome => {
  const src = input as string;
  const e = parseExpr(src, undefined, ctx.define);
  const vars = chooseVariables([e], ctx.args.lists.get('vars'), ctx.command);
  const H = hessian(e, vars, { define: ctx.define }).map((row) => tidyAll(row));
  guardSize('Hessian', ...H.flat());
  return {
    status: 0,
    json: () => resultJson('hessian', src, freeSymbols(e), matrixJson(H, ctx.print), { vars }),
    show: (format) => showMatrix(H, format, ctx.print),
  };
};
