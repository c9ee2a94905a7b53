// Compiled shaped expressions: JavaScript with one `const` per distinct node
// of the shared graph, calling the same numeric operations evaluate uses
// (RUNTIME in evaluate.ts). Calling convention: f(scope), the scope as for
// evaluate (numbers; number[] or Float64Array vectors; number[][] row-major
// matrices); the result a number, number[] or number[][] (row-major).
import { describeValue } from '../core/options.js';
import { ratToNumber } from '../core/rational.js';
import { postorder, type MExpr } from './node.js';
import {
  RUNTIME,
  bindSizes,
  sizesOf,
  dimValue,
  scalarValue,
  shapedValue,
  toNested,
  type ShapedScope,
  type Sizes,
  type ShapedValue,
  type Value,
} from './evaluate.js';
import { asMatrix, isScalar, type Shape } from './shape.js';

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
        code = `R.shaped(${lit(n.name)}, ${lit(n.shape)}, scope, dims${n.symmetric ? ', true' : ''})`;
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

type Body = (r: typeof R, s: ShapedScope, d: Map<string, number>, D: (x: string) => number) => Value;

const R = Object.freeze({ ...RUNTIME, scalar: scalarValue, shaped: shapedValue });

/**
 * What compiled code needs at run time, and all it needs: a module printed by
 * `shapedModuleSource` imports this from 'leibniz' and calls `run` with its
 * body, so a module and `compileShaped` run the same code.
 */
export const shapedRuntime = Object.freeze({
  run(sizes: Sizes, shape: Shape, body: Body, scope: ShapedScope): ShapedValue {
    if (typeof scope !== 'object' || scope === null || Array.isArray(scope)) {
      // A TypeError, as the scalar compiled functions' argument checks throw (compile/args.ts).
      throw new TypeError(`f: the argument must be one scope object (a compiled shaped function takes one scope object: { x: [...], A: [[...], ...] }), got ${describeValue(scope)}`);
    }
    const dims = bindSizes(sizes, scope);
    return toNested(body(R, scope, dims, (d) => dimValue(d, dims)), shape);
  },
});

/** A function of the scope computing e; see the calling convention above. */
export function compileShaped(e: MExpr): ShapedFunction {
  const source = shapedSource(e);
  const body = new Function('R', 'scope', 'dims', 'D', source) as Body;
  const sizes = sizesOf(e);
  const f = (scope: ShapedScope): ShapedValue => shapedRuntime.run(sizes, e.shape, body, scope);
  return Object.assign(f, { source });
}

/** A named function of a module: the expression it computes and what it is. */
export interface ModuleFunction {
  readonly name: string;
  readonly expr: MExpr;
  readonly about: string;
}

const indent = (text: string): string => text.split('\n').map((l) => `  ${l}`).join('\n');
const returns = (shape: Shape): string => (isScalar(shape) ? 'a number' : shape.length === 1 ? 'number[]' : 'number[][] (row-major)');

/**
 * An ES module exporting each function as f(scope): vectors in the scope as
 * number[] or Float64Array, matrices as number[][] (row-major). It imports the
 * numeric operations from the leibniz package (shapedRuntime), which must be installed.
 */
export function shapedModuleSource(fns: readonly ModuleFunction[], header: string): string {
  const out = [`// ${header.replace(/[\r\n\u2028\u2029]/g, ' ').replace(/\*\//g, '* /')}`, `// Scope: vectors as number[] or Float64Array, matrices as number[][] (row-major).`];
  out.push(`import { shapedRuntime } from 'leibniz';`, '');
  for (const { name, expr, about } of fns) {
    out.push(`// ${name}: ${about.replace(/[\r\n\u2028\u2029]/g, ' ')}; returns ${returns(expr.shape)}`);
    out.push(`const ${name}Sizes = ${JSON.stringify(sizesOf(expr))};`);
    out.push(`function ${name}Body(R, scope, dims, D) {`, indent(shapedSource(expr)), '}');
    out.push(`export function ${name}(scope) {`, `  return shapedRuntime.run(${name}Sizes, ${JSON.stringify(expr.shape)}, ${name}Body, scope);`, '}', '');
  }
  return out.join('\n');
}
