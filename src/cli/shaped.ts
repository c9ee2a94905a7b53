// Commands with --shape x=n --shape A=m,n: the expression is read with those
// shapes and handled by the matrix layer. Each result is printed with its
// shape and layout; --json carries `shape` and `layout`.
import { MathError } from '../core/rational.js';
import { derivativeShaped, gradientOf, hessianOf, jacobianOf, latexOf, layoutOf, shapeOf, textOf, type ShapedDerivative } from '../matrix/api.js';
import { verifyShaped } from '../matrix/check.js';
import { shapedModuleSource, type ModuleFunction } from '../matrix/compile.js';
import { taylorShaped } from '../matrix/taylor.js';
import { postorder, type MExpr } from '../matrix/node.js';
import { isTensor } from '../matrix/tensor.js';
import { parseShaped, type Shapes } from '../matrix/parse.js';
import { parseDim, shapeText } from '../matrix/shape.js';
import type { Context, Input, Outcome, Run } from './command.js';
import { UsageError } from './errors.js';
import { splitList } from './args.js';

/** `--shape x=n --shape A=m,n` as shapes. */
export function readShapeOptions(items: readonly string[], command: string): Shapes {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const item of items) {
    const m = /^\s*([^=\s]+)\s*=\s*(.+)$/.exec(item);
    if (!m) throw new UsageError(`--shape needs NAME=DIMS, like x=n or A=m,n (got '${item}')`, command);
    const all = splitList(m[2]!);
    const symmetric = all.length === 3 && all[2] === 'symmetric';
    const dims = symmetric ? all.slice(0, 2) : all;
    if (dims.length < 1 || dims.length > 2) throw new UsageError(`--shape ${m[1]}: give one dimension (a vector) or two (a matrix), then 'symmetric' for a symmetric matrix (A=n,n,symmetric), not ${all.join(',')}`, command);
    if (symmetric && dims[0] !== dims[1]) throw new UsageError(`--shape ${m[1]}: a symmetric matrix is square (${m[1]}=n,n,symmetric)`, command);
    try {
      dims.forEach(parseDim);
    } catch (e) {
      if (e instanceof MathError) throw new UsageError(`--shape ${m[1]}: ${e.message}`, command);
      throw e;
    }
    if (Object.hasOwn(out, m[1]!)) throw new UsageError(`--shape ${m[1]} is given twice`, command);
    out[m[1]!] = symmetric ? [...dims, 'symmetric'] : dims;
  }
  return out;
}

const shapeJson = (s: readonly (string | number)[]): (string | number)[] => [...s];

/** The variable to differentiate by: --wrt, or the only shaped variable, or the only variable. */
function chooseWrt(e: MExpr, ctx: Context, shapes: Shapes): string {
  const given = ctx.args.strings.get('wrt') ?? ctx.args.lists.get('vars')?.[0];
  if (given !== undefined) return given;
  const vars = [...new Set(postorder(e).flatMap((n) => (n.kind === 'var' ? [n.name] : [])))];
  const scalars = [...new Set(postorder(e).flatMap((n) => (n.kind === 'sym' && n.name !== 'pi' && n.name !== 'e' ? [n.name] : [])))];
  const all = [...vars, ...scalars];
  if (all.length === 1) return all[0]!;
  void shapes;
  throw new UsageError(`say which variable to differentiate by with --wrt (the expression has ${all.join(', ') || 'no variables'})`, ctx.command);
}

/** --js: a module exporting f(scope); a tensor (an order-3 or higher result) has no compiled form yet. */
function moduleOf(fns: readonly ModuleFunction[], header: string): string {
  return shapedModuleSource(fns, header).replace(/\n+$/, '');
}

function tensorFree(d: ShapedDerivative | MExpr, command: string): MExpr {
  if (isTensor(d)) throw new UsageError(`this result is a tensor (shape ${shapeOf(d).join(' x ')}, index notation): it has no --js form yet; use --text, --latex or --json`, command);
  return d;
}

function show(d: ShapedDerivative | MExpr, label: string, layout: string, format: string, command: string): string {
  if (format === 'latex') return `${latexOf(d)}\n% ${layout}`;
  if (format === 'js') return moduleOf([{ name: 'f', expr: tensorFree(d, command), about: `${label}${textOf(d)}, ${layout}` }], `leibniz ${command} --shape: f(scope)`);
  return `${label}${textOf(d)}\n  shape: ${layout}`;
}

function outcome(ctx: Context, src: string, e: MExpr, d: ShapedDerivative | MExpr, wrt: string | null, layout: string): Outcome {
  const label = wrt ? `d/d${wrt}${isTensor(d) ? ': ' : ' = '}` : '';
  return {
    status: 0,
    json: () => ({
      command: ctx.command,
      input: src,
      ...(wrt ? { wrt } : {}),
      result: { text: textOf(d), latex: latexOf(d) },
      shape: shapeJson(shapeOf(d)),
      layout,
      of: { shape: shapeJson(e.shape) },
    }),
    show: (format) => show(d, label, layout, format, ctx.command),
  };
}

