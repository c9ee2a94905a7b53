// Machine-learning formulas written with definitions and conditionals, the way
// a student of an ML course writes them: the notebook's 5.2 (the sigmoid),
// logistic regression's cross-entropy loss, and a small MLP with ReLU (as a
// conditional) and tanh hidden units. Each is differentiated, compiled and
// checked against finite differences, and against the gradient written by
// hand in JavaScript (backpropagation), which shares no code with leibniz.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDerivative, checkGradient } from '../src/check/index.js';
import { compile, compileGradient } from '../src/compile/index.js';
import { derivative } from '../src/diff/derivative.js';
import { gradient } from '../src/diff/multivariate.js';
import { evaluate } from '../src/matrix/public.js';
import { definitions, parse } from '../src/parse/parser.js';
import { toText } from '../src/print/text.js';

const defs = definitions([
  'sig(t) = 1/(1 + exp(-t))',
  'bce(y, p) = -(y*log(p) + (1 - y)*log(1 - p))',
  'act(t) = t > 0 ? t : 0',
]);

describe("the notebook's 5.2: the sigmoid", () => {
  const f = parse('sig(x)', defs);
  const d = derivative(f, 'x', 1, { define: defs });

  it('d/dx sig(x) = sig(x)*(1 - sig(x)), with the value the notebook printed at 1', () => {
    expect(toText(d)).toBe('sig(x)*(1 - sig(x))');
    const df = compile(d, ['x'], { define: defs });
    expect(df(1)).toBeCloseTo(0.19661193324148188, 15); // grad_f_5_2(1) in the notebook
  });

  it('passes the gradient check, and a wrong derivative fails it', () => {
    const fx = compile(f, ['x'], { define: defs });
    const df = compile(d, ['x'], { define: defs });
    expect(checkDerivative(fx, df, { domain: [-8, 8], samples: 20 }).pass).toBe(true);
    const wrong = (x: number): number => Math.exp(-x) / (1 + Math.exp(-x)); // the square forgotten
    expect(checkDerivative(fx, wrong, { domain: [-8, 8], samples: 20 }).pass).toBe(false);
  });
});

// Four samples of two features, labels 0/1.
const X = [
  [0.5, -1.2],
  [1.5, 0.3],
  [-0.7, 2.0],
  [2.2, -0.4],
];
const Y = [0, 1, 0, 1];

