// End to end: run the BUILT binary (node bin/leibniz.js) and check what a user
// sees: stdout, stderr, exit status. `npm test` builds first; to run this file
// alone, build with `npm run grammar && npx tsc -p tsconfig.build.json`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  it('--help lists every command, the exit statuses, and exits 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const r = await leibniz([flag]);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c.name} +${escape(c.summary)}$`, 'm'));
      expect(r.stdout).toMatch(/Exit status/);
      expect(r.stdout).toMatch(/^ {2}2 {3}bad input or usage/m);
    }
  });

  it('with no arguments prints the overview to stderr and exits 2', async () => {
    const r = await leibniz([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Usage/);
  });

  it.each(COMMANDS.map((c) => [c.name]))('help %s shows usage, options and examples; %s --help is the same', async (name) => {
    const a = await leibniz(['help', name]);
    const b = await leibniz([name, '--help']);
    expect(a.status).toBe(0);
    expect(a.stdout).toContain(`leibniz ${name}`);
    expect(a.stdout).toMatch(/^Usage$/m);
    expect(a.stdout).toMatch(/^Examples$/m);
    expect(a.stdout).toMatch(new RegExp(`^  \\$ .*leibniz ${name}`, 'm'));
    expect(b).toEqual(a);
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

  it.each([
    ['sin(x', /unbalanced '\('/],
    ['x)', /unbalanced '\)'/],
    ['', /empty input/],
    ['x +', /unexpected end of input/],
    ['x $ y', /unexpected character '\$'/],
    ['atan2(x)', /atan2/],
    ['x/0', /division by zero/],
    ['1/(2-2)', /division by zero/],
  ])('bad input %j: message, caret, status 2', async (src, message) => {
    const r = await leibniz(['parse', src]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/^ {2}\s*\^$/m);
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

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
