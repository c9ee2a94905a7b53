// Checking a claimed matrix derivative (a hand-derived gradient or Jacobian)
// against finite differences of the function, at random sizes and values:
// named dimensions get distinct sizes (a transposed Jacobian cannot pass)
// and matrices are random and non-symmetric (2*A*x for x^T A x cannot pass),
// square ones shifted by n*I so inverses and determinants are well behaved.
// The verdict names the entry that shows a wrong claim; when too few entries
// have both sides defined it is 'unknown', never a guess.
import { argError, countOption, expectNumber, expectObject, opt, optional } from '../core/check-args.js';
import { ownOptions } from '../core/options.js';
import { MathError } from '../core/rational.js';
import { derivativeShaped } from './api.js';
import { evaluateValue, bindDims, type Mat, type ShapedScope } from './evaluate.js';
import { postorder, type MExpr } from './node.js';
import { sameShape, shapeText, type Shape } from './shape.js';
import { isTensor } from './tensor.js';
import { textOf } from './api.js';
import { isRecoverable } from '../core/budget.js';

export interface ShapedCheckOptions {
  /** Random points to try (default 3). */
  readonly samples?: number;
  /** Largest relative error that passes (default 1e-6; finite differences are the yardstick). */
  readonly tolerance?: number;
  readonly seed?: number;
  /** Sizes for named dimensions (default: distinct sizes 3, 4, 5, ...). */
  readonly sizes?: Readonly<Record<string, number>>;
}

export interface ShapedCounterexample {
  /** The entry of the derivative (row, column, ...), 0-based. */
  readonly entry: readonly number[];
  readonly claimed: number;
  /** The central finite difference. */
  readonly actual: number;
  readonly relError: number;
  readonly sizes: Readonly<Record<string, number>>;
  readonly point: Readonly<Record<string, unknown>>;
}

export interface ShapedVerdict {
  readonly verdict: 'correct' | 'wrong' | 'unknown';
  readonly reason: string;
  /** leibniz's own derivative, as text. */
  readonly derivative: string;
  readonly shape: Shape;
  readonly counterexample?: ShapedCounterexample;
  readonly compared: number;
}

function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 4294967296) * 2 - 1; // in [-1, 1)
  };
}

/** The dimension names of the expressions, each given a distinct size. */
function sizesFor(es: readonly MExpr[], given: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  let next = 3;
  const used = new Set(Object.values(given));
  for (const e of es) {
    for (const n of postorder(e)) {
      for (const d of n.shape) {
        if (typeof d !== 'string' || Object.hasOwn(out, d)) continue;
        if (Object.hasOwn(given, d)) out[d] = given[d]!;
        else {
          while (used.has(next)) next++;
          out[d] = next;
          used.add(next++);
        }
      }
    }
  }
  return out;
}

function randomScope(es: readonly MExpr[], sizes: Record<string, number>, r: () => number): Record<string, unknown> {
  const scope: Record<string, unknown> = {};
  const size = (d: string | number): number => (typeof d === 'number' ? d : sizes[d]!);
  for (const e of es) {
    for (const n of postorder(e)) {
      if (Object.hasOwn(scope, n.kind === 'var' || n.kind === 'sym' ? n.name : '')) continue;
      if (n.kind === 'sym' && n.name !== 'pi' && n.name !== 'e') scope[n.name] = r();
      if (n.kind !== 'var') continue;
      if (n.shape.length === 1) scope[n.name] = Array.from({ length: size(n.shape[0]!) }, () => r());
      else {
        const [p, q] = [size(n.shape[0]!), size(n.shape[1]!)];
        const m = Array.from({ length: p }, (_, i) => Array.from({ length: q }, (_, j) => r() + (p === q && i === j ? p : 0)));
        if (n.symmetric) for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) m[i]![j] = m[j]![i]!;
        scope[n.name] = m;
      }
    }
  }
  for (const [d, v] of Object.entries(sizes)) if (!Object.hasOwn(scope, d)) scope[d] = v;
  return scope;
}

const flat = (v: unknown): number[] => (typeof v === 'number' ? [v] : (v as unknown[]).flatMap(flat));
const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

function moved(v: unknown, k: number, t: number): unknown {
  if (typeof v === 'number') return v + t;
  const rows = v as unknown[];
  if (typeof rows[0] === 'number') return (rows as number[]).map((x, i) => (i === k ? x + t : x));
  const c = (rows[0] as number[]).length;
  return (rows as number[][]).map((row, i) => row.map((x, j) => (i * c + j === k ? x + t : x)));
}

