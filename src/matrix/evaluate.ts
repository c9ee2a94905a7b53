// Numbers for shaped expressions. Scope values: numbers for scalars, number[]
// (or a Float64Array) for vectors, number[][] row-major for matrices. Named
// dimensions are bound by the first value that has them, and every other
// value must agree. The result is a number, number[] (a column vector),
// number[][] (a matrix; a row vector is one row).
import { ratToNumber, type Rational } from '../core/rational.js';
import { EvaluationError, powRational } from '../eval/evaluate.js';
import { NUMERIC } from '../eval/numeric.js';
import { postorder, type MExpr, type OpName } from './node.js';
import { asMatrix, isScalar, shapeText, type Dim, type Shape } from './shape.js';

/** A dense row-major r x c matrix (vectors are n x 1 or 1 x n). */
export interface Mat {
  readonly r: number;
  readonly c: number;
  readonly a: Float64Array;
}
export type Value = number | Mat;
export type ShapedValue = number | number[] | number[][];
export type ShapedScope = Readonly<Record<string, number | readonly number[] | Float64Array | readonly (readonly number[])[]>>;

const CONSTANTS = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

const mat = (r: number, c: number, a = new Float64Array(r * c)): Mat => ({ r, c, a });

export function dimValue(d: Dim, dims: Map<string, number>): number {
  if (typeof d === 'number') return d;
  const v = dims.get(d);
  if (v === undefined) throw new EvaluationError(`the size ${d} is not known from the scope: give a value with that dimension, or ${d} itself as a number`);
  return v;
}

function bind(name: string, d: Dim, got: number, dims: Map<string, number>): void {
  if (typeof d === 'number') {
    if (d !== got) throw new EvaluationError(`${name} should have ${d} where its value has ${got}`);
    return;
  }
  const prev = dims.get(d);
  if (prev === undefined) dims.set(d, got);
  else if (prev !== got) throw new EvaluationError(`dimension ${d} is ${prev} elsewhere, but ${name} gives it ${got}`);
}

/** A scope value as a matrix of the declared shape (checking sizes and binding dimension names). */
export function readValue(name: string, shape: Shape, v: unknown, dims: Map<string, number>, symmetric = false): Mat {
  const [dr, dc] = asMatrix(shape);
  let rows: ArrayLike<number>[];
  if (v instanceof Float64Array || (Array.isArray(v) && v.every((x) => typeof x === 'number'))) {
    const a = v as ArrayLike<number>;
    rows = dr === 1 && shape.length === 2 ? [a] : Array.from(a, (x) => [x]);
  } else if (Array.isArray(v) && v.every((row) => Array.isArray(row) || row instanceof Float64Array)) rows = v as number[][];
  else throw new EvaluationError(`${name} is a ${shapeText(shape)}: give it as ${shape.length === 1 ? 'number[]' : 'number[][] (row-major)'}`);
  const r = rows.length;
  const c = r > 0 ? rows[0]!.length : 0;
  if (rows.some((row) => row.length !== c)) throw new EvaluationError(`the rows of ${name} have different lengths`);
  bind(name, dr, r, dims);
  bind(name, dc, c, dims);
  const m = mat(r, c);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const x = rows[i]![j]!;
      if (typeof x !== 'number') throw new EvaluationError(`${name}[${i}][${j}] is not a number`);
      m.a[i * c + j] = x;
    }
  }
  if (symmetric) {
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < i; j++) {
        if (m.a[i * c + j] !== m.a[j * c + i]) throw new EvaluationError(`${name} is declared symmetric, but ${name}[${i}][${j}] = ${m.a[i * c + j]} and ${name}[${j}][${i}] = ${m.a[j * c + i]}`);
      }
    }
  }
  return m;
}

/** Binds every dimension name the scope's values fix (so that I and ones have sizes). */
export function bindDims(e: MExpr, scope: ShapedScope, dims = new Map<string, number>()): Map<string, number> {
  return bindSizes(sizesOf(e), scope, dims);
}

/** What fixes the sizes of e: its shaped variables and every dimension name it mentions. */
export interface Sizes {
  readonly vars: readonly (readonly [string, Shape])[];
  readonly dims: readonly string[];
}

export function sizesOf(e: MExpr): Sizes {
  const vars: [string, Shape][] = [];
  const seen = new Set<string>();
  const dims = new Set<string>();
  for (const n of postorder(e)) {
    if (n.kind === 'var' && !seen.has(n.name)) {
      seen.add(n.name);
      vars.push([n.name, n.shape]);
    }
    for (const d of n.shape) if (typeof d === 'string') dims.add(d);
  }
  return { vars, dims: [...dims] };
}

