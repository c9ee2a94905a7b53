// Runs math.js `derivative` on a list of (src, wrt) in a worker thread, so
// the benchmark can stop it at a time cap (math.js needs minutes on some of
// the scale inputs). Posts { ms, sizes } or { error }.
import { parentPort, workerData } from 'node:worker_threads';
import * as math from 'mathjs';

const { jobs } = workerData;
try {
  const nodes = jobs.map((j) => math.parse(j.src));
  const start = performance.now();
  const sizes = nodes.map((n, i) => math.derivative(n, jobs[i].wrt).toString().length);
  parentPort.postMessage({ ms: performance.now() - start, sizes });
} catch (e) {
  parentPort.postMessage({ error: `${e?.name ?? 'Error'}: ${e?.message ?? e}` });
}
