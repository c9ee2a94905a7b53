// End to end: run the BUILT binary (node bin/leibniz.js) and check what a user
// sees: stdout, stderr, exit status. `npm test` builds first; to run this file
// alone, build with `npm run grammar && npx tsc -p tsconfig.build.json`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { evaluate as mathjs } from 'mathjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/commands.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'leibniz.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the binary; stdin is a pipe (closed after `stdin`), colour variables are cleared. */
function leibniz(args: readonly string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, LEIBNIZ_DEBUG: undefined, ...opts.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: env as NodeJS.ProcessEnv, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // the binary may exit before reading everything
    child.stdin.end(opts.stdin ?? '');
  });
}

const STACK_FRAME = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;
const ESC = '\u001b[';

beforeAll(() => {
  const dist = join(ROOT, 'dist', 'cli');
  if (!existsSync(join(dist, 'main.js'))) throw new Error('dist/cli is missing: run `npm run build` first');
  // A stale build would test old code: every src/cli file must be older than its output.
  const stale = [...walk(join(ROOT, 'src', 'cli'))].filter((src) => {
    const out = join(dist, src.slice(join(ROOT, 'src', 'cli').length).replace(/\.ts$/, '.js'));
    return !existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs;
  });
  if (stale.length > 0) throw new Error(`dist/cli is older than ${stale[0]}: run \`npm run build\` first`);
});

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

