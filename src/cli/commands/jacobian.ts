// leibniz jacobian EXPR1 EXPR2 ... [--vars x,y]
import { freeSymbols } from '../../core/traverse.js';
import { ParseError } from '../../parse/errors.js';
import { jacobian } from '../../diff/multivariate.js';
import type { Context, Input, Outcome, Run } from '../command.js';
import { tidyAll } from '../../diff/derivative.js';
import { guardSize, matrixJson, resultJson, showMatrix } from '../output.js';
import { chooseVariables, parseExpr } from '../values.js';

export const run: Run = (input: Input, ctx: Context): Outcome => {
  const srcs = typeof input === 'string' ? [input] : [...input];
  const es = srcs.map((s, i) => {
    try {
      return parseExpr(s, undefined, ctx.define);
    } catch (err) {
      // Say which of the expressions is wrong.
      if (err instanceof ParseError && srcs.length > 1) {
        throw new ParseError(s, { offset: err.offset, line: err.line, col: err.column }, `in expression ${i + 1}: ${err.reason}`, err.expected);
      }
      throw err;
    }
  });
  const vars = chooseVariables(es, ctx.args.lists.get('vars'), ctx.command);
  const J = jacobian(es, vars, { define: ctx.define }).map((row) => tidyAll(row));
  guardSize('Jacobian', ...J.flat());
  return {
    status: 0,
    json: () => resultJson('jacobian', srcs, freeSymbols(...es), matrixJson(J, ctx.print), { vars }),
    show: (format) => showMatrix(J, format, ctx.print),
  };
};
