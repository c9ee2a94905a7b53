// Determinism (issue 11): simplify(e) and derivative(e, x) give the same
// answer whatever ran before in the process. Random sequences of calls over
// corpus inputs (first to third derivatives, products and quotients of two
// entries: large enough to use up the simplifier's allowance) and random
// expressions run here, one after another with no reset in between; each
// answer is compared with the answer to that question in a fresh state: a
// worker thread of its own, holding a fresh module instance of the built
// library (dist/), that answers that one question and nothing else.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, ITEMS } from '../bench/corpus.js';
import * as L from '../src/index.js';
import { exprArb } from '../src/testing/arbitraries.js';

const ROOT = join(__dirname, '..');

interface Question {
  readonly op: 'simplify' | 'derivative';
  readonly src: string;
  readonly wrt?: string;
  readonly order?: number;
}

// One definition of an answer, run here and in the fresh workers alike (as text).
const ANSWER = `(L, q) => {
  try {
    return L.toText(q.op === 'derivative' ? L.derivative(q.src, q.wrt, q.order) : L.simplify(q.src));
  } catch (e) {
    return 'error: ' + (e && e.message);
  }
}`;
const answer = (0, eval)(ANSWER) as (lib: typeof L, q: Question) => string;
const key = (q: Question): string => JSON.stringify(q);

function questions(): Question[] {
  const qs: Question[] = [];
  // Corpus derivatives of orders 1 to 3 (one order of every seventh item; the CES entry in all).
  ITEMS.forEach((it, i) => {
    const all = it.entry.name.includes('CES');
    for (const order of [1, 2, 3]) if (all || i % 7 === order) qs.push({ op: 'derivative', src: it.entry.src, wrt: it.wrt, order });
  });
  // Products and quotients of neighbouring entries, simplified and differentiated.
  for (let i = 0; i + 1 < CORPUS.length; i += 10) {
    const [a, b] = [CORPUS[i]!, CORPUS[i + 1]!];
    qs.push({ op: 'simplify', src: `(${a.src})*(${b.src})` });
    qs.push({ op: 'derivative', src: `(${a.src})/(${b.src})`, wrt: a.wrt[0]!, order: 1 });
  }
  // Random expressions (the suite's seed).
  const seed = fc.readConfigureGlobal().seed ?? 1;
  for (const e of fc.sample(exprArb({ maxDepth: 4 }), { seed, numRuns: 8 })) {
    const src = L.toText(e);
    qs.push({ op: 'simplify', src }, { op: 'derivative', src, wrt: 'x', order: 1 });
  }
  return qs;
}

/** Each question answered by a worker of its own (two at a time). */
async function freshAnswers(qs: readonly Question[]): Promise<Map<string, string>> {
  const dist = pathToFileURL(join(ROOT, 'dist', 'index.js')).href;
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(${JSON.stringify(dist)}).then((L) => parentPort.postMessage((${ANSWER})(L, workerData)));`;
  const out = new Map<string, string>();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < qs.length) {
      const q = qs[next++]!;
      const a = await new Promise<string>((resolve, reject) => {
        const w = new Worker(code, { eval: true, workerData: q });
        w.once('message', (m: string) => {
          resolve(m);
          void w.terminate();
        });
        w.once('error', reject);
      });
      out.set(key(q), a);
    }
  };
  await Promise.all([lane(), lane()]);
  return out;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (name.endsWith('.ts')) yield p;
  }
}

describe('the same question gets the same answer whatever ran before', () => {
  const pool = questions();
  let fresh: Map<string, string>;

  beforeAll(async () => {
    // The fresh answers come from dist/: a stale build would compare against old code.
    const src = join(ROOT, 'src');
    const stale = [...walk(src)].filter((f) => {
      if (f.includes(`${join('src', 'parse', 'generated')}`) || f.endsWith('.d.ts')) return false;
      const out = join(ROOT, 'dist', f.slice(src.length).replace(/\.ts$/, '.js'));
      return existsSync(out) && statSync(out).mtimeMs < statSync(f).mtimeMs;
    });
    if (stale.length > 0) throw new Error(`dist/ is older than ${stale[0]}: run \`npm run build\` first`);
    fresh = await freshAnswers(pool);
    // Results asked again as text: a fresh process must make of them what this one does
    // (not take them from a memo that says a result is its own simplification).
    const again = pool
      .filter((q) => q.op === 'derivative' && !fresh.get(key(q))!.startsWith('error'))
      .filter((_, i) => i % 5 === 0)
      .map((q): Question => ({ op: 'simplify', src: fresh.get(key(q))! }));
    for (const [k, a] of await freshAnswers(again)) fresh.set(k, a);
    pool.push(...again);
  }, 300_000);

  it('random sequences of simplify and derivative calls, each answer as in a fresh process', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(pool, { minLength: Math.ceil(pool.length / 3) }), (picks) => {
        for (const q of picks) {
          expect(answer(L, q), `${q.op} ${q.src}${q.wrt ? ` by ${q.wrt}, order ${q.order}` : ''}`).toBe(fresh.get(key(q)));
        }
      }),
      { numRuns: 8 },
    );
  });

  it('every question, asked after all the others, as in a fresh process', () => {
    for (const q of pool) expect(answer(L, q), `${q.op} ${q.src}`).toBe(fresh.get(key(q)));
  });
});
