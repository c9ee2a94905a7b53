// The benchmark corpus is data the cost and speed targets are measured on, so
// it must be right: every entry reads the same in leibniz and in math.js (same
// value at the same point), its variables are really free in it, and its
// sampling box lies inside the formula's domain.
import { describe, expect, it } from 'vitest';
import * as math from 'mathjs';
import { CORPUS, ITEMS, type CorpusEntry } from '../bench/corpus.js';
import { evaluate } from '../bench/evaluate.js';
import { parse } from '../src/parse/parser.js';
import { freeSymbols } from '../src/core/traverse.js';

type Entry = CorpusEntry;
const corpus = CORPUS;

// Corners and centre of the sampling box (at most 2^vars corners, plus the centre).
function boxPoints(entry: Entry, vars: string[]): Record<string, number>[] {
  const range = (v: string) => entry.at?.[v] ?? [0.5, 1.5];
  const centre = Object.fromEntries(vars.map((v) => [v, (range(v)[0] + range(v)[1]) / 2]));
  const corners: Record<string, number>[] = [];
  for (let mask = 0; mask < 2 ** vars.length; mask++) {
    corners.push(Object.fromEntries(vars.map((v, i) => [v, range(v)[(mask >> i) & 1]!])));
  }
  return [centre, ...corners];
}

describe('benchmark corpus', () => {
  it('has at least 45 expressions, unique names, and one item per (expression, variable)', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(45);
    expect(new Set(corpus.map((e) => e.name)).size).toBe(corpus.length);
    expect(ITEMS.length).toBe(corpus.reduce((n, e) => n + e.wrt.length, 0));
  });

  it('covers the seed exercises and every topic the issue names', () => {
    const groups = new Set(corpus.map((e) => e.group));
    for (const g of ['seed', 'textbook', 'ml', 'physics', 'finance']) expect(groups).toContain(g);
    const gaussian = corpus.find((e) => e.src === 'exp(-(x - mu)^2/(2*sigma^2))');
    expect(gaussian?.wrt).toEqual(['x', 'mu', 'sigma']);
  });

  it('leaves an entry out of the math.js comparison only with a reason', () => {
    for (const e of corpus.filter((x) => x.mathjs === false)) expect(e.why, e.name).toMatch(/\w/);
  });

  for (const entry of corpus) {
    it(`${entry.name}: parses, its variables are free, and leibniz and math.js agree on its value`, () => {
      const e = parse(entry.src);
      const vars = freeSymbols(e);
      for (const w of entry.wrt) expect(vars, `d/d${w}`).toContain(w);
      for (const v of Object.keys(entry.at ?? {})) expect(vars, `box variable ${v}`).toContain(v);
      const node = math.parse(entry.src);
      for (const point of boxPoints(entry, vars)) {
        const ours = evaluate(e, point);
        expect(Number.isFinite(ours), `${entry.src} at ${JSON.stringify(point)}`).toBe(true);
        const theirs = node.evaluate({ ...point }) as number;
        expect(typeof theirs).toBe('number');
        expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(theirs)));
      }
    });
  }
});
