// The matrix layer: immutable, hash-consed nodes that carry their shape.
// The scalar core assumes a commutative product; here `mul` is a matrix
// product: scalar factors commute to the front, shaped factors keep their
// order. Every builder checks shapes (a ShapeError names both) and applies
// only identities that hold for all values: flattening, exact numbers, like
// terms, (AB)^T = B^T A^T, M I = M, x*x^-1 = 1 where x is defined, and
// factoring a common right factor out of a sum (A x + B x = (A + B) x).
import { call, num } from '../core/build.js';
import { newBrand } from '../core/memo.js';
import { WeakValueMap } from '../core/weak.js';
import { MathError, rat, ratAdd, ratMul, ratPow, type Rational } from '../core/rational.js';
import {
  ShapeError,
  SCALAR,
  asMatrix,
  isColumn,
  isRow,
  isScalar,
  isSquare,
  isVector,
  matmulShape,
  sameShape,
  shapeText,
  transposeShape,
  type Dim,
  type Shape,
} from './shape.js';

/** Operations on one shaped argument. 'T' is the transpose. */
export type OpName = 'T' | 'tr' | 'det' | 'inv' | 'logdet' | 'norm' | 'sum' | 'diag' | 'softmax' | 'logsumexp';
export const OP_NAMES: ReadonlySet<string> = new Set<OpName>(['tr', 'det', 'inv', 'logdet', 'norm', 'sum', 'diag', 'softmax', 'logsumexp']);

interface Base {
  readonly id: number;
  /** Structural key: equal keys mean equal nodes; also the canonical order of commutative operands. */
  readonly key: string;
  readonly shape: Shape;
}
export type MExpr =
  | (Base & { readonly kind: 'num'; readonly value: Rational })
  | (Base & { readonly kind: 'sym'; readonly name: string }) // a scalar symbol
  | (Base & { readonly kind: 'var'; readonly name: string; readonly symmetric?: true }) // a shaped symbol (a declared-symmetric matrix: A^T = A)
  | (Base & { readonly kind: 'eye' }) // the identity matrix
  | (Base & { readonly kind: 'ones' }) // all entries 1 (the gradient of sum)
  | (Base & { readonly kind: 'zero' })
  | (Base & { readonly kind: 'add'; readonly args: readonly MExpr[] })
  | (Base & { readonly kind: 'mul'; readonly args: readonly MExpr[] }) // scalars first, then the shaped chain in order
  | (Base & { readonly kind: 'had'; readonly args: readonly MExpr[] }) // elementwise product
  | (Base & { readonly kind: 'pow'; readonly base: MExpr; readonly exp: MExpr }) // elementwise when base is shaped
  | (Base & { readonly kind: 'fn'; readonly fn: string; readonly args: readonly MExpr[] }) // scalar function, elementwise on shaped args
  | (Base & { readonly kind: 'op'; readonly op: OpName; readonly arg: MExpr });

export type MKind = MExpr['kind'];

// Hash-consing: one node per key. Like the core's nodes, they are held weakly
// (core/weak.ts), so a node nobody holds is collected; ids are never reused.
// Each carries a brand: a node structured-cloned from a worker, or forged, has
// the fields but not the brand, and is rebuilt from its fields (matrix/intern.ts).
const table = new WeakValueMap<string, MExpr>();
const BRAND = newBrand();
let nextId = 0;

/** Was x built by this module (so its id and key can be trusted here)? */
export const isMatrixNode = (x: unknown): x is MExpr => typeof x === 'object' && x !== null && BRAND.has(x);

function intern<T extends MExpr>(key: string, make: (id: number) => T): T {
  const hit = table.get(key);
  if (hit) return hit as T;
  const node = make(nextId++);
  BRAND.stamp(node);
  Object.freeze(node);
  table.set(key, node);
  return node;
}

const dimsKey = (s: Shape): string => s.join(',');
const byKey = (a: MExpr, b: MExpr): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export const mnum = (r: Rational | number | bigint): MExpr => {
  const value = typeof r === 'object' ? r : rat(BigInt(r));
  return intern(`#${value.p}/${value.q}`, (id) => ({ id, key: `#${value.p}/${value.q}`, shape: SCALAR, kind: 'num', value }));
};
export const ZERO = mnum(0);
export const ONE = mnum(1);
export const MINUS_ONE = mnum(-1);

