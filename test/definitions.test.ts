// User definitions name(params) = body: parsed like built-ins, differentiated
// through their bodies with the name kept where it reads better, evaluated and
// compiled inline; ill-formed definitions and misuses are ParseErrors that say where.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, compileGradient, compileHessian } from '../src/compile/index.js';
import { derivative } from '../src/diff/derivative.js';
import { gradient, hessian, taylor } from '../src/diff/multivariate.js';
import { evaluate as evaluateCore } from '../src/eval/evaluate.js';
import { evaluate } from '../src/matrix/public.js';
import { expandDefinitions } from '../src/parse/definitions.js';
import { definitions, parse, ParseError } from '../src/parse/parser.js';
import { toText } from '../src/print/text.js';
import { toLatex } from '../src/print/latex.js';
import { centralDifference, judge } from './diff-helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const defs = definitions([
  'sig(t) = 1/(1 + exp(-t))',
  'swish(t) = t*sig(t)', // uses a definition given before it
  'huber(r, d) = |r| <= d ? r^2/2 : d*(|r| - d/2)',
  'sq(a, b) = (a - b)^2',
  'twice(t) = lift(t) + lift(t)', // uses one given after it
  'lift(t) = t + 1',
]);
const d1 = (src: string, wrt = 'x'): string => toText(derivative(parse(src, defs), wrt, 1, { define: defs }));

describe('parsing with definitions', () => {
  it('a defined function parses like a built-in and stays a call', () => {
    const e = parse('sig(w*x + b)', defs);
    expect(e.kind).toBe('call');
    expect(toText(e)).toBe('sig(w*x + b)');
    expect(toLatex(e)).toBe('\\operatorname{sig}\\left(w x + b\\right)');
    // the options form takes text too
    expect(parse('f(2)', ['f(x) = x^2'])).toBe(parse('f(2)', definitions('f(x) = x^2')));
  });

  it.each([
    ['sig(x, y)', /sig takes 1 argument \(sig\(t\) = 1\/\(1 \+ exp\(-t\)\)\), but was given 2/, 1],
    ['sq(x)', /sq takes 2 arguments/, 1],
    ['2*sig x', /'sig' is a defined function, not a variable: write sig\(t\)/, 3],
    ["sig'(x)", /differentiate sig instead/, 1],
  ])('%s is a ParseError at the call', (src, message, col) => {
    let err: unknown;
    try {
      parse(src, defs);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).message).toMatch(message);
    expect((err as ParseError).column).toBe(col);
  });

  it.each([
    [['f(x) = x + k'], /the body of f uses 'k', which is not a parameter: add it to the parameters \(f\(x, k\) = \.\.\.\)/, 12],
    [['f(x) = a*x + b'], /uses 'a', 'b', which are not parameters/, 8],
    [['f(x, x) = x'], /parameter x is named twice/, 6],
    [['f(x) = f(x - 1)'], /recursive definition \(f -> f\)/, 8],
    [['f(x) = g(x)', 'g(x) = 2*f(x)'], /recursive definition \(f -> g -> f\)|recursive definition \(g -> f -> g\)/, 10],
    [['f(x) = x > 0'], /must be a number, not a condition/, 10],
    [['f(pi) = 1'], /pi is a constant; it cannot be a parameter/, 3],
    [['f(x) = x', 'f(y) = y^2'], /f is defined twice \(first as f\(x\) = x\)/, 1],
    [['piecewise(x) = x'], /'piecewise' is reserved/, 1],
    [['f(x) = '], /end of input/, 8],
    [['f(x) x'], /unexpected/, 6],
  ])('%j is a ParseError that says where', (list, message, col) => {
    let err: unknown;
    try {
      definitions(list);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).message).toMatch(message);
    expect((err as ParseError).column).toBe(col);
  });

  it('a definition named like a built-in replaces it: its body is put in place', () => {
    const mine = definitions(['sinh(t) = t']);
    expect(mine.byName.get('sinh')!.shadows).toBe(true);
    expect(parse('sinh(2*x)', mine)).toBe(parse('2*x'));
  });
});

