// Derivatives that are neither a gradient nor a Jacobian (a matrix by a
// vector, a vector by a matrix, ...) are tensors: shape (shape of F, then the
// shape of x). They are written in index notation, read off the forward-mode
// differential dF[D] with D = e_k (D_i becomes delta(i,k)): for F = x x^T,
// dF = D x^T + x D^T, so entry (i, j, k) is delta(i,k)*x_j + x_i*delta(j,k).
// Their numbers come from the same differential, one basis direction at a time.
import { MathError } from '../core/rational.js';
import { contains, mvar, type MExpr } from './node.js';
import { differential } from './derivative.js';
import { bindDims, dimValue, evaluateValue, toNested, type Mat, type ShapedScope } from './evaluate.js';
import { toTextShaped } from './print.js';
import { asMatrix, isScalar, type Shape } from './shape.js';

export interface Tensor {
  readonly kind: 'tensor';
  /** The shape of F followed by the shape of x. */
  readonly shape: Shape;
  readonly of: MExpr;
  readonly wrt: MExpr;
  /** dF in the direction D (a node named dx, dX, ... with x's shape). */
  readonly differential: MExpr;
  readonly direction: MExpr;
  /** Entry (i, j, ..., k, l) in index notation. */
  readonly entry: string;
  /** The index names, in order: F's, then x's. */
  readonly indices: readonly string[];
  /** How many of the indices are F's. */
  readonly split: number;
}

export const isTensor = (x: unknown): x is Tensor => typeof x === 'object' && x !== null && (x as Tensor).kind === 'tensor';

const dims = (s: Shape): number => (isScalar(s) ? 0 : s.length === 2 && s[0] === 1 ? 1 : s.length);

export function tensorDerivative(f: MExpr, x: MExpr): Tensor {
  const D = mvar(`d${x.kind === 'var' ? x.name : 'x'}`, x.shape);
  const dF = differential(f, x, D);
  const fIdx = ['i', 'j'].slice(0, dims(f.shape));
  const xIdx = ['k', 'l'].slice(0, dims(x.shape));
  const fi = indexPair(f.shape, fIdx);
  const xi = indexPair(x.shape, xIdx);
  const entry = new IndexPrinter(D, xi).entry(dF, fi[0], fi[1]);
  return { kind: 'tensor', shape: [...(isScalar(f.shape) ? [] : f.shape), ...x.shape], of: f, wrt: x, differential: dF, direction: D, entry, indices: [...fIdx, ...xIdx], split: fIdx.length };
}

// Row and column index of a shape seen as a matrix; '1' stands for a dimension of size 1.
function indexPair(s: Shape, idx: string[]): [string, string] {
  if (isScalar(s)) return ['1', '1'];
  if (s.length === 1) return [idx[0]!, '1'];
  if (s[0] === 1) return ['1', idx[0]!];
  return [idx[0]!, idx[1]!];
}

const SUM_INDICES = ['p', 'q', 'r', 's', 't', 'u', 'v'];

/** Index s renamed z in subscripts (x_ps) and deltas of an entry's text (indices are one letter). */
const renameIndex = (text: string, s: string, z: string): string =>
  text
    .replace(/_([a-z]+)/g, (_, ix: string) => `_${ix.split('').map((c) => (c === s ? z : c)).join('')}`)
    .replace(/delta\((\w+),(\w+)\)/g, (_, a: string, b: string) => `delta(${a === s ? z : a},${b === s ? z : b})`);

class IndexPrinter {
  private next = 0;
  constructor(
    private readonly D: MExpr,
    private readonly wrt: [string, string],
  ) {}

  private fresh(): string {
    const k = this.next++;
    return SUM_INDICES[k % SUM_INDICES.length]! + (k >= SUM_INDICES.length ? `${Math.floor(k / SUM_INDICES.length)}` : '');
  }

  private sub(name: string, r: string, c: string): string {
    const ix = [r, c].filter((x) => x !== '1');
    return ix.length === 0 ? name : `${name}_${ix.join('')}`;
  }

  private delta(a: string, b: string): string {
    return `delta(${a},${b})`;
  }