export const msym = (name: string): MExpr => intern(name, (id) => ({ id, key: name, shape: SCALAR, kind: 'sym', name }));
export function mvar(name: string, shape: Shape, symmetric = false): MExpr {
  if (isScalar(shape)) return msym(name);
  if (symmetric && !isSquare(shape)) throw new ShapeError(`${name} cannot be symmetric: it is a ${shapeText(shape)}, not a square matrix`);
  const key = `${name}:${dimsKey(shape)}${symmetric ? ':sym' : ''}`;
  return intern(key, (id) => ({ id, key, shape, kind: 'var', name, ...(symmetric ? { symmetric: true as const } : {}) }));
}
export const eye = (n: Dim): MExpr => intern(`{I ${n}}`, (id) => ({ id, key: `{I ${n}}`, shape: [n, n], kind: 'eye' }));
export const ones = (shape: Shape): MExpr =>
  isScalar(shape) ? ONE : intern(`{1 ${dimsKey(shape)}}`, (id) => ({ id, key: `{1 ${dimsKey(shape)}}`, shape, kind: 'ones' }));
export const zeros = (shape: Shape): MExpr =>
  isScalar(shape) ? ZERO : intern(`{0 ${dimsKey(shape)}}`, (id) => ({ id, key: `{0 ${dimsKey(shape)}}`, shape, kind: 'zero' }));

const isZero = (e: MExpr): boolean => e.kind === 'zero' || (e.kind === 'num' && e.value.p === 0n);
const isNumber = (e: MExpr, v?: bigint): boolean => e.kind === 'num' && (v === undefined || (e.value.q === 1n && e.value.p === v));

function composite(kind: 'add' | 'mul' | 'had', args: readonly MExpr[], shape: Shape): MExpr {
  const key = `{${kind} ${dimsKey(shape)} ${args.map((a) => a.key).join(' ')}}`;
  return intern(key, (id) => ({ id, key, shape, kind, args }));
}

/** A node's numeric coefficient and the rest: 3*A*x is [3, A*x]. */
export function splitCoef(e: MExpr): [Rational, MExpr] {
  if (e.kind === 'num') return [e.value, ONE];
  if (e.kind === 'mul' && e.args[0]!.kind === 'num') {
    const rest = e.args.slice(1);
    return [e.args[0].value, rest.length === 1 ? rest[0]! : composite('mul', rest, e.shape)];
  }
  return [rat(1n), e];
}

/** The shaped factors of a product (the chain), or [e] for a shaped non-product. */
const chainOf = (e: MExpr): readonly MExpr[] => (e.kind === 'mul' ? e.args.filter((a) => !isScalar(a.shape)) : isScalar(e.shape) ? [] : [e]);
const scalarsOf = (e: MExpr): readonly MExpr[] => (e.kind === 'mul' ? e.args.filter((a) => isScalar(a.shape)) : isScalar(e.shape) ? [e] : []);

export function add(...xs: MExpr[]): MExpr {
  const flat: MExpr[] = [];
  for (const x of xs) if (x.kind === 'add') flat.push(...x.args);
  else flat.push(x);
  let shape: Shape = SCALAR;
  for (const t of flat) {
    if (isScalar(t.shape)) continue;
    if (isScalar(shape)) shape = t.shape;
    else if (!sameShape(shape, t.shape)) throw new ShapeError(`shapes do not match for a sum: ${shapeText(shape)} plus ${shapeText(t.shape)}`);
  }
  // Like terms: the same node up to a numeric coefficient.
  let constant = rat(0n);
  const coefs = new Map<string, { rest: MExpr; c: Rational }>();
  for (const t of flat) {
    if (isZero(t)) continue;
    if (t.kind === 'num') {
      constant = ratAdd(constant, t.value);
      continue;
    }
    const [c, rest] = splitCoef(t);
    const prev = coefs.get(rest.key);
    coefs.set(rest.key, { rest, c: prev ? ratAdd(prev.c, c) : c });
  }
  let terms: MExpr[] = [];
  if (constant.p !== 0n) terms.push(mnum(constant));
  for (const { rest, c } of coefs.values()) if (c.p !== 0n) terms.push(scale(c, rest));
  terms = mergeDiagonals(factorRight(terms));
  if (terms.length === 0) return zeros(shape);
  if (terms.length === 1) return terms[0]!;
  terms.sort(byKey);
  return composite('add', terms, shape);
}