/** Binds the sizes the scope's values fix; a size no value fixes (ones(m, n)) may be given as a number named like it. */
export function bindSizes(sizes: Sizes, scope: ShapedScope, dims = new Map<string, number>()): Map<string, number> {
  for (const [name, shape] of sizes.vars) if (Object.hasOwn(scope, name)) readValue(name, shape, scope[name], dims);
  for (const d of sizes.dims) {
    if (dims.has(d) || !Object.hasOwn(scope, d)) continue;
    const v = scope[d];
    if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) dims.set(d, v);
  }
  return dims;
}

const map = (m: Mat, f: (x: number, k: number) => number): Mat => {
  const out = mat(m.r, m.c);
  for (let k = 0; k < m.a.length; k++) out.a[k] = f(m.a[k]!, k);
  return out;
};

function matmul(x: Mat, y: Mat): Mat {
  if (x.c !== y.r) throw new EvaluationError(`sizes do not match for a product: ${x.r} x ${x.c} times ${y.r} x ${y.c}`);
  const out = mat(x.r, y.c);
  for (let i = 0; i < x.r; i++) {
    for (let k = 0; k < x.c; k++) {
      const v = x.a[i * x.c + k]!;
      if (v === 0) continue;
      for (let j = 0; j < y.c; j++) out.a[i * y.c + j]! += v * y.a[k * y.c + j]!;
    }
  }
  return out;
}

const transposeMat = (m: Mat): Mat => {
  const out = mat(m.c, m.r);
  for (let i = 0; i < m.r; i++) for (let j = 0; j < m.c; j++) out.a[j * m.r + i] = m.a[i * m.c + j]!;
  return out;
};

/** LU with partial pivoting: the determinant, and the inverse when asked. */
function lu(m: Mat, wantInverse: boolean): { det: number; inv: Mat | null } {
  const n = m.r;
  const a = Float64Array.from(m.a);
  const inv = wantInverse ? mat(n, n) : null;
  if (inv) for (let i = 0; i < n; i++) inv.a[i * n + i] = 1;
  let det = 1;
  for (let col = 0; col < n; col++) {
    let p = col;
    for (let i = col + 1; i < n; i++) if (Math.abs(a[i * n + col]!) > Math.abs(a[p * n + col]!)) p = i;
    const pivot = a[p * n + col]!;
    if (pivot === 0) return { det: 0, inv: inv ? map(inv, () => NaN) : null };
    if (p !== col) {
      det = -det;
      for (let j = 0; j < n; j++) {
        [a[p * n + j], a[col * n + j]] = [a[col * n + j]!, a[p * n + j]!];
        if (inv) [inv.a[p * n + j], inv.a[col * n + j]] = [inv.a[col * n + j]!, inv.a[p * n + j]!];
      }
    }
    det *= pivot;
    for (let i = 0; i < n; i++) {
      if (i === col || (!inv && i < col)) continue;
      const f = a[i * n + col]! / pivot;
      if (f === 0) continue;
      for (let j = 0; j < n; j++) {
        a[i * n + j]! -= f * a[col * n + j]!;
        if (inv) inv.a[i * n + j]! -= f * inv.a[col * n + j]!;
      }
    }
  }
  if (inv) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) inv.a[i * n + j]! /= a[i * n + i]!;
  return { det, inv };
}

const sumOf = (m: Mat): number => m.a.reduce((s, x) => s + x, 0);

function softmax(m: Mat): Mat {
  const max = Math.max(...m.a);
  const ex = map(m, (x) => Math.exp(x - max));
  const s = sumOf(ex);
  return map(ex, (x) => x / s);
}

const asScalar = (v: Value): number => (typeof v === 'number' ? v : v.r * v.c === 1 ? v.a[0]! : NaN);
const asMat = (v: Value): Mat => (typeof v === 'number' ? mat(1, 1, Float64Array.of(v)) : v);

function zip(xs: Value[], f: (args: number[]) => number): Value {
  const shaped = xs.find((x): x is Mat => typeof x !== 'number');
  if (!shaped) return f(xs as number[]);
  return map(shaped, (_, k) => f(xs.map((x) => (typeof x === 'number' ? x : x.a[k]!))));
}

/**
 * The numeric operations, one per node kind, on internal values: what
 * evaluate interprets and what compiled code (compile.ts) calls.
 */
