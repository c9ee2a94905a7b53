// leibniz against Maxima (diff + ratsimp) and Giac (diff), measured in the
// same run: the derivative corpus and the scale cases. Each CAS runs one
// script that differentiates every item `reps` times and times the loop
// itself (Maxima's elapsed_real_time, Giac's time), so process start-up is
// not counted; leibniz differentiates fresh copies (renamed variables, so no
// memo helps) after warm-up passes. A CAS that is not installed (Debian
// packages `maxima` and `xcas`) is skipped; nothing is downloaded.
//
// node bench/cas.js  (after npm run build)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ITEMS } from './corpus.js';
import { loadLeibniz } from './leibniz.js';
import { armSources } from './scale-cases.js';

const has = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 20_000 });
  return !r.error && r.status === 0;
};

/** One item in leibniz syntax with its variables renamed v0, v1, ... (no clash with a CAS's own names: lambda, gamma, D, C). */
export function renamed(L, src, wrt) {
  const e = noLogBase(L, L.parse(src));
  const vars = L.freeSymbols(e);
  const name = new Map(vars.map((v, i) => [v, `v${i}`]));
  const text = L.toText(L.build.replaceSymbols(e, (n) => (name.has(n) ? L.build.sym(name.get(n)) : undefined)));
  return { text, wrt: name.get(wrt) };
}

/** log(a, b) as log(a)/log(b): Maxima's log takes one argument. */
function noLogBase(L, e) {
  if (e.kind === 'num' || e.kind === 'sym') return e;
  const kids = (e.kind === 'pow' ? [e.base, e.exp] : e.args).map((k) => noLogBase(L, k));
  if (e.kind === 'call' && e.fn === 'log' && kids.length === 2) return L.build.div(L.build.call('log', kids[0]), L.build.call('log', kids[1]));
  return L.build.rebuild(e, kids);
}

const maximaSyntax = (s) => s.replace(/\bpi\b/g, '%pi').replace(/\be\b/g, '%e');

export function runMaxima(items, reps, timeoutMs = 180_000) {
  const calls = items.map((it) => `ratsimp(diff(${maximaSyntax(it.text)}, ${it.wrt}))`);
  const script = [
    'display2d:false$',
    `t0:elapsed_real_time()$`,
    `for r:1 thru ${reps} do (${calls.join(',\n  ')})$`,
    `t1:elapsed_real_time()$`,
    `print("LEIBNIZ-MS", (t1 - t0)*1000.0)$`,
    ...calls.map((c) => `print("LEIBNIZ-OUT", string(${c}))$`),
  ].join('\n');
  return runScript('maxima', ['--very-quiet', '-b'], script, '.mac', /LEIBNIZ-MS\s+([\d.e+-]+)/, timeoutMs);
}

export function runGiac(items, reps, timeoutMs = 180_000) {
  const calls = items.map((it) => `diff(${it.text}, ${it.wrt})`);
  const script = [
    `leibnizbench():={ local r; for(r:=1;r<=${reps};r++){ ${calls.join('; ')}; } return 0; };`,
    'leibnizt:=time(leibnizbench());',
    'print("LEIBNIZ-MS", leibnizt[1]*1000);',
  ].join('\n');
  // time() may repeat the call to measure it: its value is the time of one call.
  return runScript('giac', [], script, '.giac', /LEIBNIZ-MS,\s*([\d.e+-]+)/, timeoutMs);
}

