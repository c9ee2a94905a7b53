// Numerical yardsticks for the derivative tests: a central difference with one
// Richardson step (error O(h^4)), and a verdict that says why a point was not
// compared (non-finite, or f not smooth at the scale of the step) so that
// tests can count skipped points instead of passing them silently.

export interface FiniteDifference {
  /** The Richardson-extrapolated estimate. */
  readonly value: number;
  /** |D(h) - D(h/2)|: how much the plain central differences disagree. */
  readonly spread: number;
  /** Rounding error of the estimate: ~ eps * |f| / h. */
  readonly rounding: number;
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
  const big = Math.max(Math.abs(f1), Math.abs(f2), Math.abs(f3), Math.abs(f4));
  return { value: (4 * d2 - d1) / 3, spread: Math.abs(d2 - d1), rounding: (4 * Number.EPSILON * big) / h, h };
}

export type Verdict = 'agree' | 'disagree' | 'non-finite' | 'not-smooth' | 'singular';

/**
 * Compares an exact derivative value with a finite difference. 'non-finite':
 * f, the estimate or the exact value is not a finite number; 'not-smooth': the
 * two step sizes disagree by more than 1% (a kink, jump or pole within the
 * step: f's behaviour alone decides this, never the derivative under test);
 * 'singular': f is smooth there but the exact value is not finite.
 */
export function judge(exact: number, fd: FiniteDifference, fx: number, relTol = 1e-6): Verdict {
  if (!Number.isFinite(fx) || !Number.isFinite(fd.value) || !Number.isFinite(fd.spread)) return 'non-finite';
  const scale = Math.max(1, Math.abs(fd.value));
  if (fd.spread > 1e-2 * scale + 100 * fd.rounding) return 'not-smooth';
  // f smooth but the formula not finite: a removable singularity of the formula
  // (d/dx sqrt(x^4) = 2x^3/sqrt(x^4) at 0); counted apart, and callers may forbid it.
  if (!Number.isFinite(exact)) return 'singular';
  const tol = relTol * Math.max(1, Math.abs(exact), Math.abs(fd.value)) + 100 * fd.rounding;
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
