// A driver for profiling one case of bench/cas.js on its own, on fresh
// renamed copies (no memo helps), after warm-up passes:
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile.js corpus|product|sum|arm [passes]
//   node bench/profile.js --self /tmp/prof/X.cpuprofile   (self time per function, top 40)
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { renamed } from './cas.js';
import { ITEMS } from './corpus.js';
import { loadLeibniz } from './leibniz.js';
import { armSources } from './scale-cases.js';

/** Self time per function (ms), summed over a .cpuprofile. */
export function selfTimes(file, top = 40) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = p.timeDeltas;
  for (let i = 0; i < p.samples.length; i++) {
    const n = byId.get(p.samples[i]);
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.replace(/.*\/dist\//, '')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((s, x) => s + x, 0);
  return { total, rows: [...self].sort((a, b) => b[1] - a[1]).slice(0, top) };
}

async function main() {
  const [what = 'corpus', passesArg] = process.argv.slice(2);
  if (what === '--self') {
    const { total, rows } = selfTimes(passesArg);
    console.log(`total ${total.toFixed(0)} ms`);
    for (const [k, ms] of rows) console.log(`${ms.toFixed(1).padStart(9)} ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`);
    return;
  }
  const L = await loadLeibniz();
  const arm = armSources(12);
  const product = Array.from({ length: 60 }, (_, i) => `(x + ${i + 1})`).join('*');
  const sum = Array.from({ length: 1000 }, (_, k) => `sin(${k + 1}*x)*exp(-x/${k + 1})`).join(' + ');
  const cases = {
    corpus: () => ITEMS.map((it) => renamed(L, it.entry.src, it.wrt)),
    product: () => [renamed(L, product, 'x')],
    sum: () => [renamed(L, sum, 'x')],
    arm: () => arm.qs.flatMap((q) => [renamed(L, arm.x, q), renamed(L, arm.y, q)]),
  };
  const items = cases[what]();
  const passes = Number(passesArg ?? (what === 'corpus' ? 40 : 10));
  const copies = (tag) =>
    items.map((it) => {
      const t = L.build.replaceSymbols(L.parse(it.text), (n) => (n === 'pi' || n === 'e' ? undefined : L.build.sym(`${n}_${tag}`)));
      return { e: t, wrt: `${it.wrt}_${tag}` };
    });
  for (let w = 0; w < 2; w++) for (const c of copies(`w${w}`)) L.derivative(c.e, c.wrt);
  const sets = Array.from({ length: passes }, (_, r) => copies(`r${r}`));
  const t = performance.now();
  const cpu = process.cpuUsage();
  for (const set of sets) for (const c of set) L.derivative(c.e, c.wrt);
  const used = process.cpuUsage(cpu);
  const wall = (performance.now() - t) / passes;
  // CPU time is the steadier figure on a loaded machine (wall time counts waiting for a core).
  const cpuMs = (used.user + used.system) / 1000 / passes;
  console.log(`${what}: ${wall.toFixed(2)} ms wall, ${cpuMs.toFixed(2)} ms CPU per pass (${passes} passes)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