function runScript(cmd, args, script, ext, pattern, timeoutMs) {
  const dir = mkdtempSync(join(tmpdir(), 'leibniz-cas-'));
  try {
    const file = join(dir, `bench${ext}`);
    writeFileSync(file, script);
    // In the temporary directory: giac writes session files where it runs.
    const r = spawnSync(cmd, [...args, file], { cwd: dir, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
    const text = `${r.stdout ?? ''}\n${r.stderr ?? ''}`; // giac prints to stderr
    const m = pattern.exec(text);
    if (!m) {
      if (r.error?.code === 'ETIMEDOUT') return { error: `over ${timeoutMs / 1000} s, stopped` };
      const why = r.error?.message || text.split('\n').filter((l) => /error|expected|incorrect|syntax/i.test(l)).join(' ') || 'no time reported';
      return { error: why.slice(0, 300) };
    }
    const outs = [...(r.stdout ?? '').matchAll(/LEIBNIZ-OUT\s+(.*)/g)].map((x) => x[1].trim());
    return { ms: Number(m[1]), outs };
  } finally {
    if (process.env.BENCH_CAS_KEEP) console.log('kept', dir); else rmSync(dir, { recursive: true, force: true });
  }
}

/** leibniz: mean ms per pass over the items, on fresh renamed copies, after warm-up passes. */
function runLeibniz(L, items, reps, warmup) {
  const copies = (tag) =>
    items.map((it) => {
      const e = L.parse(it.text);
      const t = L.build.replaceSymbols(e, (n) => (n === 'pi' || n === 'e' ? undefined : L.build.sym(`${n}_${tag}`)));
      return { e: t, wrt: `${it.wrt}_${tag}` };
    });
  for (let w = 0; w < warmup; w++) for (const c of copies(`w${w}`)) L.derivative(c.e, c.wrt);
  const sets = Array.from({ length: reps }, (_, r) => copies(`r${r}`));
  const t = performance.now();
  const outs = [];
  for (const set of sets) for (const c of set) outs.push(L.derivative(c.e, c.wrt));
  const ms = performance.now() - t;
  return { ms, cost: outs.slice(0, items.length).reduce((s, o) => s + L.cost(o), 0) };
}

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toPrecision(3));

export async function run(options = {}) {
  const quick = options.quick ?? process.env.BENCH_QUICK === '1';
  const L = await loadLeibniz();
  if (!L.derivative) {
    console.log('leibniz derivative not built: skipped.');
    return null;
  }
  const maxima = has('maxima', ['--version']);
  const giac = has('giac', ['--version']) || has('icas', ['--version']);
  if (!maxima) console.log('maxima is not installed (Debian: apt-get install maxima): its columns are skipped.');
  if (!giac) console.log('giac is not installed (Debian: apt-get install xcas): its columns are skipped.');
  const reps = quick ? 3 : 20;

  const corpus = ITEMS.map((it) => renamed(L, it.entry.src, it.wrt));
  const arm = armSources(12);
  const product = Array.from({ length: 60 }, (_, i) => `(x + ${i + 1})`).join('*');
  const sum = Array.from({ length: 1000 }, (_, k) => `sin(${k + 1}*x)*exp(-x/${k + 1})`).join(' + ');
  const cases = [
    { label: `corpus (${corpus.length} derivatives)`, items: corpus, reps },
    { label: 'product of 60 factors, d/dx', items: [renamed(L, product, 'x')], reps: Math.max(1, reps / 4) },
    { label: 'sum of 1,000 terms, d/dx', items: [renamed(L, sum, 'x')], reps: Math.max(1, reps / 4) },
    {
      label: '12-link arm Jacobian (24 derivatives)',
      items: arm.qs.flatMap((q) => [renamed(L, arm.x, q), renamed(L, arm.y, q)]),
      reps: Math.max(1, reps / 4),
    },
  ];
  console.log(`Per pass over each case (ms); Maxima = diff + ratsimp, Giac = diff; each timed inside its own loop of ${reps} (scale cases ${Math.max(1, reps / 4)}) passes.`);
  const rows = [];
  for (const c of cases) {
    const l = runLeibniz(L, c.items, c.reps, quick ? 1 : 3);
    const limit = c.items.length === 1 ? 60_000 : 180_000;
    const m = maxima ? runMaxima(c.items, c.reps, limit) : null;
    const g = giac ? runGiac(c.items, c.reps, limit) : null;
    const per = (x) => (x && x.ms !== undefined ? x.ms / c.reps : null);
    const row = { label: c.label, leibnizMs: l.ms / c.reps, maximaMs: per(m), giacMs: per(g), leibnizCost: l.cost };
    let maximaCost = null;
    if (m?.outs?.length === c.items.length) {
      try {
        maximaCost = m.outs.reduce((s, o) => s + L.cost(L.parse(o.replace(/%pi/g, 'pi').replace(/%e/g, 'e'))), 0);
      } catch {
        maximaCost = null;
      }
    }
    row.maximaCost = maximaCost;
    rows.push(row);
    const ratio = (x) => (x === null ? 'skipped' : `${fmt(x)} ms (leibniz/that ${(row.leibnizMs / x).toFixed(2)})`);
    console.log(`  ${c.label}`);
    console.log(`    leibniz ${fmt(row.leibnizMs)} ms, cost ${l.cost}${maximaCost !== null ? ` (Maxima's forms: cost ${maximaCost})` : ''}`);
    console.log(`    Maxima  ${m?.error ? `failed: ${m.error}` : ratio(row.maximaMs)}`);
    console.log(`    Giac    ${g?.error ? `failed: ${g.error}` : ratio(row.giacMs)}`);
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