describe.concurrent('help', () => {
  it('--help lists every command, the exit statuses, and exits 0; `help` is the same', async () => {
    const r = await leibniz(['--help']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c.name} +${escape(c.summary)}$`, 'm'));
    expect(r.stdout).toMatch(/Exit status/);
    expect(r.stdout).toMatch(/^ {2}2 {3}bad input or usage/m);
    expect(await leibniz(['help'])).toEqual(r);
  });

  it('with no arguments prints the overview to stderr and exits 2', async () => {
    const r = await leibniz([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Usage/);
  });

  it.each(COMMANDS.map((c) => [c.name]))('help %s shows usage, options and examples', async (name) => {
    const a = await leibniz(['help', name]);
    expect(a.status).toBe(0);
    expect(a.stdout).toContain(`leibniz ${name}`);
    expect(a.stdout).toMatch(/^Usage$/m);
    expect(a.stdout).toMatch(/^Examples$/m);
    expect(a.stdout).toMatch(new RegExp(`^  \\$ .*leibniz ${name}`, 'm'));
    for (const o of COMMANDS.find((c) => c.name === name)!.options) expect(a.stdout).toContain(`--${o.name}`);
  });

  it('CMD --help and CMD -h are help CMD', async () => {
    const a = await leibniz(['help', 'diff']);
    expect(await leibniz(['diff', '--help'])).toEqual(a);
    expect(await leibniz(['diff', 'x', '-h'])).toEqual(a);
  });

  it('help for an unknown command is a usage error', async () => {
    const r = await leibniz(['help', 'nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'nope'/);
  });

  it('--version prints the package version', async () => {
    const r = await leibniz(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

// Every example in the help texts runs, exits as documented and prints something.
describe.concurrent('help examples', () => {
  const cases = COMMANDS.flatMap((c) => c.examples.map((ex) => ({ name: c.name, ex })));
  it.each(cases.map((c) => [`${c.name} ${c.ex.args.join(' ')}`, c]))('%s', async (_label, { name, ex }) => {
    const r = await leibniz([name, ...ex.args], { stdin: ex.stdin ? ex.stdin.map((l) => `${l}\n`).join('') : '' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(ex.status ?? 0);
    expect(r.stdout.trim()).not.toBe('');
    if (ex.stdin) expect(r.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(ex.stdin.length);
  });
});

describe.concurrent('parse', () => {
  it('prints the canonical form as text, LaTeX and JS', async () => {
    expect((await leibniz(['parse', '2x + 3x - y/2'])).stdout).toBe('5*x - y/2\n');
    expect((await leibniz(['parse', 'x^2/2', '--latex'])).stdout).toBe('\\frac{x^{2}}{2}\n');
    const js = await leibniz(['parse', 'sqrt(x) + 2^-x', '--js']);
    expect(js.status).toBe(0);
    // The JS must compute the same value: x = 4 gives 2 + 1/16.
    expect(new Function('x', `return ${js.stdout}`)(4)).toBeCloseTo(2.0625, 12);
  });

  it('an argument starting with - is an expression, not an option', async () => {
    const r = await leibniz(['parse', '-x^2']);
    expect(r).toMatchObject({ status: 0, stdout: '-x^2\n', stderr: '' });
  });

  it('`--` ends the options', async () => {
    const r = await leibniz(['parse', '--', '--x']);
    expect(r.stdout).toBe('x\n');
  });

  it('a syntax error prints the caret message on stderr and exits 2, without a stack trace', async () => {
    const r = await leibniz(['parse', '2x + * 3']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe("error: unexpected '*' after '+'; expected an expression (at column 6)");
    expect(lines[1]).toBe('  2x + * 3');
    expect(lines[2]).toBe('       ^'); // under the '*', column 6
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('an empty argument is an error too', async () => {
    const r = await leibniz(['parse', '']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/empty input/);
  });

  it('every kind of bad input: its own message and caret, the line number, status 2', async () => {
    const bad: Array<[string, RegExp]> = [
      ['sin(x', /unbalanced '\('/],
      ['x)', /unbalanced '\)'/],
      ['x +', /unexpected end of input/],
      ['x $ y', /unexpected character '\$'/],
      ['atan2(x)', /atan2/],
      ['x/0', /division by zero/],
      ['1/(2-2)', /division by zero/],
    ];
    const r = await leibniz(['parse'], { stdin: bad.map(([src]) => `${src}\n`).join('') });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const reports = r.stderr.split(/^(?=error: )/m);
    expect(reports).toHaveLength(bad.length);
    bad.forEach(([src, message], i) => {
      expect(reports[i]).toMatch(new RegExp(`^error: line ${i + 1}: `));
      expect(reports[i]).toMatch(message);
      expect(reports[i]).toContain(`\n  ${src}\n`);
      expect(reports[i]).toMatch(/\n {2}\s*\^\n$/);
    });
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('huge numbers stay symbolic instead of building a gigantic bigint', async () => {
    const r = await leibniz(['parse', '10^10^10 + 99999999^99999999']);
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeLessThan(100);
  });

  it('10,000 levels of nesting work; input beyond the size limit is a clear error', async () => {
    const deep = `${'sin('.repeat(10_000)}x${')'.repeat(10_000)}`;
    const ok = await leibniz(['parse'], { stdin: `${deep}\n` });
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim()).toBe(deep);
    const huge = await leibniz(['parse'], { stdin: `${'x+'.repeat(150_000)}x\n` });
    expect(huge.status).toBe(2);
    expect(huge.stderr).toMatch(/limit is 200000/);
  });
});

describe.concurrent('standard input', () => {
  it('one result per line, in order; blank lines and # comments are skipped', async () => {
    const r = await leibniz(['parse'], { stdin: 'x*x\n\n# a comment\n(a+b)^2\r\n1.5e-3' });
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toBe('x^2\n(a + b)^2\n3/2000\n');
  });

  it("'-' reads standard input too", async () => {
    const r = await leibniz(['parse', '-'], { stdin: 'x+x\n' });
    expect(r.stdout).toBe('2*x\n');
  });

  it('a bad line is reported with its line number; the other lines still get results; status 2', async () => {
    const r = await leibniz(['parse'], { stdin: 'x+x\n2+\ny*y\n' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('2*x\ny^2\n');
    expect(r.stderr).toMatch(/^error: line 2: unexpected end of input after '\+'/);
    expect(r.stderr).toContain('\n  2+\n    ^\n');
  });

  it('empty standard input is a usage error', async () => {
    const r = await leibniz(['parse'], { stdin: '\n# nothing\n' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no expression on standard input/);
  });
});

describe.concurrent('--json', () => {
  it('has the stable shape {command, input, variables, result: {text, latex}}', async () => {
    const r = await leibniz(['parse', 'x sin(y) + 1', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(['command', 'input', 'variables', 'result']);
    expect(j).toEqual({
      command: 'parse',
      input: 'x sin(y) + 1',
      variables: ['x', 'y'],
      result: { text: 'x*sin(y) + 1', latex: 'x \\sin\\left(y\\right) + 1' },
    });
  });

  it('prints one object per line of input, and an error object for a bad line', async () => {
    const r = await leibniz(['parse', '--json'], { stdin: 'x\n2*/3\n' });
    expect(r.status).toBe(2);
    const [ok, bad] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(ok!.result.text).toBe('x');
    expect(bad).toMatchObject({ command: 'parse', input: '2*/3', error: { type: 'ParseError', offset: 2, line: 1, column: 3 } });
    expect(bad!.error.expected).toContain('an expression');
  });
});

describe.concurrent('colour', () => {
  it('is off when not on a terminal', async () => {
    const r = await leibniz(['parse', '2+']);
    expect(r.stderr).not.toContain(ESC);
  });
  it('--color turns it on for messages, never for results', async () => {
    const bad = await leibniz(['parse', '2+', '--color']);
    expect(bad.stderr).toContain(ESC);
    const good = await leibniz(['parse', 'x+x', '--color']);
    expect(good.stdout).toBe('2*x\n');
  });
  it('NO_COLOR wins even over --color', async () => {
    const r = await leibniz(['parse', '2+', '--color'], { env: { NO_COLOR: '1' } });
    expect(r.stderr).not.toContain(ESC);
    const help = await leibniz(['--help', '--color'], { env: { NO_COLOR: '1' } });
    expect(help.stdout).not.toContain(ESC);
  });
});

// On a terminal: `script` runs the binary under a pseudo-terminal (util-linux; skipped where it is missing).
const SCRIPT = ['/usr/bin/script', '/bin/script'].find((p) => existsSync(p));

function onTerminal(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(SCRIPT!, ['-qec', quoted, '/dev/null'], { env: { ...process.env, NO_COLOR: undefined, TERM: 'xterm', ...env } as NodeJS.ProcessEnv });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr: '' }));
    child.stdin.end();
  });
}

describe.concurrent.skipIf(!SCRIPT)('on a terminal', () => {
  it('errors are coloured; results are not', async () => {
    const bad = await onTerminal(['parse', '2+']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toContain(`${ESC}31m`);
    const good = await onTerminal(['parse', 'x+x']);
    expect(good.stdout).toBe('2*x\r\n');
  });
  it('NO_COLOR turns colour off, and so does --no-color', async () => {
    expect((await onTerminal(['parse', '2+'], { NO_COLOR: '1' })).stdout).not.toContain(ESC);
    expect((await onTerminal(['parse', '2+', '--no-color'])).stdout).not.toContain(ESC);
  });
  it('with no expression and standard input on a terminal, it says what is missing instead of waiting', async () => {
    const r = await onTerminal(['diff']);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/missing EXPR/);
  });
});

describe.concurrent('hostile input through the binary', () => {
  it('a few hundred random lines: one JSON object per line, only leibniz errors, never an internal one', async () => {
    const chars = [...'0123456789xyz+-*/^()|!,.\' \tsincoexplgqrtabθπα×·÷−_?=;[]{}<>#$\u001b\u0007\u202e'];
    const term = fc.constantFrom('x', '2x', 'sin(x)', 'x^2', 'exp(-x)', 'log(x)', '|x|', 'y', 'pi', '3');
    const line = fc.oneof(
      fc.string({ unit: fc.constantFrom(...chars), maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.tuple(term, fc.constantFrom('+', '*', '-', '/', '^', ' '), term).map(([a, op, b]) => `${a} ${op} ${b}`),
    );
    const lines = fc
      .sample(line, { numRuns: 300, seed: fc.readConfigureGlobal().seed ?? 1 })
      .map((l) => l.replace(/[\r\n\u2028\u2029\u0085\u000b\u000c\u001c-\u001e]/g, ' '));
    const r = await leibniz(['diff', '--wrt', 'x', '--json'], { stdin: lines.map((l) => `${l}\n`).join('') });
    const kept = lines.map((l) => l.replace(/^\uFEFF/, '').trim()).filter((l) => l !== '' && !l.startsWith('#'));
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(out.map((o) => o.input)).toEqual(kept);
    for (const o of out) {
      if (o.error) expect(['ParseError', 'MathError', 'UsageError', 'InputError']).toContain(o.error.type);
      else expect(typeof o.result.text).toBe('string');
    }
    expect(out.filter((o) => o.error).length).toBeGreaterThan(50); // both kinds of line occur
    expect(out.filter((o) => !o.error).length).toBeGreaterThan(50);
    expect([0, 2]).toContain(r.status);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/); // echoed input is made visible
  });
});

describe.concurrent('pipes', () => {
  it('a reader that stops early (| head) ends leibniz quietly', async () => {
    const child = spawn(process.execPath, [BIN, 'parse'], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.on('error', () => {});
    child.stdin.end('x+x\n'.repeat(200_000));
    const status = await new Promise((resolve) => child.on('close', resolve));
    expect(status).toBe(0);
    expect(stderr).toBe('');
  });
});

describe.concurrent('usage errors exit 2 with a pointer to the help', () => {
  it.each([
    [['parse', 'x', '--frobnicate'], /unknown option --frobnicate/],
    [['parse', 'x', '--jsno'], /unknown option --jsno; did you mean --json\?/],
    [['parse', 'x', '--jsn'], /unknown option --jsn; did you mean --js or --json\?/],
    [['prase', 'x'], /unknown command 'prase'; did you mean 'parse'\?/],
    [['x^2'], /'x\^2' is not a command/],
    [['parse', 'x', 'y'], /expected one expression, got 2 arguments.*leibniz parse 'x y'/],
    [['parse', 'x', '--latex', '--json'], /choose one output format/],
    [['parse', 'x', '--json=1'], /--json takes no value/],
  ])('%j', async (args, message) => {
    const r = await leibniz(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Run 'leibniz (help \w+|--help)' for usage/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });
});


// Results are checked against formulas written here by hand, evaluated by an
// independent engine (math.js), at points chosen here: not by leibniz itself.
const POINTS = [-2.3, -0.7, 0.4, 1.3, 2.9];

function agrees(text: string, truth: (x: number) => number, at: readonly number[] = POINTS, name = 'x'): void {
  for (const x of at) {
    const got = mathjs(text.trim(), { [name]: x }) as number;
    expect(got, `${text} at ${name} = ${x}`).toBeCloseTo(truth(x), 9);
  }
}

function agrees2(text: string, truth: (x: number, y: number) => number): void {
  for (const [x, y] of [[0.3, -1.2], [1.7, 0.9], [-2.1, 2.4]] as const) {
    expect(mathjs(text.trim(), { x, y }) as number, `${text} at (${x}, ${y})`).toBeCloseTo(truth(x, y), 9);
  }
}

describe.concurrent('diff', () => {
  it('differentiates and simplifies', async () => {
    const r = await leibniz(['diff', 'x^2*sin(x)']);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    agrees(r.stdout, (x) => 2 * x * Math.sin(x) + x * x * Math.cos(x));
  });

  it('--wrt picks the variable; --order differentiates n times', async () => {
    const y = await leibniz(['diff', 'x^3*y^2 + y', '--wrt', 'y']);
    agrees2(y.stdout, (x, y) => 2 * x ** 3 * y + 1);
    const four = await leibniz(['diff', 'x^5', '--order', '4']);
    agrees(four.stdout, (x) => 120 * x);
  });

  it('the 100000th derivative of sin(x) is sin(x), at once', async () => {
    const r = await leibniz(['diff', 'sin(x)', '--order', '100000']);
    expect(r.stdout).toBe('sin(x)\n');
  });

  it('an n-th derivative that explodes stops early with the sizes, instead of running for minutes', async () => {
    const r = await leibniz(['diff', 'exp(x^2)', '--order', '1000']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: stopped at order \d+ of 1000: the derivative of order \d+ already has [\d,]+ nodes when written out/);
    const poly = await leibniz(['diff', 'x^100 + x', '--order', '1000']);
    expect(poly.stdout).toBe('0\n');
  });

  it('undefined functions get the chain rule with primes', async () => {
    expect((await leibniz(['diff', 'f(g(x))'])).stdout).toBe("f'(g(x))*g'(x)\n");
  });

  it('a constant has derivative 0', async () => {
    expect((await leibniz(['diff', 'pi^2 + 3'])).stdout).toBe('0\n');
  });

  it('without --wrt, several variables are an error that lists them', async () => {
    const r = await leibniz(['diff', 'x*y + z']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/has 3 variables \(x, y, z\); say which with --wrt/);
  });

  it.each([
    [['--wrt', 'pi'], /'pi' is a constant/],
    [['--wrt', 'x+1'], /--wrt needs a variable name/],
    [['--order', '-1'], /--order must be from 0 to 1000000/],
    [['--order', '1.5'], /--order needs a whole number/],
    [['--order'], /--order needs a value/],
    [['--wrt', 'x', '--wrt', 'y'], /--wrt is given twice/],
  ])('bad options %j are usage errors', async (opts, message) => {
    const r = await leibniz(['diff', 'x^2', ...opts]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('--latex, --js and --json', async () => {
    const latex = await leibniz(['diff', 'sqrt(x)/x', '--latex']);
    expect(latex.stdout).toMatch(/\\frac/);
    expect(balanced(latex.stdout)).toBe(true);
    const js = await leibniz(['diff', 'x^3*exp(x)', '--js']);
    const f = new Function('x', `return ${js.stdout}`) as (x: number) => number;
    for (const x of POINTS) expect(f(x)).toBeCloseTo((3 * x * x + x ** 3) * Math.exp(x), 9);
    const json = JSON.parse((await leibniz(['diff', 'x*y', '--wrt', 'y', '--json'])).stdout) as Record<string, any>;
    expect(Object.keys(json)).toEqual(['command', 'input', 'variables', 'result', 'wrt', 'order']);
    expect(json).toMatchObject({ command: 'diff', input: 'x*y', variables: ['x', 'y'], result: { text: 'x', latex: 'x' }, wrt: 'y', order: 1 });
  });

  it('derivatives of a file of expressions, one per line', async () => {
    const r = await leibniz(['diff'], { stdin: 'x^2\nexp(2x)\nlog(x)\n' });
    const [a, b, c] = r.stdout.trim().split('\n');
    agrees(a!, (x) => 2 * x);
    agrees(b!, (x) => 2 * Math.exp(2 * x));
    agrees(c!, (x) => 1 / x, [0.4, 1.3, 2.9]);
  });

  it('a result too large to print is refused with the sizes, not printed for minutes', async () => {
    const deep = `${'sin('.repeat(1500)}x${')'.repeat(1500)}`;
    const r = await leibniz(['diff'], { stdin: deep });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/too large to print: 1,127,251 nodes when written out \(3,001 distinct, shared\); the limit is 1,000,000/);
  });
});

describe.concurrent('grad, jacobian, hessian, taylor', () => {
  it('grad: one labelled line per variable, in --vars order', async () => {
    const r = await leibniz(['grad', 'x^2*y + y^3', '--vars', 'y,x']);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(' = ')[0])).toEqual(['d/dy', 'd/dx']);
    agrees2(lines[0]!.split(' = ')[1]!, (x, y) => x * x + 3 * y * y);
    agrees2(lines[1]!.split(' = ')[1]!, (x, y) => 2 * x * y);
  });

  it('grad --json: result text and latex are arrays, vars in order', async () => {
    const j = JSON.parse((await leibniz(['grad', 'sin(x1)*cos(x2)', '--json'])).stdout) as Record<string, any>;
    expect(j).toMatchObject({ command: 'grad', variables: ['x1', 'x2'], vars: ['x1', 'x2'] });
    expect(j.result.text).toHaveLength(2);
    expect(j.result.latex).toHaveLength(2);
    const [d1, d2] = j.result.text as string[];
    for (const [x1, x2] of [[0.3, 1.1], [-1.4, 2.2]] as const) {
      expect(mathjs(d1!, { x1, x2 })).toBeCloseTo(Math.cos(x1) * Math.cos(x2), 12);
      expect(mathjs(d2!, { x1, x2 })).toBeCloseTo(-Math.sin(x1) * Math.sin(x2), 12);
    }
  });

  it('jacobian: one row per expression, from arguments or from stdin lines', async () => {
    const r = await leibniz(['jacobian', 'r*cos(t)', 'r*sin(t)', '--vars', 'r,t', '--js']);
    const J = new Function('r', 't', `return ${r.stdout}`)(2, 0.5) as number[][];
    expect(J[0]![0]).toBeCloseTo(Math.cos(0.5), 12);
    expect(J[0]![1]).toBeCloseTo(-2 * Math.sin(0.5), 12);
    expect(J[1]![0]).toBeCloseTo(Math.sin(0.5), 12);
    expect(J[1]![1]).toBeCloseTo(2 * Math.cos(0.5), 12);
    const piped = await leibniz(['jacobian', '--vars', 'x,y'], { stdin: 'x*y\nx + y\n' });
    expect(piped.stdout.trim().split('\n')).toHaveLength(2);
    expect(piped.stdout.trim().split('\n')[1]).toBe('[1, 1]');
  });

  it('jacobian: a bad expression is named by its position', async () => {
    const r = await leibniz(['jacobian', 'x', 'x +', 'y']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/in expression 2: unexpected end of input/);
  });

  it('hessian: symmetric second derivatives', async () => {
    const r = await leibniz(['hessian', 'x^3*y + y^2', '--js']);
    const H = new Function('x', 'y', `return ${r.stdout}`)(1.5, -0.5) as number[][];
    expect(H).toHaveLength(2);
    expect(H[0]![0]).toBeCloseTo(6 * 1.5 * -0.5, 12);
    expect(H[0]![1]).toBeCloseTo(3 * 1.5 * 1.5, 12);
    expect(H[1]![0]).toBeCloseTo(3 * 1.5 * 1.5, 12);
    expect(H[1]![1]).toBeCloseTo(2, 12);
  });

  it('taylor: the seed exercise T5 of sin(x) + cos(x) at 0', async () => {
    const r = await leibniz(['taylor', 'sin(x) + cos(x)', '--at', '0', '--order', '5']);
    expect(r.stdout.trim()).toBe('1 + x - x^2/2 - x^3/6 + x^4/24 + x^5/120'); // ascending powers
    agrees(r.stdout, (x) => 1 + x - x ** 2 / 2 - x ** 3 / 6 + x ** 4 / 24 + x ** 5 / 120);
  });

  it('taylor: about another point, in powers of (x - a)', async () => {
    const r = await leibniz(['taylor', 'log(x)', '--at', '1', '--order', '3']);
    expect(r.stdout.trim()).toBe('-1 + x - (x - 1)^2/2 + (x - 1)^3/3'); // the linear term is part of the sum
    agrees(r.stdout, (x) => x - 1 - (x - 1) ** 2 / 2 + (x - 1) ** 3 / 3);
  });

  it.each([
    [['taylor', 'log(x)'], /undefined there/],
    [['taylor', 'sin(x)', '--at', 'x + 1'], /--at 'x \+ 1' contains x itself/],
    [['taylor', 'sin(x)', '--at', '1 +'], /in --at: unexpected end of input/],
    [['taylor', 'sin(x)', '--order', '100000'], /--order must be from 0 to 1000/],
    [['grad', 'x*y', '--vars', 'x,x'], /--vars names 'x' twice/],
  ])('%j is a clear error, status 2', async (args, message) => {
    const r = await leibniz(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });
});

describe.concurrent('simplify', () => {
  it('sound rewrites', async () => {
    const r = await leibniz(['simplify'], { stdin: 'sin(x)^2 + cos(x)^2\nsqrt(x^2)\nx + x\n' });
    expect(r.stdout).toBe('1\nabs(x)\n2*x\n');
  });
  it('--trace shows the rewrites before the result', async () => {
    const r = await leibniz(['simplify', '(x^2 - 1)/(x - 1)', '--trace']);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]).toMatch(/^[\w-]+: .+ {2}=> {2}.+$/);
    agrees(lines[lines.length - 1]!, (x) => x + 1);
  });
  it('--rule adds a rule; a bad rule shows its caret', async () => {
    const ok = await leibniz(['simplify', 'f(f(x))', '--rule', 'ff: f(f(?a)) => ?a']);
    expect(ok.stdout).toBe('x\n');
    const bad = await leibniz(['simplify', 'x', '--rule', 'r: ?a + => ?a']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/in --rule: /);
    expect(bad.stderr).toMatch(/^ {2}\s*\^$/m);
  });
});

// The seed's %f (at least 6 decimals, more when two different numbers would print alike) or %e for tiny and huge values.
const NUMBER = String.raw`(?:-?\d+\.\d{6,}|-?\d\.\d+e[+-]\d{2,3})`;
const SEED_LINE = new RegExp(String.raw`^(Good|Bad|Undecided)\. numerical: ${NUMBER} analytic: ${NUMBER}, relative error: \d\.\d{6}e[+-]\d{2}( \(.+\))? {2}\[.+\]$`);

describe.concurrent('check', () => {
  it('seed-style lines, one per point and variable, and a PASS summary', async () => {
    const r = await leibniz(['check', 'sin(x)*cos(y)', '--samples', '4']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const report = lines.filter((l) => SEED_LINE.test(l));
    expect(report).toHaveLength(8);
    expect(report.every((l) => l.startsWith('Good.'))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/^PASS: leibniz's gradient: 8 of 8 checks pass/);
  });

  it('--at checks exactly the given points', async () => {
    const r = await leibniz(['check', 'x^2*y', '--at', 'x=1,y=2', '--at', 'x=pi/4, y=-1']);
    const lines = r.stdout.split('\n').filter((l) => SEED_LINE.test(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/numerical: 4\.000000 analytic: 4\.000000.*\[d\/dx at x = 1, y = 2\]$/);
    expect(lines[1]).toMatch(/numerical: 1\.000000 analytic: 1\.000000.*\[d\/dy at x = 1, y = 2\]$/);
    expect(lines[2]).toContain(`at x = ${Math.PI / 4}, y = -1]`);
  });

  it("a wrong claimed gradient fails with status 1: the seed's fudge term at x = 0.1", async () => {
    const fudge = '4/x*sin(x^3) + 3x^2*log(x^4)*cos(x^3) + 1/(x^4 + 0.0001)';
    const r = await leibniz(['check', 'log(x^4)*sin(x^3)', '--grad', fudge, '--at', 'x=0.1']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('Good.'))).toHaveLength(1); // leibniz's own derivative
    expect(lines.find((l) => l.startsWith('Bad.'))).toMatch(/analytic: 4999\.76\d+, relative error: 1\.0{6}e\+00/);
    expect(lines[lines.length - 1]).toMatch(/^FAIL: .*claimed gradient: 1 of 1 checks FAIL/);
  });

  it("issue 10: the notebook's Gaussian at 42 is found by widening the sample, and the wrong claim fails there", async () => {
    const r = await leibniz(['check', 'exp(-(x-42)^2/18)', '--grad', 'exp(-9/2*(x-42)^2)*(-1/9)*(x-42)']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^FAIL: leibniz's gradient: (\d+) of \1 checks pass.*claimed gradient: \d+ of \d+ checks FAIL.*sampled up to \[-100, 100\]/);
    expect(lines.some((l) => / 0\.000000 .* 0\.000000/.test(l))).toBe(false); // no comparison of two underflowed zeros
  });

  it('a check without evidence is INCONCLUSIVE with the reason, status 3', async () => {
    const r = await leibniz(['check', 'exp(-9/2*(x-42)^2)', '--domain', '-10,10']);
    expect(r.status).toBe(3);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^INCONCLUSIVE: leibniz's gradient: inconclusive: at every point f and the derivative are 0 \(or underflow to 0\)/);
    const zero = await leibniz(['check', 'x^2', '--at', 'x=0']);
    expect(zero.status).toBe(3);
    expect(zero.stdout).toMatch(/^Undecided\. numerical: 0\.000000 analytic: 0\.000000, .*\(undecided: the derivative is 0 within the error/m);
  });

  it("issue 10: log(1 + exp(-x*y)) passes: rounding noise at 1e-15 is not read as a mismatch", async () => {
    const r = await leibniz(['check', 'log(1 + exp(-x*y))', '--samples', '100']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/^Bad\./m);
  });

  it('--let holds parameters fixed and only --vars are checked; --domain x=LO,HI samples that variable there', async () => {
    const r = await leibniz(['check', 'exp(-(x - u)^2/(2*s^2))', '--vars', 'x', '--let', 's=3,u=42', '--at', 'x=40']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^leibniz's gradient of exp\(-\(x - u\)\^2\/\(2\*s\^2\)\) with s = 3, u = 42 held fixed/);
    expect(r.stdout.split('\n').filter((l) => SEED_LINE.test(l))).toHaveLength(1);
    const d = await leibniz(['check', 'x*y', '--domain', 'x=36,48', '--domain', 'y=-1,0', '--samples', '5', '--json']);
    const j = JSON.parse(d.stdout) as { verdict: string; derivative: { checks: Array<{ point: { x: number; y: number } }> } };
    expect(j.verdict).toBe('pass');
    for (const c of j.derivative.checks) {
      expect(c.point.x).toBeGreaterThanOrEqual(36);
      expect(c.point.x).toBeLessThan(48);
      expect(c.point.y).toBeLessThan(0);
    }
    const old = await leibniz(['check', 'x*y', '--domain', '1,2', '--samples', '2', '--json']);
    for (const c of (JSON.parse(old.stdout) as typeof j).derivative.checks) expect(c.point.y).toBeGreaterThanOrEqual(1);
  });

  it('a point outside the domain, or a value that is not a finite number, is bad input (status 2), not a verdict', async () => {
    const pole = await leibniz(['check', '1/x', '--at', 'x=0']);
    expect(pole.status).toBe(2);
    expect(pole.stderr).toMatch(/x = 0 is outside the domain of 1\/x/);
    expect(pole.stdout).toBe('');
    const edge = await leibniz(['check', 'sqrt(x)', '--at', 'x=0']);
    expect(edge.status).toBe(2);
    expect(edge.stderr).toMatch(/not differentiable in x/);
    const huge = await leibniz(['check', 'x^2', '--at', 'x=1e400']);
    expect(huge.status).toBe(2);
    expect(huge.stderr).toMatch(/'1e400' is not a finite number/);
  });

  it('a right claimed gradient passes', async () => {
    const r = await leibniz(['check', 'x^2*y', '--grad', '2*x*y', 'x^2', '--samples', '3']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/PASS: leibniz's gradient: 6 of 6 checks pass.*claimed gradient: 6 of 6 checks pass/);
  });

  it('--json: passed, tolerance and every comparison', async () => {
    const j = JSON.parse((await leibniz(['check', 'x^3', '--grad', '3x^3', '--at', 'x=2', '--json'])).stdout) as Record<string, any>;
    expect(j).toMatchObject({ command: 'check', input: 'x^3', variables: ['x'], passed: false, tolerance: 1e-7 });
    expect(j.result.text).toHaveLength(1);
    expect(j.derivative.checks[0]).toMatchObject({ variable: 'x', point: { x: 2 }, passed: true });
    expect(j.derivative.checks[0].analytic).toBeCloseTo(12, 12);
    expect(j.claimed.checks[0]).toMatchObject({ passed: false, analytic: 24 });
  });

  it.each([
    [['check', 'x*y', '--grad', 'y'], /--grad gives 1 derivative for 2 variables \(x, y\)/],
    [['check', 'x*y', '--at', 'x=1'], /--at gives no value for y/],
    [['check', 'x*y', '--at', 'x=1,y=2,z=3'], /--at gives z, which is not among the variables/],
    [['check', 'x*y', '--at', 'x=1,y=2', '--samples', '3'], /cannot be combined/],
    [['check', '2+3'], /nothing to check/],
    [['check', 'x', '--at', 'x=y'], /--at needs a number, but 'y' has the variable y/],
    [['check', 'x', '--tolerance', '-1'], /--tolerance must be a positive number/],
    [['check', 'x', '--domain', '3,1'], /the low end 3 must be below the high end 1/],
    [['check', 'x', '--latex'], /'check' has no --latex output/],
    [['check', 'x*s', '--vars', 'x'], /s is neither checked \(--vars\) nor held fixed; give values with --let s=1/],
    [['check', 'x*s', '--vars', 'x,s', '--let', 's=1'], /s is both in --vars and in --let/],
    [['check', 'x*s', '--let', 's=1', '--at', 'x=1,s=2'], /--at gives s, which --let holds fixed/],
    [['check', 'x*y', '--domain', 'z=0,1'], /--domain gives z, which is not among the variables/],
    [['check', 'x*y', '--domain', 'x=0,1', '--domain', '0,1'], /either LO,HI for every variable or NAME=LO,HI/],
    [['check', 'x', '--let', 'y=1e999'], /'1e999' is not a finite number/],
  ])('%j is a usage error', async (args, message) => {
    const r = await leibniz(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe.concurrent('verify', () => {
  it('a right derivative: correct, status 0', async () => {
    const r = await leibniz(['verify', '1/(1 + exp(-x))', '--claimed', 'exp(-x)/(1 + exp(-x))^2']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^correct: /);
  });

  it("the seed's 5.3 slip (-1/2*s**2 for -1/(2*s**2)) is wrong, status 1, with a point that shows it", async () => {
    const f = 'exp(-(x - mu)^2/(2*s^2))';
    const r = await leibniz(['verify', f, '--wrt', 'x', '--claimed', '-(x - mu)*(-1/2*s^2)*exp(-(x - mu)^2/(2*s^2))']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^wrong: /);
    const m = /at mu = (\S+), s = (\S+), x = (\S+): claimed/.exec(r.stdout)!;
    const [mu, s, x] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const g = Math.exp(-((x - mu) ** 2) / (2 * s * s));
    const truth = (-(x - mu) / (s * s)) * g;
    const claimed = -(x - mu) * ((-1 / 2) * s * s) * g;
    expect(Math.abs(claimed - truth)).toBeGreaterThan(1e-6 * (Math.abs(claimed) + Math.abs(truth)));
  });

  it("the seed's 5.1 fudge term is wrong", async () => {
    const r = await leibniz(['verify', 'log(x^4)*sin(x^3)', '--claimed', '4/x*sin(x^3) + 3x^2*log(x^4)*cos(x^3) + 1/(x^4 + 0.0001)']);
    expect(r.status).toBe(1);
    const m = /at x = (\S+): claimed/.exec(r.stdout)!;
    const x = Number(m[1]);
    const truth = (4 / x) * Math.sin(x ** 3) + 3 * x * x * Math.log(x ** 4) * Math.cos(x ** 3);
    expect(Math.abs(1 / (x ** 4 + 0.0001))).toBeGreaterThan(1e-6 * Math.abs(truth)); // the fudge matters there
  });

  it('--json has the verdict and the counterexample', async () => {
    const j = JSON.parse((await leibniz(['verify', 'x^3', '--claimed', '3x^3', '--json'])).stdout) as Record<string, any>;
    expect(j).toMatchObject({ command: 'verify', input: 'x^3', variables: ['x'], wrt: 'x', verdict: 'wrong', claimed: { input: '3x^3', text: '3*x^3' } });
    const x = j.counterexample.point.x as number;
    expect(j.counterexample.claimed).toBeCloseTo(3 * x ** 3, 12);
    expect(j.counterexample.actual).toBeCloseTo(3 * x ** 2, 12);
    agrees(j.result.text as string, (x) => 3 * x * x);
  });

  it('needs --claimed; a bad --claimed shows its caret', async () => {
    const none = await leibniz(['verify', 'x^2']);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/--claimed DERIVATIVE is required/);
    const bad = await leibniz(['verify', 'x^2', '--claimed', '2*x)']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/in --claimed: unbalanced '\)'/);
    expect(bad.stderr).toContain('\n  2*x)\n     ^');
  });
});

describe.concurrent('compile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leibniz-cli-'));
  let n = 0;
  async function load(source: string): Promise<Record<string, any>> {
    const file = join(dir, `m${n++}.mjs`);
    writeFileSync(file, source);
    return (await import(pathToFileURL(file).href)) as Record<string, any>;
  }

  it('prints a self-contained ES module exporting f, arguments in --vars order', async () => {
    const r = await leibniz(['compile', 'x^2 + sin(y)', '--vars', 'y,x']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/^import /m);
    expect(r.stdout).toContain('// Variables: v0 = y, v1 = x');
    const m = await load(r.stdout);
    expect(m.f(0.5, 3)).toBeCloseTo(9 + Math.sin(0.5), 14);
  });

  it('--grad also exports grad(out, ...args), which writes the gradient and returns the value', async () => {
    const r = await leibniz(['compile', 'log(1 + exp(w*x + b))', '--vars', 'w,b,x', '--grad']);
    const m = await load(r.stdout);
    const out = new Float64Array(3);
    const [w, b, x] = [0.7, -0.2, 1.9];
    const s = 1 / (1 + Math.exp(-(w * x + b)));
    expect(m.grad(out, w, b, x)).toBeCloseTo(Math.log(1 + Math.exp(w * x + b)), 13);
    expect([...out].map((v) => Number(v.toFixed(12)))).toEqual([x * s, s, w * s].map((v) => Number(v.toFixed(12))));
  });

  it('special functions come with their own runtime, no imports', async () => {
    const r = await leibniz(['compile', 'erf(x) + gamma(x)']);
    expect(r.stdout).not.toMatch(/^import /m);
    const m = await load(r.stdout);
    expect(m.f(0.5)).toBeCloseTo(0.5204998778130465 + 1.772453850905516, 12);
  });

  it('accepts one expression only, and a variable list that covers the expression', async () => {
    const two = await leibniz(['compile'], { stdin: 'x\ny\n' });
    expect(two.status).toBe(2);
    expect(two.stderr).toMatch(/expected one expression on standard input, got 2 lines/);
    const missing = await leibniz(['compile', 'x*y', '--vars', 'x']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/'y'/);
  });
});

/** Braces and \left/\right pairs balance. */
function balanced(latex: string): boolean {
  let depth = 0;
  for (const ch of latex.replace(/\\[{}]/g, '')) {
    if (ch === '{') depth++;
    if (ch === '}' && --depth < 0) return false;
  }
  return depth === 0 && (latex.match(/\\left/g) ?? []).length === (latex.match(/\\right/g) ?? []).length;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
