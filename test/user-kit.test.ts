// The README's "complete user test file", verbatim but for the import paths
// (test/readme.test.ts checks that the two stay the same).
import { test } from 'vitest';
import fc from 'fast-check';
import { checkRule, derivativeProperty, gradientProperty, exprArb, maybePointArb } from '../src/testing/index.js';
import { compile, compileGradient, evaluate } from '../src/index.js';

test('my rewrite rule is sound', () => {
  fc.assert(checkRule('tanh-sq: 1 - tanh(?u)^2 => sech(?u)^2'));
});

test('my hand-written derivative of the softplus is right', () => {
  fc.assert(derivativeProperty((x) => Math.log(1 + Math.exp(x)), (x) => 1 / (1 + Math.exp(-x))));
});

test('the compiled gradient of the Rosenbrock function is right', () => {
  const f = compile('(1 - x)^2 + 100*(y - x^2)^2', ['x', 'y']);
  const g = compileGradient('(1 - x)^2 + 100*(y - x^2)^2', ['x', 'y']);
  const grad = ([x, y]: number[]) => {
    const out = new Float64Array(2);
    g(out, x!, y!);
    return out;
  };
  fc.assert(gradientProperty(([x, y]) => f(x!, y!), grad, 2, { domain: [-2, 2] }));
});

test('compiled functions agree with evaluate on random expressions', () => {
  const cases = exprArb({ vars: ['x'], maxDepth: 3 }).chain((e) => maybePointArb(e, ['x']).map((p) => [e, p] as const));
  fc.assert(
    fc.property(cases, ([e, p]) => {
      fc.pre(p !== null);
      const want = evaluate(e, p!);
      const got = compile(e, ['x'], { exact: true })(p!.x!);
      return Object.is(got, want) || (got === 0 && want === 0);
    }),
  );
});