describe('logistic regression', () => {
  const src = X.map(([a, b], i) => `bce(${Y[i]}, sig(w1*${a} + w2*${b} + b))`).join(' + ');
  const loss = parse(src, defs);
  const vars = ['w1', 'w2', 'b'];
  const grad = compileGradient(loss, vars, { define: defs });

  /** The textbook gradient, by hand: sum over samples of (sigmoid(z) - y) * features. */
  function byHand(w1: number, w2: number, b: number): number[] {
    const g = [0, 0, 0];
    X.forEach(([a, c], i) => {
      const p = 1 / (1 + Math.exp(-(w1 * a! + w2 * c! + b)));
      g[0] += (p - Y[i]!) * a!;
      g[1] += (p - Y[i]!) * c!;
      g[2] += p - Y[i]!;
    });
    return g;
  }

  it('the symbolic gradient keeps sig, and reads (sig - y) per sample', () => {
    const [, , db] = gradient(loss, vars, { define: defs });
    // d/db of each sample's loss is sig(z) - y: the sum has every sig(...) with coefficient 1 and -2 from the two labels 1
    expect(toText(db!)).toMatch(/sig\(/);
    expect(toText(db!)).not.toMatch(/exp/);
  });

  it('property: the compiled gradient is the hand-written one', () => {
    fc.assert(
      fc.property(fc.double({ min: -4, max: 4, noNaN: true }), fc.double({ min: -4, max: 4, noNaN: true }), fc.double({ min: -4, max: 4, noNaN: true }), (w1, w2, b) => {
        const out = [0, 0, 0];
        const value = grad(out, w1, w2, b);
        const want = byHand(w1, w2, b);
        out.forEach((g, k) => expect(g).toBeCloseTo(want[k]!, 10));
        expect(value).toBeCloseTo(evaluate(loss, { w1, w2, b }, { define: defs }), 10);
      }),
      { numRuns: 100 },
    );
  });

  it('passes the gradient check against central differences', () => {
    const f = compile(loss, vars, { args: 'array', define: defs });
    const g = compileGradient(loss, vars, { args: 'array', define: defs });
    const report = checkGradient(f, (x) => {
      const out = new Float64Array(3);
      g(out, x);
      return out;
    }, { dim: 3, domain: [-3, 3], samples: 10 });
    expect(report.pass).toBe(true);
  });
});

describe('a 2-layer MLP: 2 inputs, 2 hidden units, 1 output, squared error', () => {
  // hidden unit j: act(aj1*x1 + aj2*x2 + bj); output v1*h1 + v2*h2 + c
  const hidden = (j: number, x1: number, x2: number, unit: string): string =>
    unit === 'relu' ? `act(a${j}1*${x1} + a${j}2*${x2} + b${j})` : `tanh(a${j}1*${x1} + a${j}2*${x2} + b${j})`;
  const lossSrc = (unit: string): string =>
    X.map(([x1, x2], i) => `(v1*${hidden(1, x1!, x2!, unit)} + v2*${hidden(2, x1!, x2!, unit)} + c - ${i % 2 === 0 ? 1 : -1})^2`).join(' + ');
  const vars = ['a11', 'a12', 'b1', 'a21', 'a22', 'b2', 'v1', 'v2', 'c'];

  /** Backpropagation by hand. */
  function backprop(p: readonly number[], unit: string): { loss: number; grad: number[] } {
    const [a11, a12, b1, a21, a22, b2, v1, v2, c] = p as [number, number, number, number, number, number, number, number, number];
    const g = new Array<number>(9).fill(0);
    let loss = 0;
    X.forEach(([x1, x2], i) => {
      const z1 = a11 * x1! + a12 * x2! + b1;
      const z2 = a21 * x1! + a22 * x2! + b2;
      const f = (z: number): number => (unit === 'relu' ? (z > 0 ? z : 0) : Math.tanh(z));
      const df = (z: number): number => (unit === 'relu' ? (z > 0 ? 1 : 0) : 1 - Math.tanh(z) ** 2);
      const h1 = f(z1);
      const h2 = f(z2);
      const r = v1 * h1 + v2 * h2 + c - (i % 2 === 0 ? 1 : -1);
      loss += r * r;
      const dr = 2 * r;
      g[6] += dr * h1;
      g[7] += dr * h2;
      g[8] += dr;
      const d1 = dr * v1 * df(z1);
      const d2 = dr * v2 * df(z2);
      g[0] += d1 * x1!;
      g[1] += d1 * x2!;
      g[2] += d1;
      g[3] += d2 * x1!;
      g[4] += d2 * x2!;
      g[5] += d2;
    });
    return { loss, grad: g };
  }

  for (const unit of ['relu', 'tanh']) {
    it(`${unit}: property: the compiled value and gradient are backpropagation's, and the symbolic gradient agrees`, () => {
      const loss = parse(lossSrc(unit), defs);
      const grad = compileGradient(loss, vars, { args: 'array', define: defs });
      const symbolic = gradient(loss, vars, { define: defs });
      const params = fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 9, maxLength: 9 });
      let compared = 0;
      fc.assert(
        fc.property(params, (p) => {
          const want = backprop(p, unit);
          const out = new Float64Array(9);
          const value = grad(out, p);
          expect(value).toBeCloseTo(want.loss, 9);
          const scope = Object.fromEntries(vars.map((v, k) => [v, p[k]!]));
          out.forEach((g, k) => {
            // on a ReLU's kink (a pre-activation exactly 0) the gradient is undefined: NaN, never a number
            if (Number.isNaN(g)) return;
            expect(g, `${vars[k]}`).toBeCloseTo(want.grad[k]!, 8);
            expect(evaluate(symbolic[k]!, scope, { define: defs })).toBeCloseTo(want.grad[k]!, 8);
            compared++;
          });
        }),
        { numRuns: 60 },
      );
      expect(compared).toBeGreaterThan(400);
    });

    it(`${unit}: passes the gradient check against central differences`, () => {
      const loss = parse(lossSrc(unit), defs);
      const f = compile(loss, vars, { args: 'array', define: defs });
      const g = compileGradient(loss, vars, { args: 'array', define: defs });
      const report = checkGradient(f, (x) => {
        const out = new Float64Array(9);
        g(out, x);
        return out;
      }, { dim: 9, domain: [-2, 2], samples: 8 });
      expect(report.pass).toBe(true);
    });
  }
});
