// Memory: bytes of heap a derivative leaves behind once its result is
// dropped. Nodes are interned weakly and their memos live on them, so a
// process that differentiates ever new expressions stays bounded: what is
// left is the heap that grew between two measurements, each taken after
// repeated full collections (with a turn of the event loop between them, so
// WeakRef targets of the finished task can go and the intern tables be swept).
//
//   node --expose-gc bench/memory.js            both measures, as text
//   node --expose-gc bench/memory.js --json N   N fresh derivatives, as JSON (test/memory.test.ts reads it)
//
// Run after the build (it loads dist/).
import { pathToFileURL } from 'node:url';

const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;

/** Heap in use after full collections, each followed by a turn of the event loop (finalizers and sweeps run there). */
async function settledHeap() {
  for (let i = 0; i < 8; i++) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 0));
  }
  return process.memoryUsage().heapUsed;
}

/** Heap retained per derivative by `count` calls of `one(i)` (after `warm` calls that load and tune everything). */
async function retained(one, warm, count) {
  for (let i = 0; i < warm; i++) one(i);
  const before = await settledHeap();
  for (let i = warm; i < warm + count; i++) one(i);
  const after = await settledHeap();
  return { perDerivative: (after - before) / count, before, after, count };
}

/**
 * d/dx (sin(x*k) + k*x^2), simplified and printed, for fresh k: every
 * derivative builds new nodes. `sameAgain`: the first answers, asked again
 * once their nodes were collected, come out the same.
 */
export async function freshDerivatives(count = 20_000, warm = 2_000) {
  const L = await import(dist('index.js'));
  const { nodeCount, internedCount } = await import(dist('core/expr.js'));
  const answer = (k) => L.toText(L.simplify(L.derivative(`sin(x*${k}) + ${k}*x^2`, 'x')));
  const first = Array.from({ length: 50 }, (_, i) => answer(i + 1));
  const r = await retained((i) => answer(i < warm ? i + 1 : 100_000 + i), warm, count);
  const nodesInterned = internedCount();
  const sameAgain = first.every((text, i) => answer(i + 1) === text);
  return { ...r, nodesBuilt: nodeCount(), nodesInterned, sameAgain };
}

/** The corpus differentiated again and again with its variables renamed per pass (fresh nodes every time). */
export async function corpusPasses(passes = 40) {
  const { ITEMS } = await import('./corpus.js');
  const { renamed } = await import('./cas.js');
  const { loadLeibniz } = await import('./leibniz.js');
  const L = await loadLeibniz();
  const items = ITEMS.map((it) => renamed(L, it.entry.src, it.wrt));
  const copy = (it, p) => ({
    e: L.build.replaceSymbols(L.parse(it.text), (n) => (n === 'pi' || n === 'e' ? undefined : L.build.sym(`${n}_p${p}`))),
    wrt: `${it.wrt}_p${p}`,
  });
  const warm = 2;
  let p = -1;
  const r = await retained(
    () => {
      p++;
      for (const it of items) {
        const c = copy(it, p);
        L.toText(L.derivative(c.e, c.wrt));
      }
    },
    warm,
    passes,
  );
  return { ...r, perDerivative: r.perDerivative / items.length, count: passes * items.length };
}

export async function run() {
  const kb = (b) => `${(b / 1024).toFixed(2)} KB`;
  const f = await freshDerivatives();
  console.log(
    `fresh derivatives (d/dx sin(x*k) + k*x^2, simplified, printed; ${f.count.toLocaleString('en')} after a warm-up): ` +
      `${f.perDerivative.toFixed(0)} bytes retained per derivative once dropped (heap ${kb(f.before)} -> ${kb(f.after)}; ` +
      `${f.nodesBuilt.toLocaleString('en')} nodes built, ${f.nodesInterned.toLocaleString('en')} still interned)`,
  );
  const c = await corpusPasses();
  console.log(
    `corpus derivatives on fresh variable names (${c.count.toLocaleString('en')}): ${c.perDerivative.toFixed(0)} bytes retained per derivative ` +
      `(heap ${kb(c.before)} -> ${kb(c.after)})`,
  );
  return { fresh: f.perDerivative, corpus: c.perDerivative };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (typeof globalThis.gc !== 'function') {
    console.error('run with node --expose-gc bench/memory.js');
    process.exit(2);
  }
  const at = process.argv.indexOf('--json');
  if (at >= 0) console.log(JSON.stringify(await freshDerivatives(Number(process.argv[at + 1] ?? 20_000))));
  else await run();
}
