// leibniz verify EXPR --claimed DERIVATIVE [--wrt x]: is a hand-derived derivative right?
import { verifyDerivative, type Counterexample } from '../../check/verify.js';
import { freeSymbols } from '../../core/traverse.js';
import { evaluate } from '../../eval/evaluate.js';
import { toText } from '../../print/text.js';
import type { Context, Input, Outcome, Run } from '../command.js';
import { visibleLine } from '../visible.js';
import { UsageError } from '../errors.js';
import { exprJson, resultJson } from '../output.js';
import { chooseVariable, parseExpr, positiveNumber } from '../values.js';

export const run: Run = (input: Input, ctx: Context): Outcome => {
  const src = input as string;
  const f = parseExpr(src);
  const claimedSrc = ctx.args.strings.get('claimed');
  if (claimedSrc === undefined) throw new UsageError('--claimed DERIVATIVE is required: the derivative to verify', ctx.command);
  const claimed = parseExpr(claimedSrc, '--claimed');
  const wrt = chooseVariable([f], ctx.args.strings.get('wrt'), ctx.command);
  const samples = ctx.args.ints.get('samples');
  const seed = ctx.args.ints.get('seed');
  const tol = ctx.args.strings.get('tolerance');
  const tolerance = tol === undefined ? undefined : positiveNumber(tol, '--tolerance', ctx.command, (e) => evaluate(e, {}));
  const v = verifyDerivative(claimed, f, wrt, {
    ...(samples !== undefined ? { samples } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(tolerance !== undefined ? { tolerance } : {}),
  });
  const s = ctx.style;
  const shown = visibleLine(src);
  const how =
    v.method === 'symbolic'
      ? 'claimed minus true derivative simplifies to 0'
      : `agrees at ${v.checked} sampled points${v.skipped > 0 ? `; ${v.skipped} skipped where a side is undefined` : ''}`;
  const lines: string[] = [];
  if (v.verdict === 'correct') lines.push(`${s.green('correct')}: d/d${wrt} ${shown} = ${toText(claimed)} (${how})`);
  else if (v.verdict === 'wrong') {
    const c = v.counterexample!;
    lines.push(`${s.red('wrong')}: ${toText(claimed)} is not d/d${wrt} ${shown}`, `  at ${pointText(c)}: claimed ${c.claimed}, true derivative ${c.actual} (relative error ${c.relError.toExponential(2)})`);
  } else {
    lines.push(`${s.yellow('undecided')}: only ${v.checked} sampled points had both sides defined (${v.skipped} skipped); the claim is not verified`);
  }
  if (v.verdict !== 'correct') lines.push(`  the derivative is ${toText(v.derivative, ctx.print)}`);
  return {
    status: v.verdict === 'correct' ? 0 : 1,
    json: () => resultJson('verify', src, freeSymbols(f), exprJson(v.derivative, ctx.print), {
      wrt,
      claimed: { input: claimedSrc, ...exprJson(claimed, ctx.print) },
      verdict: v.verdict,
      method: v.method,
      checked: v.checked,
      skipped: v.skipped,
      ...(v.counterexample ? { counterexample: v.counterexample } : {}),
    }),
    show: () => lines.join('\n'),
  };
};

const pointText = (c: Counterexample): string =>
  Object.entries(c.point)
    .map(([k, x]) => `${k} = ${x}`)
    .join(', ');
