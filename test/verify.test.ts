import { describe, expect, it } from 'vitest';
import { verifyDerivative } from '../src/check/verify.js';

// The seed notebook's own answers (shared/README.md) are the test cases.
describe('verifyDerivative', () => {
  it('accepts the right derivative of x^3', () => {
    expect(verifyDerivative('3*x*x', 'x*x*x', 'x').verdict).toBe('correct');
  });

  it("catches the seed's 5.1 answer with the 1/(x^4 + 0.0001) fudge, near x = 0.1", () => {
    const f = 'log(x^4)*sin(x^3)';
    const fudged = '1/(x^4 + 0.0001) * (4*x^3) * sin(x^3) + log(x^4) * (3*x^2) * cos(x^3)';
    const v = verifyDerivative(fudged, f, 'x');
    expect(v.verdict).toBe('wrong');
    const at = Math.abs(v.counterexample!.point.x!);
    expect(at).toBeLessThan(1); // the fudge only shows where x^4 is comparable to 1e-4
    expect(v.counterexample!.relError).toBeGreaterThan(1e-3);
    expect(verifyDerivative('4/x*sin(x^3) + 3*x^2*log(x^4)*cos(x^3)', f, 'x').verdict).toBe('correct');
  });

  it("accepts the seed's sigmoid derivative, and sigmoid(1 - sigmoid)", () => {
    const f = '1/(1 + exp(-x))';
    expect(verifyDerivative('exp(-x)/(1 + exp(-x))^2', f, 'x').verdict).toBe('correct');
    expect(verifyDerivative('1/(1 + exp(-x)) * (1 - 1/(1 + exp(-x)))', f, 'x').verdict).toBe('correct');
  });

  it("catches the seed's 5.3 code, where -1/2*s^2 was written for -1/(2*s^2)", () => {
    const gaussian = 'exp(-(x - u)^2/(2*s^2))';
    const seed = 'exp((-1/2*s^2)*(x - u)^2) * (-1/s^2)*(x - u)';
    const v = verifyDerivative(seed, gaussian, 'x');
    expect(v.verdict).toBe('wrong');
    expect(Number.isFinite(v.counterexample!.claimed)).toBe(true);
    expect(verifyDerivative('-(x - u)/s^2 * exp(-(x - u)^2/(2*s^2))', gaussian, 'x').verdict).toBe('correct');
  });

  it('says which variable is missing when there are several', () => {
    expect(() => verifyDerivative('y', 'x*y')).toThrow(/x, y/);
  });

  it('finds a sign error and reports the point', () => {
    // d/dx acoth(x) = 1/(1 - x^2); the sign flipped is a known peer bug.
    expect(verifyDerivative('-1/(x^2 - 1)', 'acoth(x)', 'x').verdict).toBe('correct');
    const v = verifyDerivative('1/(x^2 - 1)', 'acoth(x)', 'x');
    expect(v.verdict).toBe('wrong');
    expect(Math.abs(v.counterexample!.point.x!)).toBeGreaterThan(1);
  });
});
