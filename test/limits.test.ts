// Limits (issue 11): every entry point takes maxSteps, timeLimitMs and an
// AbortSignal in its options, and stops with a BudgetError (a MathError) that
// says what was exceeded, the limit and how to raise it. Work is counted in
// steps, so these tests assert the error or a count, never a time.
import { describe, expect, it } from 'vitest';
import {
  BudgetError,
  compile,
  compileGradient,
  compileHessian,
  compileJacobian,
  MathError,
  derivative,
  gradient,
  hessian,
  jacobian,
  add,
  dagSize,
  mul,
  num,
  parse,
  pow,
  simplify,
  toLatex,
  toText,
  sin,
  sym,
  taylor,
  type Expr,
} from '../src/index.js';
import { Budget } from '../src/core/budget.js';

/** sin(sin(...sin(x)...)), n deep, built without the parser. */
function nest(n: number, f: (e: Expr) => Expr = sin): Expr {
  let e: Expr = sym('x');
  for (let i = 0; i < n; i++) e = f(e);
  return e;
}

/** The BudgetError that `run` throws. */
function budgetError(run: () => unknown): BudgetError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(BudgetError);
    expect(err).toBeInstanceOf(MathError);
    return err as BudgetError;
  }
  throw new Error('expected a BudgetError, nothing was thrown');
}

/** A signal that reports aborted from its n-th read on: shows the signal is polled during the run, not only at its start. */
function abortsAfter(n: number): AbortSignal {
  let reads = 0;
  return {
    get aborted() {
      return ++reads >= n;
    },
    reason: new Error('the user pressed stop'),
  } as unknown as AbortSignal;
}

describe('maxSteps', () => {
  it('stops derivative, gradient, jacobian, hessian, simplify and taylor with a BudgetError naming the limit and the option', () => {
    const e = nest(3000);
    const runs: Array<[string, () => unknown]> = [
      ['derivative', () => derivative(e, 'x', 1, { maxSteps: 1000 })],
      ['gradient', () => gradient(e, ['x'], { maxSteps: 1000 })],
      ['jacobian', () => jacobian([e], ['x'], { maxSteps: 1000 })],
      ['hessian', () => hessian(e, ['x'], { maxSteps: 1000 })],
      ['simplify', () => simplify(e, { maxSteps: 1000 })],
      ['taylor', () => taylor(e, 'x', 0, 3, { maxSteps: 1000 })],
    ];
    for (const [where, run] of runs) {
      const err = budgetError(run);
      expect(err.kind).toBe('steps');
      expect(err.limit).toBe(1000);
      expect(err.message).toMatch(new RegExp(`^${where}: stopped after [\\d,]+ work steps, more than its limit of 1,000 .*\\{ maxSteps: N \\}`));
    }
  });

  it('gives the same result under any limit it fits in', () => {
    const e = nest(50);
    const d = derivative(e, 'x');
    expect(derivative(e, 'x', 1, { maxSteps: 1e7 })).toBe(d);
    expect(derivative(e, 'x', 1, { maxSteps: Infinity, timeLimitMs: Infinity })).toBe(d);
  });

  it('is spent by the derivative pass itself: the simplifier has no time to start', () => {
    // 200,000 nested sins: the derivative alone visits 200,000 nodes before any simplification.
    const err = budgetError(() => derivative(nest(200_000), 'x', 1, { maxSteps: 100_000 }));
    expect(err.detail).toMatch(/^derivative: stopped after/);
  });

  it('refuses a limit that is not a positive number', () => {
    expect(() => derivative('x^2', 'x', 1, { maxSteps: -1 })).toThrow(/derivative: the option maxSteps must be a positive number/);
    expect(() => simplify('x', { timeLimitMs: Number.NaN })).toThrow(/simplify: the option timeLimitMs must be a positive number/);
    expect(() => gradient('x', ['x'], { signal: 'stop' as unknown as AbortSignal })).toThrow(/gradient: the option signal must be an AbortSignal/);
  });

  it('reads own properties only: a polluted Object.prototype.maxSteps changes nothing', () => {
    const d = derivative('sin(x)^2', 'x');
    const proto = Object.prototype as Record<string, unknown>;
    proto.maxSteps = 1;
    proto.timeLimitMs = 1e-9;
    proto.signal = { aborted: true };
    try {
      expect(derivative('sin(x)^2', 'x', 1, {})).toBe(d);
      expect(simplify('x + x', {})).toEqual(simplify('2*x'));
      expect(gradient('x*y', ['x', 'y'], {})).toHaveLength(2);
    } finally {
      delete proto.signal;
      delete proto.maxSteps;
      delete proto.timeLimitMs;
    }
  });
});

