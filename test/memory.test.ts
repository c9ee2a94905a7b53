// Bounded memory (issue 11): a long-running process differentiates forever in
// bounded memory, by default. Nodes nobody holds, and their memo entries, are
// reclaimed. Heap is measured in a child process of its own (node
// --expose-gc, the built library in dist/) by bench/memory.js: bytes, not
// time, after repeated full collections.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { derivative, isBuilt, parse, simplify, toText } from '../src/index.js';
import { WeakValueMap } from '../src/core/weak.js';

const ROOT = join(__dirname, '..');

/** The stated figure (README): under 1 KB per fresh derivative once its result is dropped. */
const BYTES_PER_DERIVATIVE = 1024;

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (name.endsWith('.ts')) yield p;
  }
}

function staleBuild(): string | undefined {
  const src = join(ROOT, 'src');
  return [...walk(src)].find((f) => {
    if (f.includes(join('src', 'parse', 'generated')) || f.endsWith('.d.ts')) return false;
    const out = join(ROOT, 'dist', f.slice(src.length).replace(/\.ts$/, '.js'));
    return !existsSync(out) || statSync(out).mtimeMs < statSync(f).mtimeMs;
  });
}

describe('memory is reclaimed', () => {
  it(
    '20,000 fresh derivatives, simplified and printed, then dropped: under 1 KB of heap each is left',
    () => {
      const stale = staleBuild();
      if (stale) throw new Error(`dist/ is older than ${stale}: run \`npm run build\` first`);
      const r = spawnSync(process.execPath, ['--expose-gc', join(ROOT, 'bench', 'memory.js'), '--json', '20000'], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const m = JSON.parse(r.stdout) as { perDerivative: number; count: number; nodesBuilt: number; nodesInterned: number; sameAgain: boolean };
      expect(m.count).toBe(20_000);
      expect(m.perDerivative).toBeLessThan(BYTES_PER_DERIVATIVE);
      // The nodes themselves went: the intern tables hold a small fraction of all that were built.
      expect(m.nodesBuilt).toBeGreaterThan(200_000);
      expect(m.nodesInterned).toBeLessThan(m.nodesBuilt / 20);
      // Answers do not depend on what was collected: the first 50, asked again with their nodes gone, are the same.
      expect(m.sameAgain).toBe(true);
    },
    180_000,
  );

  it('a weak table finds a value while it is held, and sweeps keep it working across many inserts', () => {
    const t = new WeakValueMap<number, { k: number }>();
    const held: Array<{ k: number }> = [];
    for (let k = 0; k < 20_000; k++) {
      const v = { k };
      if (k % 7 === 0) held.push(v);
      t.set(k, v);
    }
    for (const v of held) expect(t.get(v.k)).toBe(v);
    expect(t.get(20_001)).toBeUndefined();
  });
});

describe('memos on the nodes change nothing visible', () => {
  it("a node's own keys are its fields only, and a structured clone of it is not taken for a node of this realm", () => {
    const e = simplify(derivative('sin(x)^2 + x*exp(x)', 'x'));
    for (const n of [e, parse('x + 1'), parse('f(x, 2)^y')]) {
      expect(Object.isFrozen(n)).toBe(true);
      expect(Object.keys(n).every((k) => ['id', 'kind', 'height', 'value', 'name', 'args', 'base', 'exp', 'fn', 'derivs'].includes(k))).toBe(true);
      const clone = structuredClone(n);
      expect(isBuilt(n)).toBe(true);
      expect(isBuilt(clone)).toBe(false);
      expect(toText(simplify(clone))).toBe(toText(simplify(n)));
    }
  });
});
