// leibniz simplify EXPR [--rule 'name: lhs => rhs' ...] [--trace]
import type { Expr } from '../../core/expr.js';
import { freeSymbols } from '../../core/traverse.js';
import { ParseError } from '../../parse/errors.js';
import { parseRule } from '../../parse/parser.js';
import type { Rule } from '../../parse/rule.js';
import { toText } from '../../print/text.js';
import { simplify } from '../../simplify/simplify.js';
import type { Context, Input, Outcome, Run } from '../command.js';
import { exprJson, guardSize, resultJson, showExpr } from '../output.js';
import { parseExpr } from '../values.js';

interface Step {
  rule: string;
  before: string;
  after: string;
}

export const run: Run = (input: Input, ctx: Context): Outcome => {
  const src = input as string;
  const e = parseExpr(src, undefined, ctx.define);
  const rules = (ctx.args.lists.get('rule') ?? []).map(ruleOption);
  const steps: Step[] = [];
  const wantTrace = ctx.args.flags.has('trace');
  const trace = wantTrace ? (rule: string, before: Expr, after: Expr) => void steps.push({ rule, before: toText(before), after: toText(after) }) : undefined;
  const s = simplify(e, { rules, ...(trace ? { trace } : {}) });
  guardSize('simplified expression', s);
  return {
    status: 0,
    json: () => resultJson('simplify', src, freeSymbols(e), exprJson(s, ctx.print), wantTrace ? { trace: steps } : {}),
    show: (format) => {
      const result = showExpr(s, format, ctx.print);
      if (!wantTrace) return result;
      const lines = steps.map((st) => ctx.style.dim(`${st.rule}: ${st.before}  =>  ${st.after}`));
      return [...lines, result].join('\n');
    },
  };
};

function ruleOption(src: string): Rule {
  try {
    return parseRule(src);
  } catch (err) {
    if (err instanceof ParseError) {
      throw new ParseError(src, { offset: err.offset, line: err.line, col: err.column }, `in --rule: ${err.reason}`, err.expected);
    }
    throw err;
  }
}