describe('AbortSignal', () => {
  it('an aborted signal stops every entry point before it starts', () => {
    const ac = new AbortController();
    ac.abort();
    const signal = ac.signal;
    for (const run of [
      () => derivative('x^2', 'x', 1, { signal }),
      () => gradient('x*y', ['x', 'y'], { signal }),
      () => hessian('x*y', ['x', 'y'], { signal }),
      () => jacobian(['x*y'], ['x', 'y'], { signal }),
      () => simplify('x + x', { signal }),
      () => taylor('exp(x)', 'x', 0, 3, { signal }),
    ]) {
      const err = budgetError(run);
      expect(err.kind).toBe('aborted');
      expect(err.message).toMatch(/aborted by the caller's signal/);
    }
  });

  it('is polled while the call runs, and its reason is in the message', () => {
    const err = budgetError(() => derivative(nest(100_000), 'x', 1, { signal: abortsAfter(3) }));
    expect(err.kind).toBe('aborted');
    expect(err.message).toMatch(/^derivative: aborted by the caller's signal after [\d,]+ work steps: the user pressed stop$/);
  });
});

describe('timeLimitMs', () => {
  it('a time limit too short for the work stops the call with a BudgetError naming the limit and the option', () => {
    // Not a timing assertion: any run of 100,000 nodes takes more than a nanosecond.
    const err = budgetError(() => derivative(nest(100_000), 'x', 1, { timeLimitMs: 0.001 }));
    expect(err.kind).toBe('time');
    expect(err.message).toMatch(/^derivative: stopped after [\d.]+ s, more than its time limit of 0.001 ms .*\{ timeLimitMs: N \}$/);
  });
});

describe('the explosive cases of issue 11, counted in steps', () => {
  it('the gradient of a 3,000-term sum in 3,000 variables is linear: it fits in 60 steps per term', () => {
    const n = 3000;
    const e = add(...Array.from({ length: n }, (_, i) => mul(num(i + 1), pow(sym(`x${i}`), num(2)))));
    const vars = Array.from({ length: n }, (_, i) => `x${i}`);
    // Forward mode over the whole sum for each variable would take n^2 = 9,000,000 steps.
    const g = gradient(e, vars, { maxSteps: 80 * n });
    expect(g).toHaveLength(n);
    expect(toText(g[41]!)).toBe('84*x41');
  });

  it('the Hessian of sin nested 5,000 deep stops at once: its second derivative has 5,000^2 argument slots', () => {
    const err = budgetError(() => hessian(nest(5000), ['x'], { timeLimitMs: Infinity }));
    expect(err.kind).toBe('steps');
    expect(err.limit).toBe(20_000_000);
  });

  it('99,999 nested parentheses parse in a handful of steps (the redundant pairs never reach the parser)', () => {
    const n = 99_999;
    expect(parse('('.repeat(n) + 'x' + ')'.repeat(n), { maxSteps: 100 })).toBe(parse('x'));
    // The pairs that mean something are kept: a call's, and one after ')'.
    expect(() => parse('f((a, b))')).toThrow(/unexpected ','/);
    expect(toText(parse('2((x + 1))^2'))).toBe(toText(parse('2*(x + 1)^2')));
  });
});

describe('no stack overflow: deep and wide inputs work or fail with a clear MathError', () => {
  it("parses x*y*y*...*y with 99,000 factors (the 200,000-character limit allows it)", () => {
    expect(toText(parse('x' + '*y'.repeat(99_000)))).toBe('x*y^99000');
  });

  it('differentiates sin nested 200,000 deep', () => {
    const d = derivative(nest(200_000), 'x', 1, { timeLimitMs: Infinity }); // see below: steps bound it, not the clock
    expect(d.kind).toBe('mul');
    expect(dagSize(d)).toBe(400_001); // 200,000 cosines of 200,000 nested sines, and x
  });

  it('the Taylor polynomial of sin nested 200,000 deep is x + O(x^3): series arithmetic is linear in the input', () => {
    // sin(u) = u - u^3/6 + ..., so every level keeps x, and each of n levels adds -x^3/6.
    // No time limit: the default 10 s is wall-clock, and a loaded machine may need longer (the work is bounded by steps).
    const untimed = { timeLimitMs: Infinity };
    expect(toText(taylor(nest(200_000), 'x', 0, 2, untimed))).toBe('x');
    expect(toText(taylor(nest(20_000), 'x', 0, 3, untimed))).toBe('x - 10000*x^3/3');
  });

  it('the Hessian of sin nested 200,000 deep fails with a MathError, not a RangeError', () => {
    for (const run of [() => hessian(nest(200_000), ['x'], { maxSteps: 3_000_000 })]) {
      let thrown: unknown;
      try {
        run();
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(MathError);
      expect(String((thrown as Error).message)).not.toMatch(/call stack/);
    }
  });

  it('toText and toLatex of a 62-node graph whose tree has 3.8e9 nodes refuse with the sizes', () => {
    let e: Expr = sym('x');
    for (let i = 0; i < 30; i++) e = mul(e, add(e, num(1)));
    expect(dagSize(e)).toBe(62);
    for (const print of [toText, toLatex]) {
      const err = budgetError(() => print(e));
      expect(err.message).toMatch(/too large to print: 3\.76e\+9 nodes when written out \(62 distinct, shared\); the limit is 20,000,000/);
    }
    // Without a limit the text would pass the longest string JavaScript can hold: still a MathError with the sizes.
    expect(() => toText(e, { maxSteps: Infinity })).toThrow(/toText: the expression is too long to print as one string: 3\.76e\+9 nodes when written out \(62 distinct, shared\)/);
  });
});

describe('the compilers take the same limits', () => {
  it('compileHessian of sin nested 5,000 deep stops at its step limit (its second derivative has 5,000^2 argument slots)', () => {
    const e = nest(5_000);
    let thrown: unknown;
    try {
      compileHessian(e, ['x']);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(BudgetError);
    expect((thrown as BudgetError).kind).toBe('steps');
    expect((thrown as Error).message).toMatch(/^compileHessian: stopped after .* more than its limit of 20,000,000/);
  });

  it('compile, compileGradient and compileJacobian spend a step per node, and honour maxSteps and the signal', () => {
    const e = nest(5_000);
    for (const [name, run] of [
      ['compile', () => compile(e, ['x'], { maxSteps: 1_000 })],
      ['compileGradient', () => compileGradient(e, ['x'], { maxSteps: 1_000 })],
      ['compileJacobian', () => compileJacobian([e], ['x'], { maxSteps: 1_000 })],
    ] as const) {
      expect(run, name).toThrow(new RegExp(`^${name}: stopped after 5,001 work steps, more than its limit of 1,000`));
    }
    expect(compile(e, ['x'], { maxSteps: 5_001 })(0)).toBe(0);
    const signal = { aborted: true, reason: new Error('user pressed stop') };
    expect(() => compileGradient('x^2', ['x'], { signal })).toThrow(/aborted by the caller's signal .*: user pressed stop/);
    expect(() => compile('x', ['x'], { timeLimitMs: -1 })).toThrow(/the option timeLimitMs must be a positive number/);
  });
});

describe("the simplifier's rule matching is charged", () => {
  it("a sum pattern tried against a wide sum spends its backtracking steps (up to the matcher's 5,000 a match), not one step", () => {
    const e = parse(Array.from({ length: 200 }, (_, i) => `f(x${i}) + g(y${i})`).join(' + '));
    const spent = (rules: string[]): number => {
      const meter = new Budget('test', Infinity, Infinity);
      simplify(e, { builtins: false, rules, meter } as Parameters<typeof simplify>[1]);
      return meter.spent;
    };
    // f(?a) + g(?a) needs an f and a g of the same argument: none, so every pair is tried (200 * 200 of them, cut at 5,000).
    expect(spent(['pair: f(?a) + g(?a) => h(?a)']) - spent([])).toBeGreaterThanOrEqual(5_000);
  });
});
