// One scale case in a worker thread, so the benchmark can stop it at a time
// cap (math.js needs minutes on some of these inputs, and a runaway in leibniz
// must be reported, not hang the run). The worker loads its library, warms the
// JIT on a small input, builds the case's input, posts { ready } (the cap
// starts then), runs the case once (timed) and posts { ms, info } or { error }.
import { parentPort, workerData } from 'node:worker_threads';

const { lib, name, params } = workerData;
const post = (m) => parentPort.postMessage(m);
const errorText = (e) => `${e?.name ?? 'Error'}: ${e?.message ?? e}`;

async function mathjsCase() {
  const math = await import('mathjs');
  for (let i = 0; i < 20; i++) math.derivative('sin(cos(x))*exp(x^2)/x', 'x');
  const nodes = params.jobs.map((j) => math.parse(j.src));
  post({ ready: true });
  const start = performance.now();
  const outs = nodes.map((n, i) => math.derivative(n, params.jobs[i].wrt));
  const ms = performance.now() - start;
  post({ ms, info: `${outs.reduce((s, o) => s + o.toString().length, 0)} characters of output` });
}

async function leibnizCase() {
  const { loadLeibniz } = await import('./leibniz.js');
  const { LEIBNIZ_CASES } = await import('./scale-cases.js');
  const L = await loadLeibniz();
  const c = LEIBNIZ_CASES[name];
  for (let i = 0; i < 20; i++) {
    const w = L.parse(`sin(cos(x_${i}))*exp(x_${i}^2)/x_${i}`);
    L.derivative(w, `x_${i}`);
    if (L.simplify) L.simplify(L.build.add(w, w));
  }
  const input = c.prepare(L, params);
  post({ ready: true });
  const start = performance.now();
  const out = c.run(L, input, params);
  const ms = performance.now() - start;
  post({ ms, info: c.describe(L, input, out) });
}

try {
  await (lib === 'mathjs' ? mathjsCase() : leibnizCase());
} catch (e) {
  post({ error: errorText(e) });
}
