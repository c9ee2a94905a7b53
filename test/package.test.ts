// The published package, as a user gets it: `npm pack` of the built project,
// unpacked into a fresh project's node_modules (with its runtime dependencies
// and nothing else), then imported, required, type-checked strictly and
// bundled for a browser. Needs the build (`npm test` runs it first).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS, bundle } from '../bench/bundle.js';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'leibniz-package-'));
const app = join(work, 'app');
const installed = join(app, 'node_modules', 'leibniz');
let files: string[] = [];

beforeAll(() => {
  // --ignore-scripts: the build already ran; `prepare` would run it again.
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  files = info!.files.map((f) => f.path).sort();
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, info!.filename), '-C', installed, '--strip-components=1']);
  // The dependencies as package.json lists them, and fast-check, the optional
  // peer that leibniz/testing needs: nothing else of ours is there to be found.
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const dep of [...Object.keys(pkg.dependencies), 'fast-check']) {
    mkdirSync(join(app, 'node_modules', dep, '..'), { recursive: true });
    symlinkSync(join(root, 'node_modules', dep), join(app, 'node_modules', dep), 'dir');
  }
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const node = (file: string): string => {
  const r = spawnSync(process.execPath, [file], { cwd: app, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
};

describe('npm pack', () => {
  it('ships the built library, the CLI, the README and the LICENSE, and nothing else', () => {
    for (const f of ['LICENSE', 'README.md', 'package.json', 'bin/leibniz.js', 'bin/package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/cjs/package.json', 'dist/testing/index.js', 'dist/cli/main.js'])
      expect(files).toContain(f);
    const unexpected = files.filter((f) => !/^(LICENSE|README\.md|package\.json|bin\/leibniz\.js|bin\/package\.json|dist\/.*\.(js|d\.ts)|dist\/cjs\/package\.json)$/.test(f));
    expect(unexpected).toEqual([]);
    // no tests, benches, sources, build steps or the playground
    expect(files.filter((f) => /(^|\/)test\/|\.test\.|bench|\.ts$(?<!\.d\.ts)|build-cache|^src\/|^scripts\/|^web\/|^grammar\//.test(f))).toEqual([]);
  });
});

describe('the installed package in Node', () => {
  it('works with import', () => {
    writeFileSync(
      join(app, 'esm.mjs'),
      `import { parse, derivative, toText, compile } from 'leibniz';
import { exprArb } from 'leibniz/testing';
const d = derivative(parse('x^2*sin(x)'), 'x');
console.log(toText(d) + '|' + compile(d, ['x'])(0.5) + '|' + typeof exprArb);`,
    );
    const [text, value, arb] = node('esm.mjs').trim().split('|');
    expect(text).toBe('x*(x*cos(x) + 2*sin(x))');
    expect(Number(value)).toBeCloseTo(2 * 0.5 * Math.sin(0.5) + 0.25 * Math.cos(0.5), 14);
    expect(arb).toBe('function');
  });

  it('works with require, sharing one core between leibniz and leibniz/testing', () => {
    writeFileSync(
      join(app, 'cjs.cjs'),
      `const { parse, derivative, toText, compile, simplify } = require('leibniz');
const { checkDerivative } = require('leibniz/testing');
const d = derivative(parse('x^2*sin(x)'), 'x');
const report = checkDerivative(compile('x^3', ['x']), compile('3*x^2', ['x']));
console.log(toText(d) + '|' + compile(d, ['x'])(0.5) + '|' + (simplify('x + x') === parse('2*x')) + '|' + report.pass);`,
    );
    const [text, value, shared, ok] = node('cjs.cjs').trim().split('|');
    expect(text).toBe('x*(x*cos(x) + 2*sin(x))');
    expect(Number(value)).toBeCloseTo(2 * 0.5 * Math.sin(0.5) + 0.25 * Math.cos(0.5), 14);
    expect(shared).toBe('true');
    expect(ok).toBe('true');
  });

  it('runs the command line (with no code cache: that is for the Node that built it, and not shipped)', () => {
    expect(files).not.toContain('dist/cli/leibniz.bundle.cache');
    const r = spawnSync(process.execPath, [join(installed, 'bin', 'leibniz.js'), 'diff', 'x^2*sin(x)'], { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LEIBNIZ_DEBUG: '1' } });
    expect(r.stderr).toBe('leibniz: the code cache is not used (none was built)\n');
    expect(r.stdout).toBe('x*(x*cos(x) + 2*sin(x))\n');
    expect(r.status).toBe(0);
  });
});

describe('the published declarations', () => {
  const tsc = (dir: string, compilerOptions: Record<string, unknown>, sources: Record<string, string>, pkgType: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: pkgType }));
    for (const [name, text] of Object.entries(sources)) writeFileSync(join(dir, name), text);
    // strict, and the declarations checked too: no skipLibCheck, no global @types
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: false, noEmit: true, types: [], lib: ['es2022'], skipDefaultLibCheck: true, ...compilerOptions }, include: ['*.ts', '*.mts', '*.cts'] }),
    );
    const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  };
  const use = `const e: Expr = derivative(parse('x^2'), 'x');
const s: string = toText(simplify(e));
const f: (...a: number[]) => number = compile(e, ['x']);
export const out = [s, f(1)];
`;

  it('type-check for import and for require under module nodenext, with skipLibCheck false', () => {
    tsc(
      join(app, 'ts-nodenext'),
      { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022' },
      {
        'esm.mts': `import { parse, derivative, toText, simplify, compile, type Expr } from 'leibniz';\nimport { exprArb } from 'leibniz/testing';\nexport const arb = exprArb;\n${use}`,
        'cjs.cts': `import { parse, derivative, toText, simplify, compile, type Expr } from 'leibniz';\nimport { checkDerivative } from 'leibniz/testing';\nexport const check = checkDerivative;\n${use}`,
      },
      'module',
    );
  });

  it('type-check for a CommonJS project (module commonjs, node10 resolution)', () => {
    tsc(
      join(app, 'ts-commonjs'),
      { module: 'commonjs', moduleResolution: 'node10', target: 'es2022', esModuleInterop: true },
      { 'index.ts': `import { parse, derivative, toText, simplify, compile, type Expr } from 'leibniz';\n${use}` },
      'commonjs',
    );
  });
});

