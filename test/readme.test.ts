// The README's examples are run: every `$ leibniz ...` line in a sh block
// against the built binary, and every `expr; //=> value` line in a ts block
// against the library.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const blocks = (lang: string): string[] =>
  [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

interface CliExample {
  command: string;
  expected: string[];
}

function cliExamples(): CliExample[] {
  const out: CliExample[] = [];
  for (const block of blocks('sh')) {
    for (const line of block.split('\n')) {
      if (line.startsWith('$ leibniz ')) out.push({ command: line.slice('$ leibniz '.length), expected: [] });
      else if (out.length > 0 && line !== '' && block.includes('$ leibniz')) out[out.length - 1]!.expected.push(line);
    }
  }
  return out;
}

describe('README command-line examples', () => {
  const examples = cliExamples();
  it('has examples', () => expect(examples.length).toBeGreaterThan(8));
  it.each(examples.map((e) => [e.command, e]))('leibniz %s', (_, ex) => {
    const r = spawnSync('bash', ['-c', `node bin/leibniz.js ${ex.command}`], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).toBe('');
    expect(r.stdout.trimEnd().split('\n')).toEqual(ex.expected);
  });
});

describe('README library examples', () => {
  const ts = blocks('ts');
  it('has examples', () => expect(ts.length).toBeGreaterThan(3));
  it.each(ts.map((b, i) => [i + 1, b]))('block %i', (_, block) => {
    const checks: Array<{ src: string; got: unknown; want: unknown }> = [];
    const body = block
      .split('\n')
      .filter((l) => !l.startsWith('import '))
      .map((l) => {
        const m = /^(.*?);\s*\/\/=>\s*(.*)$/.exec(l);
        return m ? `check(${JSON.stringify(m[1])}, () => (${m[1]}), ${m[2]});` : l;
      })
      .join('\n');
    const check = (src: string, got: () => unknown, want: unknown): void => {
      checks.push({ src, got: got(), want });
    };
    new Function('lib', 'check', `const { ${Object.keys(lib).join(', ')} } = lib;\n${body}`)(lib, check);
    expect(checks.length).toBeGreaterThan(0);
    for (const c of checks) expect({ src: c.src, value: c.got }).toEqual({ src: c.src, value: c.want });
  });
});

describe('README user test file', () => {
  it('is test/user-kit.test.ts, with the package names for the import paths', () => {
    const shown = blocks('typescript');
    expect(shown).toHaveLength(1);
    const file = readFileSync(`${root}test/user-kit.test.ts`, 'utf8')
      .split('\n')
      .slice(2)
      .join('\n')
      .replace("'../src/testing/index.js'", "'leibniz/testing'")
      .replace("'../src/index.js'", "'leibniz'");
    expect(shown[0]!.trimEnd()).toBe(file.trimEnd());
  });
});