describe('derivatives keep the name where it reads better', () => {
  it.each([
    ['sig(x)', 'sig(x)*(1 - sig(x))'],
    ['sig(w*x + b)', 'w*sig(w*x + b)*(1 - sig(w*x + b))'],
    ['log(sig(x))', '1 - sig(x)'],
    ['swish(x)', 'sig(x)*(x - x*sig(x) + 1)'],
    ['sq(y, w*x)', '2*w*(w*x - y)'],
    ['twice(x^2)', '4*x'],
  ])('d/dx %s = %s', (src, want) => {
    expect(d1(src)).toBe(want);
  });

  it('higher orders, gradients, Hessians and Taylor polynomials go through the bodies too', () => {
    expect(toText(derivative(parse('sig(x)', defs), 'x', 2, { define: defs }))).toBe('sig(x)*(sig(x) - 1)*(2*sig(x) - 1)');
    expect(gradient(parse('sq(y, w*x)', defs), ['w', 'y'], { define: defs }).map((g) => toText(g))).toEqual(['2*x*(w*x - y)', '2*(y - w*x)']);
    expect(toText(hessian(parse('sig(x)', defs), ['x'], { define: defs })[0]![0]!)).toBe('sig(x)*(sig(x) - 1)*(2*sig(x) - 1)');
    expect(toText(taylor(parse('sig(x)', defs), 'x', 0, 3, { define: defs }))).toBe(toText(taylor('1/(1 + exp(-x))', 'x', 0, 3)));
  });

  it('property: derivatives of defined functions match finite differences of their bodies', () => {
    const srcs = ['sig(x*y)', 'swish(x - y)', 'huber(x, 1 + y^2)', 'sq(sig(x), y)', 'log(sig(x)) + twice(y)'];
    for (const src of srcs) {
      const e = parse(src, defs);
      const plain = expandDefinitions(e, defs);
      const ds = ['x', 'y'].map((v) => derivative(e, v, 1, { define: defs }));
      let compared = 0;
      fc.assert(
        fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (x, y) => {
          ['x', 'y'].forEach((v, k) => {
            const scope = { x, y };
            const fd = centralDifference((t) => evaluateCore(plain, { ...scope, [v]: t }), scope[v as 'x' | 'y']);
            const exact = evaluate(ds[k]!, scope, { define: defs });
            const verdict = judge(exact, fd, evaluateCore(plain, scope));
            if (verdict === 'not-smooth') return; // the huber seam within the step
            expect(verdict, `${src}: d/d${v} at (${x}, ${y})`).toBe('agree');
            compared++;
          });
        }),
        { numRuns: 60 },
      );
      expect(compared, src).toBeGreaterThan(100);
    }
  });
});

describe('evaluation and compiled code put the bodies in place', () => {
  it('evaluate with the definitions; without them the call is an undefined function', () => {
    const e = parse('sig(x)', defs);
    expect(evaluate(e, { x: 0 }, { define: defs })).toBe(0.5);
    expect(() => evaluate(e, { x: 0 })).toThrow(/undefined function 'sig'/);
  });

  it('compile, compileGradient and compileHessian inline the bodies', () => {
    const e = parse('swish(w*x + b)', defs);
    const f = compile(e, ['w', 'x', 'b'], { define: defs });
    expect(f(2, 0.5, -1)).toBeCloseTo(evaluate(e, { w: 2, x: 0.5, b: -1 }, { define: defs }), 14);
    const g = compileGradient(e, ['w', 'x', 'b'], { define: defs });
    const out = [0, 0, 0];
    g(out, 2, 0.5, -1);
    ['w', 'x', 'b'].forEach((v, k) => {
      const d = derivative(e, v, 1, { define: defs });
      expect(out[k]).toBeCloseTo(evaluate(d, { w: 2, x: 0.5, b: -1 }, { define: defs }), 12);
    });
    const h = compileHessian(parse('sq(a, b)', defs), ['a', 'b'], { define: defs });
    const hout = [0, 0, 0, 0];
    h(hout, 1, 2);
    expect(hout).toEqual([2, -2, -2, 2]);
    expect(() => compile(e, ['w', 'x', 'b'])).toThrow(/undefined function 'swish'/);
  });
});

describe('on the command line', () => {
  const run = (...args: string[]): { stdout: string; stderr: string; status: number | null } => {
    const r = spawnSync('node', ['bin/leibniz.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { stdout: r.stdout.trim(), stderr: r.stderr.trim(), status: r.status };
  };

  it('--define (repeatable) works on every command, with the name kept in results', () => {
    const sig = ['--define', 'sig(t) = 1/(1 + exp(-t))'];
    expect(run('diff', 'sig(w*x + b)', '--wrt', 'w', ...sig).stdout).toBe('x*sig(w*x + b)*(1 - sig(w*x + b))');
    expect(run('parse', 'sig(x) + sq(x, 1)', ...sig, '--define', 'sq(a, b) = (a - b)^2').stdout).toBe('sig(x) + sq(x, 1)');
    expect(run('compile', 'sig(x)', ...sig).stdout).toContain('L.sigmoid(v0)'); // the body, inline, in its stable form
    const checked = run('check', 'sig(x)', ...sig);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toContain('Good.');
  });

  it('--defines FILE reads one definition a line, with # comments; lookalike names that are defined draw no warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leibniz-defs-'));
    const file = join(dir, 'defs.txt');
    writeFileSync(file, '# activations\nsig(t) = 1/(1 + exp(-t))\n\nlogaddexp(a, b) = log(exp(a) + exp(b))\n');
    const r = run('diff', 'logaddexp(x, 0) + sig(x)', '--defines', file);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(toText(derivative(parse('logaddexp(x, 0) + sig(x)', definitions(['sig(t) = 1/(1 + exp(-t))', 'logaddexp(a, b) = log(exp(a) + exp(b))'])), 'x', 1, { define: definitions(['sig(t) = 1/(1 + exp(-t))', 'logaddexp(a, b) = log(exp(a) + exp(b))']) })));
  });

  it('bad definitions and files are errors that say where; a built-in name is noted', () => {
    const bad = run('diff', 'f(x)', '--define', 'f(x) = x + k');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("the body of f uses 'k', which is not a parameter");
    expect(run('diff', 'x', '--defines', '/nonexistent/defs.txt').stderr).toContain('--defines /nonexistent/defs.txt: cannot read it');
    const shadow = run('diff', 'sinh(x)', '--define', 'sinh(t) = t^2');
    expect(shadow.stdout).toBe('2*x');
    expect(shadow.stderr).toContain('note: --define sinh replaces the built-in sinh');
  });
});
