// The Rubi independent test suites (Apostol, Bondarenko, Bronstein, Charlwood,
// Hearn, Hebisch, Jeffrey, Moses, Stewart, Timofeev, Welz, Wester; 1,869
// integration problems) as a measure of the simplifier on formulas nobody here
// wrote. For each problem {integrand, x, steps, antiderivative, ...} written
// only in functions leibniz has, on the BUILT library (dist/):
//   d = derivative(antiderivative, x)   (leibniz's derivative simplifies)
//   z = simplify(d - integrand)
// and it records whether z is exactly 0, cost(d) against cost(integrand)
// (leibniz's cost of the parsed integrand), the time, and any error. The other
// problems are skipped, with what leibniz lacks as the reason. Where a
// problem gives several antiderivatives the first is taken; where it chooses
// one by If[$VersionNumber < 9, ...] (5 problems), Mathematica 13's; an
// antiderivative 0 (none known: Welz 58 and 80) is a skip.
//
// The suites are not in this repository: get them from
// github.com/RuleBasedIntegration/MathematicaSyntaxTestSuite and pass the
// directory (the repository, or its folder "0 Independent test suites").
//
//   node bench/suites/rubi.js DIR [--only NAME[,NAME]] [--json out.json]
//        [--compare old.json] [--time-limit MS] [--reasons N]
//
// --json writes every problem's record (suite, index, integrand,
// antiderivative, d, z, costs, ms, error or skip reasons); --compare lists the
// problems whose zero-ness or cost(d) changed against such a file. Each call
// (derivative, simplify) has the limit --time-limit (default 10,000 ms, the
// library's default) and the default step limit; a call that exceeds it counts
// as an error, as does any other throw. The run never stops on a problem.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadLeibniz } from '../leibniz.js';
import { MathematicaSyntaxError, convert, parseMathematica, topLevelExpressions, variableName } from './mathematica.js';
import { firstLine, grouped, leibnizCommit, parseSuiteArgs, tally } from './common.js';

const SUITE_FOLDER = '0 Independent test suites';
const FILE_SUFFIX = ' Problems.m';

function usage(msg) {
  if (msg) console.error(msg);
  console.error('usage: node bench/suites/rubi.js DIR [--only NAME[,NAME]] [--json out.json] [--compare old.json] [--time-limit MS] [--reasons N]');
  process.exit(2);
}

const parseArgs = (argv) =>
  parseSuiteArgs(argv, usage, 'the directory of the test suites is missing', {
    '--only': (v, opts) => {
      opts.only = v.split(',').map((s) => s.trim().toLowerCase());
    },
  });

/** The suite files: in DIR, or in DIR/0 Independent test suites. */
export function suiteFiles(dir) {
  const inner = join(dir, SUITE_FOLDER);
  const folder = statSync(inner, { throwIfNoEntry: false })?.isDirectory() ? inner : dir;
  const files = readdirSync(folder)
    .filter((f) => f.endsWith(FILE_SUFFIX))
    .sort();
  if (files.length === 0) throw new Error(`no "*${FILE_SUFFIX}" files in ${folder}`);
  return files.map((f) => ({ suite: f.slice(0, -FILE_SUFFIX.length), path: join(folder, f) }));
}

/**
 * The problems of one suite file: { suite, index (1-based), line, src } and
 * either { integrand, antiderivative, variable } in leibniz syntax or
 * { reasons } (what leibniz lacks, or why the problem cannot be read).
 */
export function readSuite(suite, text) {
  const out = [];
  for (const { src, line } of topLevelExpressions(text)) {
    let tree;
    try {
      tree = parseMathematica(src);
    } catch (e) {
      if (!(e instanceof MathematicaSyntaxError)) throw e;
      out.push({ suite, index: out.length + 1, line, src, reasons: [`Mathematica syntax: ${e.message}`] });
      continue;
    }
    if (tree.t !== 'list') continue; // not a problem
    const p = { suite, index: out.length + 1, line, src };
    out.push(p);
    const [integrand, v, , anti] = tree.items;
    if (tree.items.length < 4 || v?.t !== 'sym') {
      p.reasons = ['not {integrand, x, steps, antiderivative}'];
      continue;
    }
    // Several antiderivatives (as a list, or as further elements): the first.
    const first = anti.t === 'list' && anti.items.length > 0 ? anti.items[0] : anti;
    const a = convert(integrand);
    const b = convert(first);
    const reasons = [...new Set([...a.reasons, ...b.reasons])].sort();
    if (reasons.length > 0) p.reasons = reasons;
    // 0 stands for an antiderivative nobody found (Welz 58 and 80, steps < 0).
    else if (b.text === '0' && a.text !== '0') p.reasons = ['no antiderivative given (0)'];
    else Object.assign(p, { integrand: a.text, antiderivative: b.text, variable: variableName(v.name) });
  }
  return out;
}