/** The entry index (row, column, ...) of flat position p in a shape of these sizes. */
function unflatten(p: number, dims: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = dims.length - 1; i >= 0; i--) {
    out.unshift(p % dims[i]!);
    p = Math.floor(p / dims[i]!);
  }
  return out;
}

/**
 * Is `claimed` the derivative of f with respect to wrt? Its shape must be the
 * derivative's (layout: see derivative); then every entry is compared with
 * central differences of f at random points.
 */
export function verifyShaped(claimed: MExpr, f: MExpr, wrt: string, options: ShapedCheckOptions = {}): ShapedVerdict {
  options = ownOptions(options, 'verifyDerivative');
  countOption(options, 'samples', 'verifyDerivative');
  const tol0 = optional(options, 'tolerance', expectNumber, 'verifyDerivative');
  if (tol0 !== undefined && !(tol0 >= 0)) throw argError('verifyDerivative', opt('tolerance'), 'a number >= 0', tol0);
  optional(options, 'seed', (v, fn, what) => expectNumber(v, fn, what, true), 'verifyDerivative');
  optional(options, 'sizes', (v, fn, what) => expectObject(v, fn, what, "an object of dimensions' sizes, like { n: 3 }"), 'verifyDerivative');
  const ours = derivativeShaped(f, wrt);
  const shape = ours.shape;
  const derivative = textOf(ours);
  if (isTensor(ours)) throw new MathError(`the derivative is a tensor (${shape.join(' x ')}); a claimed formula can be checked for gradients and Jacobians`);
  if (!sameShape(claimed.shape, shape)) {
    return {
      verdict: 'wrong',
      reason: `the claimed derivative is a ${shapeText(claimed.shape)}, but d/d${wrt} is a ${shapeText(shape)}`,
      derivative,
      shape,
      compared: 0,
    };
  }
  const tol = options.tolerance ?? 1e-6;
  const r = random(options.seed ?? 231);
  const samples = options.samples ?? 3;
  let compared = 0;
  let worst: ShapedCounterexample | undefined;
  for (let s = 0; s < samples; s++) {
    const sizes = sizesFor([f, claimed], options.sizes ?? {});
    const scope = randomScope([f, claimed], sizes, r) as ShapedScope;
    let c: number[];
    try {
      c = flat(toArray(evaluateValue(claimed, scope, bindDims(claimed, scope)), claimed.shape));
    } catch (e) {
      if (isRecoverable(e)) throw new MathError(`cannot evaluate the claimed derivative: ${e.message}`);
      throw e;
    }
    const x = (scope as Record<string, unknown>)[wrt];
    const n = flat(x).length;
    const fAt = (k: number, t: number): number[] => flat(toArray(evaluateValue(f, { ...scope, [wrt]: moved(x, k, t) } as ShapedScope), f.shape));
    const outLen = flat(toArray(evaluateValue(f, scope), f.shape)).length;
    const sizesOut = shape.map((d) => (typeof d === 'number' ? d : sizes[d]!));
    for (let k = 0; k < n; k++) {
      const h = 1e-5 * Math.max(1, Math.abs(flat(x)[k]!));
      const a = fAt(k, h);
      const b = fAt(k, -h);
      for (let i = 0; i < outLen; i++) {
        const fd = (a[i]! - b[i]!) / (2 * h);
        const cv = c[i * n + k]!;
        if (!Number.isFinite(fd) || !Number.isFinite(cv)) continue;
        compared++;
        const err = relErr(cv, fd);
        if (err > tol && (!worst || err > worst.relError)) {
          worst = { entry: unflatten(i * n + k, sizesOut), claimed: cv, actual: fd, relError: err, sizes, point: scope };
        }
      }
    }
    if (worst) break;
  }
  if (worst) {
    return {
      verdict: 'wrong',
      reason: `entry (${worst.entry.join(', ')}) is ${worst.claimed}, finite differences give ${worst.actual} (sizes ${Object.entries(worst.sizes).map(([d, v]) => `${d}=${v}`).join(', ')})`,
      derivative,
      shape,
      counterexample: worst,
      compared,
    };
  }
  if (compared === 0) return { verdict: 'unknown', reason: 'no entry had both sides defined at the points tried', derivative, shape, compared };
  return { verdict: 'correct', reason: `${compared} entries agree with finite differences`, derivative, shape, compared };
}

const toArray = (v: number | Mat, _shape: Shape): unknown => (typeof v === 'number' ? v : Array.from(v.a));
