// leibniz verify EXPR --claimed DERIVATIVE [--wrt x]: is a hand-derived derivative right?
import { verifyDerivative, type Counterexample } from '../../check/verify.js';
import { freeSymbols } from '../../core/traverse.js';
import { evaluate } from '../../eval/evaluate.js';
import { toText } from '../../print/text.js';
import type { Context, Input, Outcome, Run } from '../command.js';
import { visibleLine } from '../visible.js';
import { UsageError } from '../errors.js';
import { exprJson, resultJson } from '../output.js';
import { chooseVariable, parseInlined, positiveNumber } from '../values.js';

export const run: Run = (input: Input, ctx: Context): Outcome => {
  const src = input as string;
  const f = parseInlined(src, undefined, ctx.define);
  const claimedSrc = ctx.args.strings.get('claimed');
  if (claimedSrc === undefined) throw new UsageError('--claimed DERIVATIVE is required: the derivative to verify', ctx.command);
  const claimed = parseInlined(claimedSrc, '--claimed', ctx.define);
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
  const lines: string[] = [];
  if (v.verdict === 'correct') {
    const how = v.method === 'symbolic' ? 'claimed minus true derivative simplifies to 0' : v.reason!;
    lines.push(`${s.green('correct')}: d/d${wrt} ${shown} = ${toText(claimed, ctx.print)} (${how})`);
  } else if (v.verdict === 'wrong') {
    const c = v.counterexample!;
    const how = c.certainty === 'exact' ? 'exact values' : 'certain to the digits shown';
    lines.push(
      `${s.red('wrong')}: ${toText(claimed, ctx.print)} is not d/d${wrt} ${shown}`,
      `  at ${pointText(c)}: claimed ${c.claimedText}, true derivative ${c.actualText} (${how})`,
    );
    if (c.substituted) lines.push(`  with ${Object.values(c.substituted).join(', ')} (the claim must hold for every function)`);
  } else {
    lines.push(`${s.yellow('undecided')}: ${v.reason}; the claim is neither verified nor refuted`);
  }
  if (v.verdict !== 'correct') lines.push(`  the derivative is ${toText(v.derivative, ctx.print)}`);
  return {
    status: v.verdict === 'correct' ? 0 : v.verdict === 'wrong' ? 1 : 3,
    json: () => resultJson('verify', src, freeSymbols(f), exprJson(v.derivative, ctx.print), {
      wrt,
      claimed: { input: claimedSrc, ...exprJson(claimed, ctx.print) },
      verdict: v.verdict,
      method: v.method,
      checked: v.checked,
      skipped: v.skipped,
      ...(v.reason !== undefined ? { reason: v.reason } : {}),
      ...(v.counterexample ? { counterexample: v.counterexample } : {}),
    }),
    show: () => lines.join('\n'),
  };
};

const pointText = (c: Counterexample): string =>
  Object.entries(c.point)
    .map(([k, x]) => `${k} = ${x}`)
    .join(', ');
