// Memory: heap and distinct nodes after many corpus passes on fresh (renamed)
// inputs. Nodes are interned for the life of the process, so memory grows with
// every distinct node ever built; this measures by how much.
// Run after the build: node --expose-gc bench/memory.js
import { ITEMS } from './corpus.js';
import { loadLeibniz } from './leibniz.js';
const L = await loadLeibniz();
const { nodeCount } = await import('../dist/core/expr.js');
const rename = (e, vars, tag) => {
  const memo = new Map();
  for (const n of L.postorder(e)) {
    let out;
    if (n.kind === 'sym') out = vars.has(n.name) ? L.build.sym(`${n.name}_${tag}`) : n;
    else if (n.kind === 'num') out = n;
    else out = L.build.rebuild(n, (n.kind === 'pow' ? [n.base, n.exp] : n.args).map((k) => memo.get(k.id)));
    memo.set(n.id, out);
  }
  return memo.get(e.id);
};
const items = ITEMS.map((it) => { const lin = L.parse(it.entry.src); return { ...it, lin, vars: new Set(L.freeSymbols(lin)) }; });
for (let p = 0; p <= 200; p++) {
  items.forEach((it) => L.derivative(rename(it.lin, it.vars, `p${p}`), `${it.wrt}_p${p}`));
  if (p % 50 === 0) { globalThis.gc(); console.log(`after ${p + 1} passes (${(p + 1) * items.length} derivatives): ${nodeCount()} nodes, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`); }
}
