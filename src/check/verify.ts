// verifyDerivative: is a hand-derived derivative right? First symbolically
// (claimed - true simplifies to 0), otherwise by sampling points where both
// sides are defined, on purpose including values near 0, negative values and
// large ones, since that is where hand derivations and their fudges go wrong.
import { sub, ZERO } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { MathError } from '../core/rational.js';
import { freeSymbols } from '../core/traverse.js';
import { derivative } from '../diff/derivative.js';
import { evaluate } from '../eval/evaluate.js';
import { toExpr } from '../parse/parser.js';
import { simplify } from '../simplify/simplify.js';
import { createRandom, DEFAULT_SEED } from './random.js';
import { relErrorScalar } from './relError.js';

export interface VerifyOptions {
  /** Relative error above which two values differ. */
  tolerance?: number;
  /** How many points to sample when the symbolic test is inconclusive. */
  samples?: number;
  seed?: number;
}

export interface Counterexample {
  point: Record<string, number>;
  claimed: number;
  actual: number;
  relError: number;
}

export interface Verdict {
  /** 'correct', 'wrong', or 'unknown' when too few points had both sides defined. */
  verdict: 'correct' | 'wrong' | 'unknown';
  /** How the verdict was reached. */
  method: 'symbolic' | 'numeric';
  /** The true derivative, simplified. */
  derivative: Expr;
  /** Where the claimed derivative is wrong (the worst point found). */
  counterexample?: Counterexample;
  /** Points compared, and points skipped because a side was undefined there. */
  checked: number;
  skipped: number;
}


// Scales sampled for each variable: near zero, moderate, large, both signs.
const SCALES = [1e-3, 0.1, 0.5, 1, 2, 5, 30, 1e3];

export function verifyDerivative(claimed: Expr | string, f: Expr | string, wrt?: string, options: VerifyOptions = {}): Verdict {
  const g = toExpr(claimed);
  const fe = toExpr(f);
  const vars = freeSymbols(fe, g);
  const x = wrt ?? onlyVariable(freeSymbols(fe));
  const truth = derivative(fe, x);
  if (simplify(sub(g, truth)) === ZERO) {
    return { verdict: 'correct', method: 'symbolic', derivative: truth, checked: 0, skipped: 0 };
  }
  const tolerance = options.tolerance ?? 1e-7;
  const samples = options.samples ?? 400;
  const rng = createRandom(options.seed ?? DEFAULT_SEED);
  let checked = 0;
  let skipped = 0;
  let worst: Counterexample | undefined;
  for (let i = 0; i < samples; i++) {
    const point: Record<string, number> = {};
    for (const v of vars) {
      const scale = SCALES[rng.int(SCALES.length)]!;
      point[v] = (rng.next() < 0.5 ? -1 : 1) * scale * rng.uniform(0.5, 1.5);
    }
    const fx = evaluate(fe, point);
    const actual = evaluate(truth, point);
    const said = evaluate(g, point);
    if (!Number.isFinite(fx) || !Number.isFinite(actual) || !Number.isFinite(said)) {
      skipped++;
      continue;
    }
    checked++;
    const err = relErrorScalar(said, actual);
    // Tiny absolute differences between tiny numbers are rounding, not errors.
    if (err > tolerance && Math.abs(said - actual) > 1e-12 && (!worst || err > worst.relError)) {
      worst = { point, claimed: said, actual, relError: err };
    }
  }
  if (worst) return { verdict: 'wrong', method: 'numeric', derivative: truth, counterexample: worst, checked, skipped };
  return { verdict: checked >= 10 ? 'correct' : 'unknown', method: 'numeric', derivative: truth, checked, skipped };
}

function onlyVariable(vars: string[]): string {
  if (vars.length === 1) return vars[0]!;
  throw new MathError(
    vars.length === 0
      ? 'the expression has no variable to differentiate by'
      : `say which variable to differentiate by: the expression has ${vars.join(', ')}`,
  );
}