describe('in a browser', () => {
  it('bundles for the browser and runs with no Node built-ins at all', async () => {
    const r = await build({
      stdin: {
        contents: `import * as L from 'leibniz';
const e = L.parse('log(x^4)*sin(x^3)');
const d = L.derivative(e, 'x');
globalThis.result = {
  nodeGlobals: ['process', 'require', 'module', 'Buffer', 'global'].filter((k) => k in globalThis),
  text: L.toText(L.simplify('sin(x)^2 + cos(x)^2')),
  latex: L.toLatex(L.parse('x^2/3')),
  value: L.compile(d, ['x'])(0.7),
  module: L.moduleSource('erf(x) + gamma(x)', ['x']).includes('const L = '),
  check: L.checkDerivative(L.compile(e, ['x']), L.compile(d, ['x']), { domain: [0.5, 2] }).pass,
};`,
        resolveDir: app,
        loader: 'js',
      },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      logLevel: 'silent',
    });
    const sandbox: { result?: Record<string, unknown> } = {};
    // a fresh realm: the language's globals only (no process, require, Buffer, fs)
    runInNewContext(r.outputFiles[0]!.text, sandbox);
    const x = 0.7;
    const want = (4 / x) * Math.sin(x ** 3) + Math.log(x ** 4) * Math.cos(x ** 3) * 3 * x ** 2;
    expect(sandbox.result).toMatchObject({ nodeGlobals: [], text: '1', latex: '\\frac{x^{2}}{3}', module: true, check: true });
    expect(sandbox.result!.value as number).toBeCloseTo(want, 12);
  });

  it('stays within its size budgets, and tree-shaking leaves out what is not imported', async () => {
    const small = await bundle(['parse', 'toText'], app);
    const core = await bundle(['parse', 'derivative', 'simplify', 'toText', 'toLatex', 'evaluate', 'compile'], app);
    const all = await bundle(null, app);
    expect(core.gzipped).toBeLessThanOrEqual(BUDGETS.core);
    expect(all.gzipped).toBeLessThanOrEqual(BUDGETS.everything);
    // parse + toText needs neither the derivative table, the rules nor the runtime's text
    expect(small.minified).toBeLessThan(core.minified / 2);
    expect(core.minified).toBeLessThan(all.minified);
  });
});