/** A x + B x + c = (A + B) x + c: terms whose shaped chain ends in the same factor share it. */
function factorRight(terms: MExpr[]): MExpr[] {
  const groups = new Map<string, MExpr[]>();
  for (const t of terms) {
    const chain = chainOf(t);
    if (chain.length < 2) continue;
    const last = chain[chain.length - 1]!.key;
    const g = groups.get(last);
    if (g) g.push(t);
    else groups.set(last, [t]);
  }
  let out = terms;
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const chain = chainOf(g[0]!);
    const last = chain[chain.length - 1]!;
    const prefixes = g.map((t) => {
      const ch = chainOf(t);
      return mul(...scalarsOf(t), ...ch.slice(0, ch.length - 1));
    });
    const taken = new Set(g);
    out = [...out.filter((t) => !taken.has(t)), mul(add(...prefixes), last)];
  }
  return out;
}

const isDiagOfVector = (e: MExpr): e is MExpr & { kind: 'op' } => e.kind === 'op' && e.op === 'diag' && isColumn(e.arg.shape);

/** diag(a) + diag(b) = diag(a + b), and c*diag(a) = diag(c*a) on the way. */
function mergeDiagonals(terms: MExpr[]): MExpr[] {
  const diags: MExpr[] = [];
  const rest: MExpr[] = [];
  for (const t of terms) {
    const [c, r] = splitCoef(t);
    if (isDiagOfVector(r)) diags.push(scale(c, r.arg));
    else rest.push(t);
  }
  return diags.length < 2 ? terms : [...rest, op('diag', add(...diags))];
}

const scale = (c: Rational, e: MExpr): MExpr => (c.p === c.q ? e : mul(mnum(c), e));

export function mul(...xs: MExpr[]): MExpr {
  let coef = rat(1n);
  const powers = new Map<string, { base: MExpr; exp: Rational | null; other: MExpr[] }>();
  const chain: MExpr[] = [];
  const pushScalar = (f: MExpr): void => {
    if (f.kind === 'num') {
      coef = ratMul(coef, f.value);
      return;
    }
    const [base, exp] = f.kind === 'pow' && f.exp.kind === 'num' ? [f.base, f.exp.value] : [f, rat(1n)];
    const p = powers.get(base.key);
    if (p) p.exp = ratAdd(p.exp!, exp);
    else powers.set(base.key, { base, exp, other: [] });
  };
  const visit = (x: MExpr): void => {
    if (x.kind === 'mul' && !(isScalar(x.shape) && x.args.some((a) => !isScalar(a.shape)))) {
      for (const a of x.args) visit(a);
    } else if (isScalar(x.shape)) pushScalar(x);
    else chain.push(x);
  };
  for (const x of xs) visit(x);
  let shape: Shape = SCALAR;
  for (const f of chain) shape = isScalar(shape) ? f.shape : matmulShape(shape, f.shape);
  if (coef.p === 0n || chain.some(isZero)) return zeros(shape);
  const factors: MExpr[] = [];
  for (const { base, exp } of powers.values()) {
    const f = pow(base, mnum(exp!));
    if (f.kind === 'num') coef = ratMul(coef, f.value);
    else factors.push(f);
  }
  factors.sort(byKey);
  // M I = M: an identity next to another shaped factor goes.
  let kept = chain.length > 1 ? chain.filter((f) => f.kind !== 'eye') : chain;
  if (kept.some(isDiagOfVector)) {
    const merged: MExpr[] = [];
    for (const f of kept) {
      const prev = merged[merged.length - 1];
      if (prev && isDiagOfVector(prev) && isDiagOfVector(f)) merged[merged.length - 1] = op('diag', had(prev.arg, f.arg));
      else merged.push(f);
    }
    kept = merged;
  }
  const all = [...factors, ...(kept.length > 0 ? kept : chain.slice(0, 1))];
  if (coef.p !== coef.q) all.unshift(mnum(coef));
  if (all.length === 0) return mnum(coef);
  if (all.length === 1) return all[0]!;
  return composite('mul', all, shape);
}

export function had(...xs: MExpr[]): MExpr {
  const flat: MExpr[] = [];
  const scalars: MExpr[] = [];
  for (const x0 of xs) {
    // Numbers and scalar factors come out: (2a) .* b = 2 (a .* b).
    const x = x0.kind === 'mul' && !isScalar(x0.shape) && x0.args.some((a) => isScalar(a.shape)) ? mul(...chainOf(x0)) : x0;
    if (x !== x0) scalars.push(...scalarsOf(x0));
    if (x.kind === 'had') flat.push(...x.args);
    else if (isScalar(x.shape)) scalars.push(x);
    else flat.push(x);
  }
  if (flat.length === 0) return mul(...scalars);
  const shape = flat[0]!.shape;
  for (const f of flat) {
    if (!sameShape(f.shape, shape)) throw new ShapeError(`shapes do not match for an elementwise product: ${shapeText(shape)} and ${shapeText(f.shape)}`);
  }
  if (flat.some(isZero)) return zeros(shape);
  const kept = flat.filter((f) => f.kind !== 'ones');
  const args = kept.length > 0 ? kept.sort(byKey) : [flat[0]!];
  const h = args.length === 1 ? args[0]! : composite('had', args, shape);
  return scalars.length > 0 ? mul(...scalars, h) : h;
}