export const RUNTIME = {
  add: (xs: Value[]): Value => zip(xs, (a) => a.reduce((s, x) => s + x)),
  mul(xs: Value[], scalar: boolean): Value {
    let acc: Value = 1;
    for (const x of xs) {
      if (typeof acc === 'number' && typeof x === 'number') acc *= x;
      else if (typeof acc === 'number') {
        const c = acc;
        acc = map(x as Mat, (y) => c * y);
      } else if (typeof x === 'number') acc = map(acc, (y) => x * y);
      else acc = matmul(acc, x);
    }
    return scalar ? asScalar(acc) : acc;
  },
  had: (xs: Value[]): Value => zip(xs, (a) => a.reduce((s, x) => s * x)),
  powExact: (b: Value, r: Rational): Value => zip([b], ([x]) => powRational(x!, r)),
  pow: (b: Value, e: Value): Value => zip([b, e], ([x, y]) => Math.pow(x!, y!)),
  fn(name: string, xs: Value[]): Value {
    const f = NUMERIC.get(name);
    if (!f) throw new EvaluationError(`no numeric value for ${name}`);
    return zip(xs, (a) => f(...a));
  },
  fill: (r: number, c: number, v: number): Mat => map(mat(r, c), () => v),
  eye(k: number): Mat {
    const m = mat(k, k);
    for (let i = 0; i < k; i++) m.a[i * k + i] = 1;
    return m;
  },
  op(name: OpName, v: Value): Value {
    const x = asMat(v);
    switch (name) {
      case 'T':
        return transposeMat(x);
      case 'tr': {
        let s = 0;
        for (let i = 0; i < x.r; i++) s += x.a[i * x.c + i]!;
        return s;
      }
      case 'det':
        return lu(x, false).det;
      case 'logdet':
        return Math.log(Math.abs(lu(x, false).det));
      case 'inv':
        return lu(x, true).inv!;
      case 'norm':
        return Math.hypot(...x.a);
      case 'sum':
        return sumOf(x);
      case 'diag': {
        if (x.c === 1) {
          const m = mat(x.r, x.r);
          for (let i = 0; i < x.r; i++) m.a[i * x.r + i] = x.a[i]!;
          return m;
        }
        const m = mat(x.r, 1);
        for (let i = 0; i < x.r; i++) m.a[i] = x.a[i * x.c + i]!;
        return m;
      }
      case 'softmax':
        return softmax(x);
      case 'logsumexp': {
        const max = Math.max(...x.a);
        return max === -Infinity ? -Infinity : max + Math.log(sumOf(map(x, (y) => Math.exp(y - max))));
      }
    }
  },
};

/** A scalar symbol's value (pi and e are the constants). */
export function scalarValue(name: string, scope: ShapedScope): number {
  const c = CONSTANTS.get(name);
  if (c !== undefined) return c;
  if (!Object.hasOwn(scope, name)) throw new EvaluationError(`no value for ${name} in the scope`);
  const x = scope[name];
  if (typeof x !== 'number') throw new EvaluationError(`${name} is a scalar here (no shape was declared for it), but its value is not a number`);
  return x;
}

/** A shaped symbol's value. */
export function shapedValue(name: string, shape: Shape, scope: ShapedScope, dims: Map<string, number>, symmetric = false): Mat {
  if (!Object.hasOwn(scope, name)) throw new EvaluationError(`no value for ${name} in the scope`);
  return readValue(name, shape, scope[name], dims, symmetric);
}

/** The value of every node of e (internal form), memoised by id. */
export function evaluateValue(e: MExpr, scope: ShapedScope, dims = bindDims(e, scope)): Value {
  const vals = new Map<number, Value>();
  const get = (n: MExpr): Value => vals.get(n.id)!;
  const R = RUNTIME;
  for (const n of postorder(e)) {
    let v: Value;
    switch (n.kind) {
      case 'num':
        v = ratToNumber(n.value);
        break;
      case 'sym':
        v = scalarValue(n.name, scope);
        break;
      case 'var':
        v = shapedValue(n.name, n.shape, scope, dims, n.symmetric === true);
        break;
      case 'eye':
        v = R.eye(dimValue(n.shape[0]!, dims));
        break;
      case 'ones':
      case 'zero': {
        const [r, c] = asMatrix(n.shape);
        v = R.fill(dimValue(r, dims), dimValue(c, dims), n.kind === 'ones' ? 1 : 0);
        break;
      }
      case 'add':
        v = R.add(n.args.map(get));
        break;
      case 'mul':
        v = R.mul(n.args.map(get), isScalar(n.shape));
        break;
      case 'had':
        v = R.had(n.args.map(get));
        break;
      case 'pow':
        v = n.exp.kind === 'num' ? R.powExact(get(n.base), n.exp.value) : R.pow(get(n.base), get(n.exp));
        break;
      case 'fn':
        v = R.fn(n.fn, n.args.map(get));
        break;
      case 'op':
        v = R.op(n.op, get(n.arg));
        break;
    }
    vals.set(n.id, v);
  }
  return get(e);
}

/** A value in the caller's form for a node of this shape. */
export function toNested(v: Value, shape: Shape): ShapedValue {
  if (isScalar(shape)) return asScalar(v);
  const m = asMat(v);
  if (shape.length === 1) return Array.from(m.a);
  const out: number[][] = [];
  for (let i = 0; i < m.r; i++) out.push(Array.from(m.a.subarray(i * m.c, (i + 1) * m.c)));
  return out;
}

/** The value of a shaped expression: number, number[] (column vector) or number[][] (row-major). */
export function evaluateShaped(e: MExpr, scope: ShapedScope): ShapedValue {
  return toNested(evaluateValue(e, scope), e.shape);
}
