// leibniz grad EXPR [--vars x,y]
import { freeSymbols } from '../../core/traverse.js';
import { gradient } from '../../diff/multivariate.js';
import type { Context, Input, Outcome, Run } from '../command.js';
import { tidyAll } from '../../diff/derivative.js';
import { guardSize, resultJson, showVector, vectorJson } from '../output.js';
import { chooseVariables, parseExpr } from '../values.js';

export const run: Run = (input: Input, ctx: Context): Outcome => {
  const src = input as string;
  const e = parseExpr(src, undefined, ctx.define);
  const vars = chooseVariables([e], ctx.args.lists.get('vars'), ctx.command);
  const g = tidyAll(gradient(e, vars, { define: ctx.define }));
  guardSize('gradient', ...g);
  return {
    status: 0,
    json: () => resultJson('grad', src, freeSymbols(e), vectorJson(g, ctx.print), { vars }),
    show: (format) => showVector(g, vars.map((v) => `d/d${v}`), format, ctx.print),
  };
};
