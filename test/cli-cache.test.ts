// bin/leibniz.js compiles the bundled command line from the V8 code cache the
// build made (scripts/build-cli.mjs). Whatever state that cache is in (there,
// absent, corrupt, made for another bundle or another Node, refused by V8),
// the command line must answer the same and print nothing more; only with
// LEIBNIZ_DEBUG=1 does it say why it compiled the bundle itself. Each case
// runs a copy of the built files in a temporary directory. Needs the build.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const FILES = ['package.json', 'bin/leibniz.js', 'bin/package.json', 'dist/cli/leibniz.bundle.js', 'dist/cli/leibniz.bundle.cache'];
const CACHE = 'dist/cli/leibniz.bundle.cache';
const work = mkdtempSync(join(tmpdir(), 'leibniz-cli-cache-'));
let built: Buffer;

beforeAll(() => {
  for (const f of FILES) if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  built = readFileSync(join(ROOT, CACHE));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

let copies = 0;
/** A copy of the built command line whose cache `change` rewrites (null: no cache file). */
function install(change: (cache: Buffer) => Buffer | null = (c) => c): string {
  const dir = join(work, String(copies++));
  for (const f of FILES) cpSync(join(ROOT, f), join(dir, f));
  const cache = change(Buffer.from(built));
  if (cache === null) rmSync(join(dir, CACHE));
  else writeFileSync(join(dir, CACHE), cache);
  return dir;
}

function run(dir: string, opts: { debug?: boolean; nodeArgs?: string[]; args?: string[]; stdin?: string } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LEIBNIZ_DEBUG: opts.debug ? '1' : undefined };
  const args = [...(opts.nodeArgs ?? []), join(dir, 'bin', 'leibniz.js'), ...(opts.args ?? ['diff', 'x^2*sin(x)'])];
  const r = spawnSync(process.execPath, args, { cwd: dir, env, encoding: 'utf8', input: opts.stdin ?? '' });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const ANSWER = { status: 0, signal: null, stdout: 'x*(x*cos(x) + 2*sin(x))\n', stderr: '' };
const note = (why: string) => `leibniz: the code cache is not used (${why})\n`;
const headerEnd = (c: Buffer) => c.indexOf(10) + 1;
/** The cache with one field of its header line replaced. */
const withField = (i: number, value: string) => (c: Buffer) => {
  const fields = c.toString('latin1', 0, headerEnd(c) - 1).split(' ');
  fields[i] = value;
  return Buffer.concat([Buffer.from(`${fields.join(' ')}\n`, 'latin1'), c.subarray(headerEnd(c))]);
};

describe('the code cache of the command line', () => {
  it('is used when it was built for this bundle and this Node', () => {
    const dir = install();
    expect(run(dir)).toEqual(ANSWER);
    expect(run(dir, { debug: true })).toEqual(ANSWER); // no note: the cache was taken
    // other commands and standard input, whose code the cache holds only in part
    expect(run(dir, { args: ['diff'], stdin: 'x^3\n\n# a comment\nexp(2x)\n' }).stdout).toBe('3*x^2\n2*exp(2*x)\n');
    expect(run(dir, { args: ['--version'] }).stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  const fallbacks: [string, (c: Buffer) => Buffer | null, string][] = [
    ['absent', () => null, 'none was built'],
    ['empty', () => Buffer.alloc(0), 'not a code cache'],
    ['not a cache at all', (c) => Buffer.alloc(c.length, 0x5a), 'not a code cache'],
    ['truncated', (c) => c.subarray(0, c.length >> 1), 'corrupt'],
    [
      // V8 checks no checksum of its own: these bytes, unchecked, crash it.
      'corrupt inside V8’s data',
      (c) => {
        for (let i = 0; i < 64; i++) c[headerEnd(c) + (c.length >> 1) + i]! ^= 0xff;
        return c;
      },
      'corrupt',
    ],
    [
      'corrupt in its last byte',
      (c) => {
        c[c.length - 1]! ^= 1;
        return c;
      },
      'corrupt',
    ],
    ['made for another bundle', withField(1, '0123456789abcdef0123456789abcdef'), 'made for another bundle'],
    ['made by another Node', withField(2, 'v0.0.0/0.0/x64'), 'made by Node v0.0.0/0.0/x64'],
  ];
  for (const [name, change, why] of fallbacks) {
    it(`is not used when ${name}, and leibniz answers the same`, () => {
      const dir = install(change);
      expect(run(dir)).toEqual(ANSWER);
      expect(run(dir, { debug: true })).toEqual({ ...ANSWER, stderr: note(why) });
    });
  }

  it('is refused by V8 when Node runs with other V8 flags, and leibniz answers the same', () => {
    const dir = install();
    expect(run(dir, { nodeArgs: ['--stack-size=900'] })).toEqual(ANSWER);
    expect(run(dir, { nodeArgs: ['--stack-size=900'], debug: true })).toEqual({ ...ANSWER, stderr: note('V8 refused it') });
  });

  it('is not used for a changed bundle', () => {
    const dir = install();
    const bundle = join(dir, 'dist/cli/leibniz.bundle.js');
    writeFileSync(bundle, `${readFileSync(bundle, 'utf8')}// edited\n`);
    expect(run(dir, { debug: true })).toEqual({ ...ANSWER, stderr: note('made for another bundle') });
  });

  it('a missing bundle is reported as not built', () => {
    const dir = install();
    rmSync(join(dir, 'dist/cli/leibniz.bundle.js'));
    const r = run(dir);
    expect(r.status).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('leibniz is not built yet: run `npm run build` in its directory\n');
  });

  it('a bundle of an older build (an ES module) is reported as such', () => {
    const dir = install(() => null);
    writeFileSync(join(dir, 'dist/cli/leibniz.bundle.js'), 'import { readFileSync } from "node:fs";\nexport async function main() { return 0; }\n');
    const r = run(dir);
    expect(r.status).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('leibniz was built by an older version: run `npm run build` in its directory\n');
  });
});
