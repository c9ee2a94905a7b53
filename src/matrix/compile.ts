// Compiled shaped expressions: JavaScript with one `const` per distinct node
// of the shared graph, calling the same numeric operations evaluate uses
// (RUNTIME in evaluate.ts). Calling convention: f(scope), the scope as for
// evaluate (numbers; number[] or Float64Array vectors; number[][] row-major
// matrices); the result a number, number[] or number[][] (row-major).
import { ratToNumber } from '../core/rational.js';
import { postorder, type MExpr } from './node.js';
import {
  RUNTIME,
  bindDims,
  dimValue,
  scalarValue,
  shapedValue,
  toNested,
  type ShapedScope,
  type ShapedValue,
  type Value,
} from './evaluate.js';
import { asMatrix, isScalar } from './shape.js';

export type ShapedFunction = ((scope: ShapedScope) => ShapedValue) & { readonly source: string };

const lit = (x: unknown): string => JSON.stringify(x);

/** The body of the compiled function, as JavaScript text (it reads `R`, `scope` and `dims`). */
export function shapedSource(e: MExpr): string {
  const name = new Map<number, string>();
  const lines: string[] = [];
  const get = (n: MExpr): string => name.get(n.id)!;
  const list = (ns: readonly MExpr[]): string => `[${ns.map(get).join(', ')}]`;
  const dim = (d: string | number): string => (typeof d === 'number' ? `${d}` : `D(${lit(d)})`);
  for (const n of postorder(e)) {
    let code: string;
    switch (n.kind) {
      case 'num':
        code = `${ratToNumber(n.value)}`;
        break;
      case 'sym':
        code = `R.scalar(${lit(n.name)}, scope)`;
        break;
      case 'var':
        code = `R.shaped(${lit(n.name)}, ${lit(n.shape)}, scope, dims)`;
        break;
      case 'eye':
        code = `R.eye(${dim(n.shape[0]!)})`;
        break;
      case 'ones':
      case 'zero': {
        const [r, c] = asMatrix(n.shape);
        code = `R.fill(${dim(r)}, ${dim(c)}, ${n.kind === 'ones' ? 1 : 0})`;
        break;
      }
      case 'add':
        code = `R.add(${list(n.args)})`;
        break;
      case 'mul':
        code = `R.mul(${list(n.args)}, ${isScalar(n.shape)})`;
        break;
      case 'had':
        code = `R.had(${list(n.args)})`;
        break;
      case 'pow':
        code =
          n.exp.kind === 'num'
            ? `R.powExact(${get(n.base)}, { p: ${n.exp.value.p}n, q: ${n.exp.value.q}n })`
            : `R.pow(${get(n.base)}, ${get(n.exp)})`;
        break;
      case 'fn':
        code = `R.fn(${lit(n.fn)}, ${list(n.args)})`;
        break;
      case 'op':
        code = `R.op(${lit(n.op)}, ${get(n.arg)})`;
        break;
    }
    const t = `t${name.size}`;
    name.set(n.id, t);
    lines.push(`const ${t} = ${code};`);
  }
  lines.push(`return ${get(e)};`);
  return lines.join('\n');
}

/** A function of the scope computing e; see the calling convention above. */
export function compileShaped(e: MExpr): ShapedFunction {
  const source = shapedSource(e);
  const R = { ...RUNTIME, scalar: scalarValue, shaped: shapedValue };
  const body = new Function('R', 'scope', 'dims', 'D', source) as (r: typeof R, s: ShapedScope, d: Map<string, number>, D: (x: string) => number) => Value;
  const f = (scope: ShapedScope): ShapedValue => {
    const dims = bindDims(e, scope);
    return toNested(body(R, scope, dims, (d) => dimValue(d, dims)), e.shape);
  };
  return Object.assign(f, { source });
}