/** The message of a leibniz error without the input and caret it may show. */

/** Measures one usable problem; fills in its record. */
function measure(L, p, limits) {
  let f;
  let F;
  try {
    f = L.parse(p.integrand);
    F = L.parse(p.antiderivative);
  } catch (e) {
    p.reasons = [`leibniz refuses: ${firstLine(e).replace(/^ParseError: /, '')}`];
    return;
  }
  p.costIntegrand = L.cost(f);
  const t0 = performance.now();
  try {
    const d = L.derivative(F, p.variable, 1, limits);
    p.d = L.toText(d);
    p.costD = L.cost(d);
    const z = L.simplify(L.build.sub(d, f), limits);
    p.z = L.toText(z);
    p.zero = z === L.build.ZERO;
  } catch (e) {
    p.error = firstLine(e);
    p.zero = false;
  }
  p.ms = performance.now() - t0;
}

// ---------------------------------------------------------------- figures

/** cost(d)/cost(integrand); 0/0 is 1 and c/0 is Infinity (an integrand of cost 0: x, a constant). */
const ratioOf = (p) => (p.costIntegrand === 0 ? (p.costD === 0 ? 1 : Infinity) : p.costD / p.costIntegrand);

/** The q-quantile by nearest rank (the smallest value with at least q of them at or below it). */
function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function summarise(records) {
  const usable = records.filter((p) => !p.reasons);
  const measured = usable.filter((p) => !p.error);
  const ratios = measured.map(ratioOf).sort((a, b) => a - b);
  return {
    problems: records.length,
    usable: usable.length,
    skipped: records.length - usable.length,
    zeros: usable.filter((p) => p.zero).length,
    noLarger: measured.filter((p) => p.costD <= p.costIntegrand).length,
    medianRatio: quantile(ratios, 0.5),
    p90Ratio: quantile(ratios, 0.9),
    errors: usable.length - measured.length,
    costD: measured.reduce((s, p) => s + p.costD, 0),
    ms: usable.reduce((s, p) => s + (p.ms ?? 0), 0),
  };
}

const pct = (k, n) => (n === 0 ? '-' : `${((100 * k) / n).toFixed(1)}%`);
const fix = (x) => (Number.isFinite(x) ? x.toFixed(2) : String(x));