export function pow(base: MExpr, exp: MExpr): MExpr {
  if (!isScalar(exp.shape)) throw new ShapeError(`an exponent must be a scalar, not a ${shapeText(exp.shape)}`);
  if (exp.kind === 'num') {
    if (exp.value.p === 0n) return ones(base.shape);
    if (exp.value.p === exp.value.q) return base;
    if (base.kind === 'num') {
      if (base.value.p === 0n && exp.value.p < 0n) throw new MathError('division by zero');
      const v = ratPow(base.value, exp.value);
      if (v) return mnum(v);
    }
    // (a^b)^c = a^(bc) for an integer c.
    if (base.kind === 'pow' && base.exp.kind === 'num' && exp.value.q === 1n) return pow(base.base, mnum(ratMul(base.exp.value, exp.value)));
  }
  if (isNumber(base, 1n)) return ONE;
  const key = `{^ ${base.key} ${exp.key}}`;
  return intern(key, (id) => ({ id, key, shape: base.shape, kind: 'pow', base, exp }));
}

/** A scalar function; applied to shaped arguments it works entry by entry. */
export function fn(name: string, ...args: MExpr[]): MExpr {
  let shape: Shape = SCALAR;
  for (const a of args) {
    if (isScalar(a.shape)) continue;
    if (isScalar(shape)) shape = a.shape;
    else if (!sameShape(shape, a.shape)) throw new ShapeError(`shapes do not match for ${name}: ${shapeText(shape)} and ${shapeText(a.shape)}`);
  }
  // An elementwise function of a constant fill (exp(0) of a zero vector, as a Taylor polynomial about 0 has) is a fill.
  const only = args.length === 1 ? args[0]! : null;
  if (only && (only.kind === 'zero' || only.kind === 'ones')) {
    const c = call(name, num(only.kind === 'zero' ? 0 : 1));
    if (c.kind === 'num') return c.value.p === 0n ? zeros(shape) : c.value.p === c.value.q ? ones(shape) : mul(mnum(c.value), ones(shape));
  }
  const key = `{${name}( ${args.map((a) => a.key).join(' ')}}`;
  return intern(key, (id) => ({ id, key, shape, kind: 'fn', fn: name, args }));
}

function opNode(op: OpName, arg: MExpr, shape: Shape): MExpr {
  const key = `{${op} ${arg.key}}`;
  return intern(key, (id) => ({ id, key, shape, kind: 'op', op, arg }));
}

const needSquare = (op: string, a: MExpr): void => {
  if (!isSquare(a.shape)) throw new ShapeError(`${op} needs a square matrix, not a ${shapeText(a.shape)}`);
};
const needColumn = (op: string, a: MExpr): void => {
  if (!isColumn(a.shape)) throw new ShapeError(`${op} needs a (column) vector, not a ${shapeText(a.shape)}`);
};

export function transpose(a: MExpr): MExpr {
  if (isScalar(a.shape)) return a;
  switch (a.kind) {
    case 'eye':
      return a;
    case 'var':
      if (a.symmetric) return a;
      break;
    case 'zero':
      return zeros(transposeShape(a.shape));
    case 'ones':
      return ones(transposeShape(a.shape));
    case 'add':
      return add(...a.args.map(transpose));
    case 'had':
      return had(...a.args.map(transpose));
    case 'mul': {
      const chain = chainOf(a);
      return mul(...scalarsOf(a), ...chain.map(transpose).reverse());
    }
    case 'op':
      if (a.op === 'T') return a.arg;
      if (a.op === 'diag' && isVector(a.arg.shape)) return a; // diag(v), a diagonal matrix, is symmetric; diag(M), a column, is not
      break;
    default:
      break;
  }
  return opNode('T', a, transposeShape(a.shape));
}

