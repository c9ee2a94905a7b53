// `npm run bench` (after the build): the derivative + simplify benchmark
// against math.js, the compile benchmark (bench/compile.js, when present),
// the browser bundle sizes (bench/bundle.js), the heap a derivative leaves
// behind (bench/memory.js) and the CLI's startup time.
// Each section prints its own report.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const section = (title) => console.log(`\n${'='.repeat(78)}\n${title}\n${'='.repeat(78)}`);

/** Wall time of a command, as a user sees it: median of `runs` runs after one warm-up run. */
function wallTime(args, runs) {
  const once = () => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    return { ms: performance.now() - t, r };
  };
  const first = once();
  const times = [];
  for (let i = 0; i < runs; i++) times.push(once().ms);
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], first };
}

async function cliStartup() {
  const bin = here('../bin/leibniz.js');
  if (!existsSync(bin)) {
    console.log('bin/leibniz.js does not exist yet: skipped.');
    return null;
  }
  const runs = 7;
  const base = wallTime(['-e', '0'], runs);
  const cli = wallTime([bin, 'diff', 'x^2'], runs);
  const out = cli.first.r;
  const shown = (out.stdout || out.stderr).trim().split('\n')[0];
  console.log(`leibniz diff 'x^2'  -> ${shown}${out.status !== 0 ? `   (exit status ${out.status})` : ''}`);
  console.log(
    `wall time, median of ${runs}: ${cli.median.toFixed(0)} ms (min ${cli.min.toFixed(0)} ms); ` +
      `bare \`node -e 0\`: ${base.median.toFixed(0)} ms, so leibniz adds ${(cli.median - base.median).toFixed(0)} ms`,
  );
  return { ms: cli.median, nodeMs: base.median, status: out.status };
}

const summary = {};

section('Derivatives and simplification (bench/simplify.js)');
summary.simplify = await (await import('./simplify.js')).run();

section('Against Maxima and Giac (bench/cas.js; skipped where they are not installed)');
summary.cas = await (await import('./cas.js')).run();

section('Compiled functions (bench/compile.js)');
if (existsSync(here('./compile.js'))) {
  const mod = await import('./compile.js');
  summary.compile = await mod.run();
} else {
  console.log('bench/compile.js does not exist yet: skipped.');
}

section('Machine-learning losses: compiled value + gradient against hand-written JS (bench/ml.js)');
summary.ml = await (await import('./ml.js')).run();

section('Browser bundle sizes (bench/bundle.js)');
summary.bundle = await (await import('./bundle.js')).run();

section('Memory: heap left per derivative once its result is dropped (bench/memory.js)');
{
  // A process of its own: it needs --expose-gc, and a clean heap to measure.
  const r = spawnSync(process.execPath, ['--expose-gc', here('./memory.js')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(r.stdout);
  if (r.status !== 0) console.log(`bench/memory.js failed (exit status ${r.status})`);
}

section('CLI startup');
summary.cli = await cliStartup();

const t = summary.simplify?.totals;
if (t?.speedFresh !== undefined) {
  section('Summary');
  console.log(
    `derivative + simplify vs math.js: ${t.speedFresh.toFixed(0)}x faster (target >= 100x), ` +
      `output cost ratio ${t.costRatio.toFixed(3)} (target <= 1.0, goal <= 0.94), over ${t.items} derivatives`,
  );
  if (summary.cli) console.log(`CLI startup: ${summary.cli.ms.toFixed(0)} ms wall`);
}
