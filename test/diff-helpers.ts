// Numerical yardsticks for the derivative tests: a central difference with one
// Richardson step (error O(h^4)), and a verdict that says why a point was not
// compared (non-finite, or f not smooth at the scale of the step) so that
// tests can count skipped points instead of passing them silently.
import type { Call, Expr } from '../src/core/expr.js';
import { children, postorder } from '../src/core/traverse.js';
import { evaluate, powRational } from '../src/eval/evaluate.js';
import { NUMERIC } from '../src/eval/numeric.js';

export interface FiniteDifference {
  /** The Richardson-extrapolated estimate. */
  readonly value: number;
  /** max(|D(h) - D(h/2)|, |D(h(sqrt 2 - 1)) - D(h/2)|): how much the plain central differences disagree. */
  readonly spread: number;
  /** Rounding error of the estimate: ~ eps * |f| / h. */
  readonly rounding: number;
  /**
   * Whether the second differences at h and h/2 agree: central differences
   * cancel a pole or kink that is symmetric about a point inside the step
   * (1/t^2 or log|t| sampled around t = 1e-30), second differences do not.
   */
  readonly curved: boolean;
  /** The largest |D|: the scale the spread is judged against. */
  readonly steep: number;
  readonly h: number;
}

/** d/dt f(t) at x by central differences, step h = 1e-4 * max(1, |x|) unless given. */
export function centralDifference(f: (t: number) => number, x: number, h0?: number): FiniteDifference {
  const h = h0 ?? 1e-4 * Math.max(1, Math.abs(x));
  const f1 = f(x + h);
  const f2 = f(x - h);
  const f3 = f(x + h / 2);
  const f4 = f(x - h / 2);
  const d1 = (f1 - f2) / (2 * h);
  const d2 = (f3 - f4) / h;
  // A third step, at an irrational ratio to the others: where h/2 is close to a multiple of
  // f's period (cos at x = 627384.93, h = 62.7), the samples at h and h/2 all see one phase,
  // so f looks flat and smooth; the estimate at this step does not agree with them. For a
  // smooth f it is closer to d2 than d1 is (the O(h^2) terms differ by 0.08 h^2, not 0.75 h^2).
  const h3 = h * (Math.SQRT2 - 1);
  const f5 = f(x + h3);
  const f6 = f(x - h3);
  const d3 = (f5 - f6) / (2 * h3);
  const f0 = f(x);
  const big = Math.max(Math.abs(f0), Math.abs(f1), Math.abs(f2), Math.abs(f3), Math.abs(f4), Math.abs(f5), Math.abs(f6));
  const c1 = (f1 + f2 - 2 * f0) / (h * h);
  const c2 = (f3 + f4 - 2 * f0) / ((h * h) / 4);
  const curveNoise = (64 * Number.EPSILON * big) / (h * h);
  const curved = !(Math.abs(c1 - c2) <= 1e-2 * Math.max(Math.abs(c1), Math.abs(c2)) + curveNoise);
  const rounding = (4 * Number.EPSILON * big) / h;
  const steep = Math.max(Math.abs(d1), Math.abs(d2), Math.abs(d3));
  const spread = Math.max(Math.abs(d2 - d1), Math.abs(d3 - d2));
  return { value: (4 * d2 - d1) / 3, spread, rounding, steep, curved, h };
}

export type Verdict = 'agree' | 'disagree' | 'non-finite' | 'not-smooth' | 'singular' | 'ill-conditioned';

/**
 * Compares an exact derivative value with a finite difference. 'non-finite':
 * f, the estimate or the exact value is not a finite number; 'not-smooth': the
 * two step sizes disagree by more than 1%, in the first or the second
 * differences (a kink, jump or pole within the
 * step: f's behaviour alone decides this, never the derivative under test);
 * 'singular': f is smooth there but the exact value is not finite;
 * 'ill-conditioned': the exact value's rounding error bound (`exactError`,
 * from valueWithError) is too large for a comparison to mean anything.
 */
