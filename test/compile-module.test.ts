import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { add, mul, num, pow, sym } from '../src/core/build.js';
import type { Expr } from '../src/core/expr.js';
import { compile } from '../src/compile/compile.js';
import { compileGradient } from '../src/compile/gradient.js';
import { moduleSource } from '../src/compile/module.js';
import { evaluate } from '../src/eval/evaluate.js';
import { parse } from '../src/parse/parser.js';

const dir = mkdtempSync(join(tmpdir(), 'leibniz-module-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;

interface Loaded {
  f: (...a: number[]) => number;
  grad?: (out: Float64Array, ...a: number[]) => number;
}

/** Writes the module text to a temporary .mjs file outside the project and imports it. */
async function load(text: string): Promise<Loaded> {
  const file = join(dir, `m${count++}.mjs`);
  writeFileSync(file, text);
  return (await import(pathToFileURL(file).href)) as Loaded;
}

/** An import statement, a dynamic import or a require call (the runtime's comments may say "import"). */
const NO_IMPORTS = /^\s*import[\s{*'"]|\bimport\s*\(|\brequire\s*\(/m;

const points = [
  [0.7, -1.3],
  [-8, 2.5],
  [0, 1e-9],
  [NaN, 1],
  [Infinity, -Infinity],
];

describe('moduleSource', () => {
  it('is a module that imports nothing and exports f, which computes what compile computes', async () => {
    const src = 'x^2*y - sin(x*y) + sqrt(x^2 + y^2)';
    const text = moduleSource(src, ['x', 'y']);
    expect(text).not.toMatch(NO_IMPORTS);
    expect(text).not.toMatch(/export default/);
    expect(text.match(/^export /gm)).toEqual(['export ']);
    const m = await load(text);
    expect(m.grad).toBeUndefined();
    const f = compile(src, ['x', 'y']);
    for (const [x, y] of points) expect(Object.is(m.f(x!, y!), f(x!, y!))).toBe(true);
  });

  it('carries its own copy of the runtime helpers when the code uses them (erf, gamma, rpow, cot, acoth, ...)', async () => {
    const src = 'erf(x) + gamma(y) + x^(2/3) + cot(y) + acoth(x) + digamma(y) + polygamma(2, y) + factorial(y) + log(y, x) + nthroot(x, y)';
    const text = moduleSource(src, ['x', 'y']);
    expect(text).toMatch(/const L = /);
    expect(text).not.toMatch(NO_IMPORTS);
    const m = await load(text);
    const f = compile(src, ['x', 'y']);
    for (const [x, y] of [...points, [3, 4.5], [-27, 3]]) expect(Object.is(m.f(x!, y!), f(x!, y!))).toBe(true);
    expect(m.f(-8, 2.5)).toBe(evaluate(parse(src), { x: -8, y: 2.5 }));
  });

  it('leaves the runtime out when only Math is needed', () => {
    expect(moduleSource('exp(x)*cos(y)', ['x', 'y'])).not.toMatch(/\bL\b/);
  });

  it('with { gradient: true } also exports grad(out, ...args), the compiled gradient', async () => {
    const src = 'log(1 + exp(a*x + b)) + erf(a)*x^3';
    const vars = ['a', 'b', 'x'];
    const text = moduleSource(src, vars, { gradient: true });
    const m = await load(text);
    const g = compileGradient(src, vars);
    for (const at of [
      [0.5, -1, 2],
      [-0.3, 0.2, -1.5],
    ]) {
      const want = new Float64Array(3);
      const got = new Float64Array(3);
      expect(m.grad!(got, ...at)).toBe(g(want, ...at));
      expect([...got]).toEqual([...want]);
      expect(m.f(...at)).toBe(compile(src, vars)(...at));
    }
  });

  it('contains no text from the input: hostile variable names never appear', async () => {
    const names = ['constructor', '__proto__', 'process', 'évaluer', '*/ globalThis.pwned = 1 /*', 'x\nthrow 1'];
    const e: Expr = add(...names.map((v, i) => mul(num(i + 1), pow(sym(v), 2))));
    const text = moduleSource(e, names, { gradient: true });
    for (const v of names) expect(text).not.toContain(v);
    const m = await load(text);
    const at = names.map((_, i) => i / 2);
    expect(m.f(...at)).toBe(compile(e, names)(...at));
    const out = new Float64Array(names.length);
    m.grad!(out, ...at);
    at.forEach((v, i) => expect(out[i]).toBe(2 * (i + 1) * v));
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it('documents the argument order in its header without naming the variables', () => {
    const text = moduleSource('x + y + z', ['z', 'y', 'x'], { gradient: true });
    expect(text).toMatch(/f\(v0, v1, v2\)/);
    expect(text).toMatch(/grad\(out, v0, v1, v2\)/);
  });
});