  entry(e: MExpr, r: string, c: string): string {
    const atom = (s: string): string => (/^[\w.]+$/.test(s) || /^delta\(\w+,\w+\)$/.test(s) || /^\w+\(.*\)$/.test(s) ? s : `(${s})`);
    if (e === this.D) {
      const [k, l] = this.wrt;
      const parts = [r !== '1' || k !== '1' ? this.delta(r, k) : '', c !== '1' || l !== '1' ? this.delta(c, l) : ''].filter((x) => x);
      return parts.length === 0 ? '1' : parts.join('*');
    }
    if (isScalar(e.shape) && !contains(e, this.D)) return toTextShaped(e);
    switch (e.kind) {
      case 'var':
        return this.sub(e.name, r, c);
      case 'eye':
        return this.delta(r, c);
      case 'ones':
        return '1';
      case 'zero':
        return '0';
      case 'add':
        return e.args.map((t) => this.entry(t, r, c)).join(' + ').replace(/\+ -/g, '- ');
      case 'had':
        return e.args.map((a) => atom(this.entry(a, r, c))).join('*');
      case 'mul': {
        const scalars = e.args.filter((a) => isScalar(a.shape));
        const chain = e.args.filter((a) => !isScalar(a.shape));
        const parts = scalars.map((s) => atom(this.entry(s, '1', '1')));
        const sums: string[] = [];
        let row = chain.length > 0 ? r : '1';
        chain.forEach((m, t) => {
          const [, mc] = asMatrix(m.shape);
          let col: string;
          if (t === chain.length - 1) col = c;
          else if (mc === 1) col = '1';
          else {
            col = this.fresh();
            sums.push(col);
          }
          parts.push(atom(this.entry(m, row, col)));
          row = col;
        });
        // sum_p(delta(p,l)*x_p) = x_l: a delta on a summed index does the sum.
        let live = parts.filter((p) => p !== '1').flatMap((p) => (/^delta\(\w+,\w+\)(\*delta\(\w+,\w+\))+$/.test(p) ? p.split('*') : [p]));
        const left: string[] = [];
        for (const s of sums) {
          const k = live.findIndex((p) => new RegExp(`^delta\\((${s},\\w+|\\w+,${s})\\)$`).test(p));
          if (k < 0) {
            left.push(s);
            continue;
          }
          const [a, b] = /^delta\((\w+),(\w+)\)$/.exec(live[k]!)!.slice(1) as [string, string];
          const z = a === s ? b : a;
          live = live.filter((_, i) => i !== k).map((p) => renameIndex(p, s, z));
        }
        const body = live.join('*') || '1';
        return left.length === 0 ? body : `sum_${left.join('')}(${body})`;
      }
      case 'pow':
        return `${atom(this.entry(e.base, r, c))}^${atom(this.entry(e.exp, '1', '1'))}`;
      case 'fn':
        return `${e.fn}(${e.args.map((a) => this.entry(a, isScalar(a.shape) ? '1' : r, isScalar(a.shape) ? '1' : c)).join(', ')})`;
      case 'op':
        switch (e.op) {
          case 'T':
            return this.entry(e.arg, c, r);
          case 'tr': {
            const p = this.fresh();
            return `sum_${p}(${this.entry(e.arg, p, p)})`;
          }
          case 'sum': {
            const [ar, ac] = asMatrix(e.arg.shape);
            const p = ar === 1 ? '1' : this.fresh();
            const q = ac === 1 ? '1' : this.fresh();
            return `sum_${[p, q].filter((x) => x !== '1').join('')}(${this.entry(e.arg, p, q)})`;
          }
          case 'diag':
            if (asMatrix(e.arg.shape)[1] === 1) return `${this.delta(r, c)}*${atom(this.entry(e.arg, r, '1'))}`;
            return this.entry(e.arg, r, r);
          default:
            if (!contains(e, this.D)) return this.sub(`${e.op}(${toTextShaped(e.arg)})`, r, c);
            throw new MathError(`cannot write ${toTextShaped(e)} in index notation`);
        }
      default:
        return toTextShaped(e);
    }
  }
}

/** The numbers of a tensor derivative: nested arrays of its shape, entry by entry. */
export function evaluateTensor(t: Tensor, scope: ShapedScope): unknown {
  const dimsMap = bindDims(t.of, scope);
  bindDims(t.wrt, scope, dimsMap);
  const [xr, xc] = asMatrix(t.wrt.shape).map((d) => dimValue(d, dimsMap)) as [number, number];
  const basis = (k: number): number[] | number[][] => {
    if (t.wrt.shape.length === 1) return Array.from({ length: xr }, (_, i) => (i === k ? 1 : 0));
    return Array.from({ length: xr }, (_, i) => Array.from({ length: xc }, (_, j) => (i * xc + j === k ? 1 : 0)));
  };
  const slices: Mat[] = [];
  for (let k = 0; k < xr * xc; k++) {
    const v = evaluateValue(t.differential, { ...scope, [t.direction.kind === 'var' ? t.direction.name : 'dx']: isScalar(t.wrt.shape) ? 1 : basis(k) }, new Map(dimsMap));
    slices.push(typeof v === 'number' ? { r: 1, c: 1, a: Float64Array.of(v) } : v);
  }
  // Entry (..F indices.., ..x indices..): F's entry in direction e_(x index).
  const entryAt = (fi: number, k: number): number => slices[k]!.a[fi]!;
  const fShape = t.of.shape;
  const [fr, fc] = asMatrix(fShape).map((d) => dimValue(d, dimsMap)) as [number, number];
  const overX = (fi: number): unknown =>
    t.wrt.shape.length === 1
      ? Array.from({ length: xr }, (_, k) => entryAt(fi, k))
      : Array.from({ length: xr }, (_, a) => Array.from({ length: xc }, (_, b) => entryAt(fi, a * xc + b)));
  if (isScalar(fShape)) return overX(0);
  if (fShape.length === 1) return Array.from({ length: fr }, (_, i) => overX(i));
  return Array.from({ length: fr }, (_, i) => Array.from({ length: fc }, (_, j) => overX(i * fc + j)));
}

export { toNested };
