// leibniz compile EXPR [--vars x,y] [--grad]: a self-contained ES module.
import { moduleSource } from '../../compile/module.js';
import { freeSymbols } from '../../core/traverse.js';
import type { Context, Input, Outcome, Run } from '../command.js';
import { exprJson, resultJson } from '../output.js';
import { chooseVariables, parseInlined } from '../values.js';

export const run: Run = (input: Input, ctx: Context): Outcome => {
  const src = input as string;
  const e = parseInlined(src, undefined, ctx.define);
  const vars = chooseVariables([e], ctx.args.lists.get('vars'), ctx.command);
  const gradient = ctx.args.flags.has('grad');
  const hessian = ctx.args.flags.has('hessian');
  const args = ctx.args.flags.has('array') ? 'array' : 'positional';
  // The names go into a comment only when they are plain identifiers (no line breaks, no comment ends).
  const named = vars.every((v) => /^[\p{L}\p{N}_]+$/u.test(v));
  const source = withArgumentNames(moduleSource(e, vars, { gradient, hessian, args }), named ? vars : undefined, args === 'array');
  return {
    status: 0,
    json: () => resultJson('compile', src, freeSymbols(e), exprJson(e, ctx.print), { vars, gradient, hessian, args, module: source }),
    show: () => source,
  };
};

/** Adds "// Variables: v0 = x, v1 = y" (or "x[0] = a, ...") after the module's header comment. */
function withArgumentNames(source: string, vars: readonly string[] | undefined, array: boolean): string {
  if (!vars) return source;
  const lines = source.split('\n');
  let k = 0;
  while (k < lines.length && lines[k]!.startsWith('//')) k++;
  if (vars.length > 0) lines.splice(k, 0, `// Variables: ${vars.map((v, i) => `${array ? `x[${i}]` : `v${i}`} = ${v}`).join(', ')}`);
  return lines.join('\n');
}
