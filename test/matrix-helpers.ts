// Finite differences for shaped expressions: random values of declared
// shapes (non-symmetric matrices; square ones made well conditioned with
// n*I), central differences along random directions and entry by entry.
import { evaluate, parse, type MExpr, type Shapes } from '../src/index.js';

export type Vals = Record<string, number | number[] | number[][]>;

/** A small deterministic generator (the seed comes from fast-check). */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5; // in [-0.5, 0.5)
  };
}

/** Values for every declared symbol; dims maps dimension names to sizes. Square matrices get n*I added. */
export function values(shapes: Shapes, dims: Record<string, number>, r: () => number, scalars: readonly string[] = []): Vals {
  const out: Vals = {};
  const size = (d: string | number): number => (typeof d === 'number' ? d : dims[d]!);
  for (const [name, shape] of Object.entries(shapes)) {
    if (shape.length === 1) out[name] = Array.from({ length: size(shape[0]!) }, () => 2 * r());
    else {
      const [p, q] = [size(shape[0]!), size(shape[1]!)];
      out[name] = Array.from({ length: p }, (_, i) => Array.from({ length: q }, (_, j) => 2 * r() + (p === q && i === j ? p : 0)));
    }
  }
  for (const s of scalars) out[s] = 2 * r();
  return out;
}

const flat = (v: unknown): number[] => (typeof v === 'number' ? [v] : (v as unknown[]).flatMap(flat));

function withFlat(v: number | number[] | number[][], f: (a: number[]) => number[]): number | number[] | number[][] {
  if (typeof v === 'number') return f([v])[0]!;
  if (typeof v[0] === 'number') return f(v as number[]);
  const rows = v as number[][];
  const c = rows[0]!.length;
  const a = f(rows.flat());
  return rows.map((_, i) => a.slice(i * c, (i + 1) * c));
}

/** F(scope with name moved by t*dir), flattened. */
function at(e: MExpr, scope: Vals, name: string, dir: number[], t: number): number[] {
  const moved = withFlat(scope[name]!, (a) => a.map((x, k) => x + t * dir[k]!));
  return flat(evaluate(e, { ...scope, [name]: moved }));
}

/** Central difference of e along dir in variable name (flattened entries). */
export function directional(e: MExpr, scope: Vals, name: string, dir: number[], h = 1e-5): number[] {
  const a = at(e, scope, name, dir, h);
  const b = at(e, scope, name, dir, -h);
  return a.map((x, k) => (x - b[k]!) / (2 * h));
}

export const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

export function expectClose(actual: number[], expected: number[], tol: number, what: string): void {
  if (actual.length !== expected.length) throw new Error(`${what}: ${actual.length} numbers against ${expected.length}`);
  actual.forEach((x, k) => {
    const err = relErr(x, expected[k]!);
    if (!(err <= tol)) throw new Error(`${what}: entry ${k} is ${x}, finite differences give ${expected[k]} (relative error ${err})`);
  });
}

export { flat };

/** Parses with shapes: a short alias for the tests. */
export const P = (src: string, shapes: Shapes): MExpr => parse(src, { shapes });