/** tr, det, inv, logdet, norm, sum, diag, softmax, logsumexp. */
export function op(name: Exclude<OpName, 'T'>, a: MExpr): MExpr {
  const inner = a.kind === 'op' && a.op === 'T' ? a.arg : null;
  switch (name) {
    case 'tr':
      if (isScalar(a.shape)) return a;
      needSquare('tr', a);
      if (inner) return op('tr', inner);
      if (a.kind === 'zero') return ZERO;
      if (a.kind === 'eye' && typeof a.shape[0] === 'number') return mnum(a.shape[0]);
      if (a.kind === 'add') return add(...a.args.map((t) => op('tr', t)));
      return opNode('tr', a, SCALAR);
    case 'det':
    case 'logdet':
      if (isScalar(a.shape)) return name === 'det' ? a : fn('log', fn('abs', a));
      needSquare(name, a);
      if (inner) return op(name, inner);
      return opNode(name, a, SCALAR);
    case 'inv':
      if (isScalar(a.shape)) return pow(a, MINUS_ONE);
      needSquare('inv', a);
      if (a.kind === 'op' && a.op === 'inv') return a.arg;
      if (a.kind === 'eye') return a;
      return opNode('inv', a, a.shape);
    case 'norm':
      if (isScalar(a.shape)) return fn('abs', a);
      if (inner) return op('norm', inner);
      return opNode('norm', a, SCALAR);
    case 'sum':
      if (isScalar(a.shape)) return a;
      if (a.kind === 'zero') return ZERO;
      if (inner) return op('sum', inner);
      return opNode('sum', a, SCALAR);
    case 'diag':
      if (isRow(a.shape)) return op('diag', transpose(a));
      if (isColumn(a.shape)) return opNode('diag', a, [a.shape[0]!, a.shape[0]!]);
      needSquare('diag', a);
      if (a.kind === 'op' && a.op === 'diag') return a.arg;
      if (a.kind === 'eye') return ones([a.shape[0]!]);
      return opNode('diag', a, [a.shape[0]!]);
    case 'softmax':
      needColumn('softmax', a);
      return opNode('softmax', a, a.shape);
    case 'logsumexp':
      needColumn('logsumexp', a);
      return opNode('logsumexp', a, SCALAR);
  }
}

export const neg = (a: MExpr): MExpr => mul(MINUS_ONE, a);
export const sub = (a: MExpr, b: MExpr): MExpr => add(a, neg(b));
/** a / b: b a scalar, or entry by entry (a ./ b) when b is shaped. */
export const div = (a: MExpr, b: MExpr): MExpr => (isScalar(b.shape) ? mul(a, pow(b, MINUS_ONE)) : had(a, pow(b, MINUS_ONE)));

/** The children of a node, in order. */
export function kids(e: MExpr): readonly MExpr[] {
  switch (e.kind) {
    case 'add':
    case 'mul':
    case 'had':
    case 'fn':
      return e.args;
    case 'pow':
      return [e.base, e.exp];
    case 'op':
      return [e.arg];
    default:
      return [];
  }
}

/** The same node with new children (through the builders: shapes are checked again). */
export function rebuild(e: MExpr, ks: readonly MExpr[]): MExpr {
  switch (e.kind) {
    case 'add':
      return add(...ks);
    case 'mul':
      return mul(...ks);
    case 'had':
      return had(...ks);
    case 'fn':
      return fn(e.fn, ...ks);
    case 'pow':
      return pow(ks[0]!, ks[1]!);
    case 'op':
      return e.op === 'T' ? transpose(ks[0]!) : op(e.op, ks[0]!);
    default:
      return e;
  }
}

/** Children before parents, each distinct node once (iterative: no recursion limit). */
export function postorder(root: MExpr): MExpr[] {
  const out: MExpr[] = [];
  const seen = new Set<number>();
  const stack: Array<[MExpr, boolean]> = [[root, false]];
  while (stack.length > 0) {
    const [n, expanded] = stack.pop()!;
    if (expanded) {
      out.push(n);
      continue;
    }
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    stack.push([n, true]);
    const ks = kids(n);
    for (let i = ks.length - 1; i >= 0; i--) if (!seen.has(ks[i]!.id)) stack.push([ks[i]!, false]);
  }
  return out;
}

/** Replaces nodes (by id) and rebuilds what is above them. */
export function substitute(e: MExpr, map: ReadonlyMap<number, MExpr>): MExpr {
  const done = new Map<number, MExpr>();
  for (const n of postorder(e)) {
    const r = map.get(n.id);
    if (r) done.set(n.id, r);
    else {
      const ks = kids(n);
      done.set(n.id, ks.length === 0 ? n : rebuild(n, ks.map((k) => done.get(k.id)!)));
    }
  }
  return done.get(e.id)!;
}

/** Whether `e` contains the node `x`. */
export const contains = (e: MExpr, x: MExpr): boolean => postorder(e).some((n) => n === x);

export const shapeOfNode = (e: MExpr): Shape => e.shape;
export { asMatrix };
