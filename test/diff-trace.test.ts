// derivative's `trace` option (the playground shows it): the simplifier's
// rewrites on each raw derivative, without changing the answer.
import { describe, expect, it } from 'vitest';
import { derivative } from '../src/diff/derivative.js';
import { parse } from '../src/parse/parser.js';
import { toText } from '../src/print/text.js';

describe('derivative with trace', () => {
  it.each(['sqrt(x^2)*x', 'sin(x)^2 + cos(x)^2 + x^3', 'log(x^4)*sin(x^3)', 'exp(x)*exp(-x)*x'])('%s: same result, and each step is a rewrite', (src) => {
    for (const order of [1, 2]) {
      const steps: [string, string, string][] = [];
      const d = derivative(parse(src), 'x', order, { trace: (rule, before, after) => steps.push([rule, toText(before), toText(after)]) });
      expect(d).toBe(derivative(parse(src), 'x', order));
      for (const [rule, before, after] of steps) {
        expect(rule).toMatch(/\S/);
        expect(before).not.toBe(after);
      }
    }
  });

  it('reports the rewrites of sqrt(x^2) in d/dx sqrt(x^2)*x', () => {
    const rules: string[] = [];
    derivative(parse('sqrt(x^2)*x'), 'x', 1, { trace: (rule) => rules.push(rule) });
    expect(rules.length).toBeGreaterThan(0);
  });
});