export const runShaped: Run = (input: Input, ctx: Context): Outcome => {
  const shapes = readShapeOptions(ctx.args.lists.get('shape') ?? [], ctx.command);
  const srcs = typeof input === 'string' ? [input] : input;
  if (srcs.length !== 1) throw new UsageError(`with --shape, give one (vector-valued) expression instead of a list`, ctx.command);
  const src = srcs[0]!;
  const e = parseShaped(src, shapes);
  switch (ctx.command) {
    case 'parse':
    case 'simplify':
      return outcome(ctx, src, e, e, null, shapeText(e.shape));
    case 'diff': {
      const order = ctx.args.ints.get('order') ?? 1;
      const wrt = chooseWrt(e, ctx, shapes);
      if (order === 2) {
        const h = hessianOf(e, wrt, { shapes });
        return outcome(ctx, src, e, h, wrt, `Hessian: ${layoutOf(h, gradientOf(e, wrt, { shapes }))}`);
      }
      if (order !== 1) throw new UsageError(`with --shape, --order is 1 (or 2 for a Hessian of a scalar)`, ctx.command);
      const d = derivativeShaped(e, wrt, { shapes });
      return outcome(ctx, src, e, d, wrt, layoutOf(d, e));
    }
    case 'grad': {
      const wrt = chooseWrt(e, ctx, shapes);
      const d = gradientOf(e, wrt, { shapes });
      return outcome(ctx, src, e, d, wrt, layoutOf(d, e));
    }
    case 'jacobian': {
      const wrt = chooseWrt(e, ctx, shapes);
      const d = jacobianOf(e, wrt, { shapes });
      return outcome(ctx, src, e, d, wrt, layoutOf(d, e).replace(/^gradient.*$/, `Jacobian of a scalar: a row, 1 x ${shapeOf(d).slice(1).join(' x ')}`));
    }
    case 'hessian': {
      const wrt = chooseWrt(e, ctx, shapes);
      const h = hessianOf(e, wrt, { shapes });
      return outcome(ctx, src, e, h, wrt, `Hessian: ${shapeOf(h).join(' x ')}`);
    }
    case 'compile': {
      const fns: ModuleFunction[] = [{ name: 'f', expr: e, about: `${textOf(e)}, ${shapeText(e.shape)}` }];
      const wantGrad = ctx.args.flags.has('grad');
      const wantHess = ctx.args.flags.has('hessian');
      if (ctx.args.flags.has('array')) throw new UsageError(`with --shape, compiled functions take a scope object (vectors and matrices as arrays); --array is for scalar variables`, ctx.command);
      if (wantGrad || wantHess) {
        const wrt = chooseWrt(e, ctx, shapes);
        if (wantGrad) {
          const g = gradientOf(e, wrt, { shapes });
          fns.push({ name: 'grad', expr: g, about: `d/d${wrt} = ${textOf(g)}, ${layoutOf(g, e)}` });
        }
        if (wantHess) {
          const h = tensorFree(hessianOf(e, wrt, { shapes }), ctx.command);
          fns.push({ name: 'hess', expr: h, about: `Hessian in ${wrt} = ${textOf(h)}, ${shapeOf(h).join(' x ')}` });
        }
      }
      const source = moduleOf(fns, `leibniz compile --shape: ${fns.map((f) => `${f.name}(scope)`).join(', ')}`);
      return {
        status: 0,
        json: () => ({ command: ctx.command, input: src, functions: fns.map((f) => ({ name: f.name, text: textOf(f.expr), shape: shapeJson(f.expr.shape) })), module: source }),
        show: () => source,
      };
    }
    case 'taylor': {
      const wrt = chooseWrt(e, ctx, shapes);
      const vector = Object.hasOwn(shapes, wrt);
      const atSrc = ctx.args.strings.get('at') ?? '0';
      const order = ctx.args.ints.get('order') ?? (vector ? 2 : 5);
      const t = taylorShaped(e, wrt, atSrc.trim(), order, { shapes });
      return outcome(ctx, src, e, t, null, `Taylor polynomial of order ${order} in ${wrt} about ${atSrc.trim()}: ${shapeText(t.shape)}`);
    }
    case 'check':
    case 'verify': {
      const claimedSrc = ctx.args.strings.get('claimed') ?? ctx.args.lists.get('grad')?.[0];
      if (claimedSrc === undefined) throw new UsageError(`give the claimed derivative with ${ctx.command === 'check' ? '--grad' : '--claimed'}`, ctx.command);
      const wrt = chooseWrt(e, ctx, shapes);
      const claimed = parseShaped(claimedSrc, shapes);
      const v = verifyShaped(claimed, e, wrt, {
        ...(ctx.args.ints.has('samples') ? { samples: ctx.args.ints.get('samples')! } : {}),
        ...(ctx.args.ints.has('seed') ? { seed: ctx.args.ints.get('seed')! } : {}),
        ...(ctx.args.strings.has('tolerance') ? { tolerance: Number(ctx.args.strings.get('tolerance')) } : {}),
      });
      return {
        status: v.verdict === 'correct' ? 0 : v.verdict === 'wrong' ? 1 : 3,
        json: () => ({ command: ctx.command, input: src, wrt, claimed: claimedSrc, ...v, shape: shapeJson(v.shape) }),
        show: () => `${v.verdict.toUpperCase()}: d/d${wrt} ${claimedSrc}: ${v.reason}\n  leibniz: d/d${wrt} = ${v.derivative}  (shape ${v.shape.join(' x ') || 'scalar'})`,
      };
    }
    default:
      throw new UsageError(`--shape is not available for '${ctx.command}' yet (parse, simplify, diff, grad, jacobian, hessian, taylor, compile, check and verify take it)`, ctx.command);
  }
};