export function judge(exact: number, fd: FiniteDifference, fx: number, relTol = 1e-6, exactError = 0): Verdict {
  if (!Number.isFinite(fx) || !Number.isFinite(fd.value) || !Number.isFinite(fd.spread)) return 'non-finite';
  if (fd.curved || fd.spread > 1e-2 * fd.steep + 100 * fd.rounding) return 'not-smooth';
  // f smooth but the formula not finite: a removable singularity of the formula
  // (d/dx sqrt(x^4) = 2x^3/sqrt(x^4) at 0); counted apart, and callers may forbid it.
  if (!Number.isFinite(exact)) return 'singular';
  // The extrapolated estimate is far better than the spread of the plain ones,
  // except near a pole a few steps away; a tenth of the spread covers that.
  const scale = Math.max(1, Math.abs(exact), Math.abs(fd.value));
  // The formula's own rounding (valueWithError) can swamp its value where terms
  // cancel, as next to a removable singularity: then nothing can be compared.
  if (exactError > 1e-3 * scale) return 'ill-conditioned';
  const tol = relTol * scale + 0.1 * fd.spread + 100 * fd.rounding + 10 * exactError;
  return Math.abs(exact - fd.value) <= tol ? 'agree' : 'disagree';
}

/** Counts verdicts, so a test can assert that enough points were really compared. */
export class Tally {
  readonly counts: Record<Verdict, number> = {
    agree: 0,
    disagree: 0,
    'non-finite': 0,
    'not-smooth': 0,
    singular: 0,
    'ill-conditioned': 0,
  };
  add(v: Verdict): Verdict {
    this.counts[v]++;
    return v;
  }
  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }
  toString(): string {
    return Object.entries(this.counts)
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ');
  }
}

/**
 * The value of e at a point with a first-order bound on its rounding error,
 * propagated node by node: sums add their terms' errors (so cancellation
 * shows: 1e68 - 1e68 has error ~1e52), products their relative errors, and a
 * function or power passes on its sensitivity, measured by re-evaluating it at
 * the arguments moved by their errors. A non-finite intermediate value makes
 * the bound infinite.
 */
export function valueWithError(e: Expr, scope: Readonly<Record<string, number>>): { value: number; error: number } {
  const val = new Map<number, number>();
  const err = new Map<number, number>();
  const eps = Number.EPSILON;
  for (const n of postorder(e)) {
    let v: number;
    let d: number;
    switch (n.kind) {
      case 'num':
      case 'sym':
        v = evaluate(n, scope);
        d = n.kind === 'num' ? eps * Math.abs(v) : 0;
        break;
      case 'add': {
        const vs = n.args.map((a) => val.get(a.id)!);
        v = vs.reduce((s, x) => s + x, 0);
        d = n.args.reduce((s, a) => s + err.get(a.id)!, 0) + n.args.length * eps * vs.reduce((s, x) => s + Math.abs(x), 0);
        break;
      }
      case 'mul': {
        const vs = n.args.map((a) => val.get(a.id)!);
        v = vs.reduce((s, x) => s * x, 1);
        d = n.args.length * eps * Math.abs(v);
        for (let i = 0; i < vs.length; i++) {
          d += err.get(n.args[i]!.id)! * vs.reduce((s, x, j) => (j === i ? s : s * Math.abs(x)), 1);
        }
        break;
      }
      case 'pow':
      case 'call': {
        const kids = children(n);
        const vs = kids.map((a) => val.get(a.id)!);
        const f = (xs: number[]): number =>
          n.kind === 'pow'
            ? n.exp.kind === 'num'
              ? powRational(xs[0]!, n.exp.value)
              : Math.pow(xs[0]!, xs[1]!)
            : NUMERIC.get((n as Call).fn)!(...xs);
        const x0 = (i: number, by: number): number[] => vs.map((x, j) => (j === i ? x + by : x));
        v = f(vs);
        d = 4 * eps * Math.abs(v);
        for (let i = 0; i < vs.length; i++) {
          const di = err.get(kids[i]!.id)!;
          if (di === 0) continue;
          // A side outside the domain (asin(1 + d), (-2)^(1 + d)) says nothing about rounding: skip it.
          const moved = [x0(i, di), x0(i, -di)].map((xs) => Math.abs(f(xs) - v)).filter(Number.isFinite);
          d += moved.length > 0 ? Math.max(...moved) : 0;
        }
        break;
      }
    }
    val.set(n.id, v);
    // An overflow on the way (1e300 * 1e300 / 1e300) leaves no bound at all.
    err.set(n.id, Number.isFinite(v) ? d : Infinity);
  }
  return { value: val.get(e.id)!, error: err.get(e.id)! };
}