function table(rows) {
  const head = ['suite', 'problems', 'usable', 'skipped', 'z = 0', 'cost(d) <= cost(f)', 'median ratio', 'p90 ratio', 'errors', 'time'];
  const body = rows.map(([name, s]) => [
    name,
    grouped(s.problems),
    grouped(s.usable),
    grouped(s.skipped),
    `${grouped(s.zeros)} (${pct(s.zeros, s.usable)})`,
    `${grouped(s.noLarger)} (${pct(s.noLarger, s.usable)})`,
    fix(s.medianRatio),
    fix(s.p90Ratio),
    grouped(s.errors),
    s.ms < 1000 ? `${s.ms.toFixed(0)} ms` : `${(s.ms / 1000).toFixed(2)} s`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}


// ---------------------------------------------------------------- comparison

const key = (p) => `${p.suite} #${p.index}`;

/** The problems whose zero-ness or cost(d) differ between two runs' records (by suite and index). */
export function compareRecords(oldRecords, newRecords) {
  const before = new Map(oldRecords.map((p) => [key(p), p]));
  const out = { zeroLost: [], zeroGained: [], costWorse: [], costBetter: [], changedStatus: [], differentProblem: [] };
  for (const p of newRecords) {
    const o = before.get(key(p));
    if (!o) continue;
    if (o.integrand !== p.integrand || o.antiderivative !== p.antiderivative) {
      out.differentProblem.push({ o, p });
      continue;
    }
    const wasUsable = !o.reasons && !o.error;
    const isUsable = !p.reasons && !p.error;
    if (wasUsable !== isUsable) out.changedStatus.push({ o, p });
    if (!!o.zero !== !!p.zero) (p.zero ? out.zeroGained : out.zeroLost).push({ o, p });
    if (wasUsable && isUsable && o.costD !== p.costD) (p.costD > o.costD ? out.costWorse : out.costBetter).push({ o, p });
  }
  return out;
}

function printComparison(cmp, file, before, now) {
  const status = (p) => (p.reasons ? `skipped (${p.reasons.join(', ')})` : p.error ? `error (${p.error})` : 'measured');
  const figures = (s) => `usable ${grouped(s.usable)}, z = 0 ${grouped(s.zeros)}, cost(d) <= cost(f) ${grouped(s.noLarger)}, p90 ratio ${fix(s.p90Ratio)}, total cost(d) ${grouped(s.costD)}`;
  console.log(`\nAgainst ${file}:`);
  console.log(`  then (the same suites): ${figures(before)}`);
  console.log(`  now:                    ${figures(now)}`);
  const section = (title, list, show) => {
    console.log(`  ${title}: ${list.length}`);
    for (const { o, p } of list) console.log(`    ${key(p)}  ${show(o, p)}`);
  };
  section('z = 0 lost', cmp.zeroLost, (o, p) => `d/d${p.variable} of ${p.antiderivative}: z = ${p.z ?? p.error}`);
  section('z = 0 gained', cmp.zeroGained, (o, p) => `d/d${p.variable} of ${p.antiderivative} (z was ${o.z ?? o.error})`);
  section('cost(d) worse', cmp.costWorse, (o, p) => `${o.costD} -> ${p.costD}: ${o.d}  ->  ${p.d}`);
  section('cost(d) better', cmp.costBetter, (o, p) => `${o.costD} -> ${p.costD}: ${o.d}  ->  ${p.d}`);
  section('measured / skipped / error changed', cmp.changedStatus, (o, p) => `${status(o)} -> ${status(p)}`);
  if (cmp.differentProblem.length > 0) section('read differently (not compared)', cmp.differentProblem, (o, p) => `${o.integrand} | ${o.antiderivative}  ->  ${p.integrand} | ${p.antiderivative}`);
}

// ---------------------------------------------------------------- main


export async function main(argv) {
  const opts = parseArgs(argv);
  const L = await loadLeibniz();
  if (!L.derivative || !L.simplify) usage('dist/ has no derivative or simplify: run npm run build first');
  const limits = { timeLimitMs: opts.timeLimitMs };
  const wall0 = performance.now();
  let files = suiteFiles(opts.dir);
  if (opts.only) {
    files = files.filter((f) => opts.only.includes(f.suite.toLowerCase()));
    if (files.length === 0) usage(`--only: no suite named ${opts.only.join(', ')}`);
  }
  const records = [];
  const perSuite = [];
  for (const { suite, path } of files) {
    const problems = readSuite(suite, readFileSync(path, 'utf8'));
    for (const p of problems) if (!p.reasons) measure(L, p, limits);
    records.push(...problems);
    perSuite.push([suite, summarise(problems)]);
  }
  const wallMs = performance.now() - wall0;
  const overall = summarise(records);

  console.log(`Rubi independent test suites (${basename(opts.dir)}), leibniz ${leibnizCommit() ?? '(no git)'}, limit ${grouped(opts.timeLimitMs)} ms per call`);
  console.log('z = simplify(derivative(antiderivative) - integrand); ratio = cost(d)/cost(integrand); percentages of the usable problems\n');
  console.log(table([...perSuite, ['all', overall]]));
  console.log(`\nwall time ${(wallMs / 1000).toFixed(1)} s (reading, converting, parsing, measuring); total cost of the derivatives ${grouped(overall.costD)}`);

  const slowest = records.filter((p) => p.ms !== undefined).sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log(`slowest: ${slowest.map((p) => `${key(p)} ${p.ms.toFixed(0)} ms`).join(', ')}`);

  const skipped = records.filter((p) => p.reasons);
  const byProblem = tally(skipped.map((p) => p.reasons.join(', ')));
  const byName = tally(skipped.flatMap((p) => p.reasons));
  console.log(`\nSkipped ${grouped(skipped.length)}: most common reasons (a problem's whole list of what leibniz lacks)`);
  for (const [r, n] of byProblem.slice(0, opts.reasons)) console.log(`  ${String(n).padStart(4)}  ${r}`);
  console.log('Problems using each missing thing (a problem counts once for each)');
  for (const [r, n] of byName.slice(0, opts.reasons)) console.log(`  ${String(n).padStart(4)}  ${r}`);

  const errors = records.filter((p) => p.error);
  if (errors.length > 0) {
    console.log(`\nErrors ${errors.length}:`);
    for (const p of errors) console.log(`  ${key(p)}  ${p.error}`);
  }

  if (opts.compare) {
    const old = JSON.parse(readFileSync(opts.compare, 'utf8'));
    const suites = new Set(records.map((p) => p.suite));
    const oldHere = old.records.filter((p) => suites.has(p.suite));
    printComparison(compareRecords(oldHere, records), opts.compare, summarise(oldHere), overall);
  }
  if (opts.json) {
    const fields = ['suite', 'index', 'line', 'variable', 'integrand', 'antiderivative', 'd', 'z', 'zero', 'costD', 'costIntegrand', 'ms', 'error', 'reasons'];
    const slim = records.map((p) => Object.fromEntries(fields.filter((f) => p[f] !== undefined).map((f) => [f, f === 'ms' ? Math.round(p[f] * 100) / 100 : p[f]])));
    const out = { leibniz: leibnizCommit(), date: new Date().toISOString(), timeLimitMs: opts.timeLimitMs, summary: { overall, suites: Object.fromEntries(perSuite) }, records: slim };
    writeFileSync(opts.json, `${JSON.stringify(out, null, 1)}\n`);
    console.log(`\nwrote ${opts.json}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
