// The Cortex-JS Compute Engine's simplify tests
// (test/compute-engine/simplify.test.ts: checkSimplify(input, expected) and
// fuTestHelper(input, expected), an input in LaTeX and the simplified form the
// Compute Engine expects, in LaTeX, as a number or as MathJSON) as a measure of
// leibniz's simplifier against another system's targets. For each case written
// only in what leibniz reads (bench/suites/latex.js converts), on the BUILT
// library (dist/):
//   out = simplify(input)
// and it records cost(input), cost(out), cost(expected) (leibniz's cost of the
// parsed forms), whether out is the expected form (the same node once leibniz
// has parsed both), whether it is cheaper, as costly or costlier, the time,
// any error, and a numeric check: out against input at 8 seeded random points
// (bench/evaluate.js, an evaluator independent of the library's). A point
// where both are finite and differ is a disagreement, a soundness bug; a point
// where the input is defined and out is not is listed too. The other cases are
// skipped with the reasons (what leibniz lacks, or what its parser refuses).
// Cases of tests the Compute Engine skips (test.skip) are measured like the
// others and counted apart.
//
// The suite is not in this repository: get github.com/cortex-js/compute-engine
// and pass its directory (or the test file).
//
//   node bench/suites/compute-engine.js DIR [--json out.json]
//        [--compare old.json] [--time-limit MS] [--reasons N]
//
// --json writes every case's record; --compare lists the cases whose result
// cost, sameness or status changed against such a file. Each simplify call
// has the limit --time-limit (default 10,000 ms, the library's default); a
// call that exceeds it counts as an error, as does any other throw. The run
// never stops on a case.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadLeibniz } from '../leibniz.js';
import { evaluate } from '../evaluate.js';
import { rng } from '../scale-cases.js';
import { latexToLeibniz, mathJsonToLeibniz } from './latex.js';
import { firstLine, grouped, leibnizCommit, parseSuiteArgs, tally } from './common.js';

const TEST_FILE = join('test', 'compute-engine', 'simplify.test.ts');
const POINTS = 8;

function usage(msg) {
  if (msg) console.error(msg);
  console.error('usage: node bench/suites/compute-engine.js DIR [--json out.json] [--compare old.json] [--time-limit MS] [--reasons N]');
  process.exit(2);
}

const parseArgs = (argv) => parseSuiteArgs(argv, usage, 'the directory of the Compute Engine is missing');

/** The test file: DIR itself, DIR/test/compute-engine/simplify.test.ts, or DIR/simplify.test.ts. */
export function testFile(dir) {
  for (const p of [dir, join(dir, TEST_FILE), join(dir, 'simplify.test.ts')]) {
    if (statSync(p, { throwIfNoEntry: false })?.isFile()) return p;
  }
  throw new Error(`no ${TEST_FILE} in ${dir}`);
}

// ---------------------------------------------------------------- reading the test file

/** Thrown for an argument that is not a JavaScript literal (a computed one). */
class NotLiteral extends Error {}

/**
 * Reads the JavaScript literal at text[i]: a string ('...', "...", or `...`
 * without ${}), a number (NaN, Infinity), an array or an object of literals.
 * { value, end }; throws NotLiteral for anything else.
 */
export function readLiteral(text, i) {
  const ws = () => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i])) i++;
      if (text.startsWith('//', i)) i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
      else if (text.startsWith('/*', i)) i = text.indexOf('*/', i) + 2;
      else return;
    }
  };
  const ESC = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };
  const value = () => {
    ws();
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      let s = '';
      for (i++; i < text.length && text[i] !== c; i++) {
        if (c === '`' && text[i] === '$' && text[i + 1] === '{') throw new NotLiteral('a template with ${}');
        if (text[i] !== '\\') s += text[i];
        else {
          const e = text[++i];
          if (e === 'u') {
            s += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16));
            i += 4;
          } else if (e === 'x') {
            s += String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16));
            i += 2;
          } else if (e === '\n') {
            // a line continuation
          } else s += Object.hasOwn(ESC, e) ? ESC[e] : e;
        }
      }
      if (i >= text.length) throw new NotLiteral('an unterminated string');
      i++;
      return s;
    }
    if (c === '[') {
      i++;
      const out = [];
      for (;;) {
        ws();
        if (text[i] === ']') break;
        out.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') throw new NotLiteral(`${text[i]} in an array`);
      }
      i++;
      return out;
    }
    if (c === '{') {
      i++;
      const out = {};
      for (;;) {
        ws();
        if (text[i] === '}') break;
        let key;
        const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i, i + 100));
        if (m) {
          key = m[0];
          i += key.length;
        } else key = String(value());
        ws();
        if (text[i++] !== ':') throw new NotLiteral('an object that is not literal');
        out[key] = value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') throw new NotLiteral(`${text[i]} in an object`);
      }
      i++;
      return out;
    }
    const m = /^(-?)(NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (m && !/[A-Za-z0-9_$.]/.test(text[i + m[0].length] ?? '')) {
      i += m[0].length;
      const v = Number(m[2]);
      return m[1] ? -v : v;
    }
    throw new NotLiteral('not a literal');
  };
  const v = value();
  ws();
  return { value: v, end: i };
}

/** The end of the call argument starting at i: the index of the , or ) that closes it at depth 0. */
function skipArgument(text, i) {
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return i;
      depth--;
    } else if (c === ',' && depth === 0) return i;
  }
  return i;
}

const lineAt = (text, i) => text.slice(0, i).split('\n').length;

/** The last match of re (global) that starts before i. */
function lastBefore(matches, i) {
  let best = null;
  for (const m of matches) {
    if (m.index >= i) break;
    best = m;
  }
  return best;
}

/**
 * The cases of the test file, in order: { index (1-based), line, describe,
 * test, ceSkipped, strategy, input, expected } with input and expected the
 * literal arguments (LaTeX strings, numbers or MathJSON), or a reason when an
 * argument is computed. Two layouts are read: calls checkSimplify(input,
 * expected) and fuTestHelper(input, expected) (the file since 2026-02-08),
 * and the tables before that, const ..._TEST_CASES = [[input, expected,
 * comment?], [heading], ...] (a comment starting with "skip" is a skipped
 * case), whose calls are read too.
 */
export function readCases(text) {
  const tests = [...text.matchAll(/\b(?:test|it)(\.skip|\.only|\.todo)?\(\s*(['"`])((?:\\.|(?!\2)[^\\])*)\2/g)];
  const describes = [...text.matchAll(/\bdescribe(?:\.\w+)?\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)];
  const out = [];
  for (const m of text.matchAll(/^\s*(?:export\s+)?const\s+(\w+_TEST_CASES)\b[^=\n]*=\s*(?=\[)/gm)) {
    const start = m.index + m[0].length;
    let rows;
    try {
      rows = readLiteral(text, start).value;
    } catch (e) {
      if (!(e instanceof NotLiteral)) throw e;
      throw new Error(`${m[1]} (line ${lineAt(text, m.index)}) is not a literal table: ${e.message}`);
    }
    // The rows' lines: each row is an array opening at depth 1 of the table.
    const rowLines = [];
    let depth = 0;
    for (let i = start; depth >= 0 && i < text.length; i++) {
      const c = text[i];
      if (c === "'" || c === '"' || c === '`') {
        for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
      } else if (text.startsWith('//', i)) i = text.indexOf('\n', i);
      else if (c === '[' || c === '{') {
        if (depth === 1 && c === '[') rowLines.push(lineAt(text, i));
        depth++;
      } else if (c === ']' || c === '}') {
        depth--;
        if (depth === 0) depth = -1; // the table's end
      }
    }
    let heading = '';
    rows.forEach((row, k) => {
      if (!Array.isArray(row) || row.length < 2) {
        if (Array.isArray(row) && typeof row[0] === 'string') heading = row[0].replace(/\s*\/\/\s*/g, ' ').trim();
        return;
      }
      const [input, expected, comment] = row;
      out.push({
        index: out.length + 1,
        line: rowLines[k],
        describe: `${m[1]}${heading ? `: ${heading.split('  ')[0]}` : ''}`,
        test: typeof comment === 'string' ? comment : '',
        ceSkipped: typeof comment === 'string' && comment.startsWith('skip'),
        strategy: undefined,
        input,
        expected,
      });
    });
  }
  for (const m of text.matchAll(/\b(checkSimplify|fuTestHelper)\(/g)) {
    if (/function\s+$/.test(text.slice(Math.max(0, m.index - 20), m.index))) continue; // the definition
    const t = lastBefore(tests, m.index);
    const d = lastBefore(describes, m.index);
    const c = {
      index: out.length + 1,
      line: lineAt(text, m.index),
      describe: d ? d[2] : '',
      test: t ? t[3] : '',
      ceSkipped: t?.[1] === '.skip',
      strategy: m[1] === 'fuTestHelper' ? 'fu' : undefined,
    };
    out.push(c);
    let i = m.index + m[0].length;
    const args = [];
    for (let k = 0; k < 2; k++) {
      try {
        const r = readLiteral(text, i);
        args.push(r.value);
        i = r.end;
      } catch (e) {
        if (!(e instanceof NotLiteral)) throw e;
        const end = skipArgument(text, i);
        args.push(undefined);
        c.reasons = [`computed in the test: ${text.slice(i, end).trim()}`];
        i = end;
      }
      if (text[i] === ',') i++;
    }
    [c.input, c.expected] = args;
  }
  return out;
}

/** A literal argument in leibniz syntax: { text, reasons }. */
export function toLeibnizSyntax(arg) {
  try {
    return typeof arg === 'string' ? latexToLeibniz(arg) : mathJsonToLeibniz(arg);
  } catch (e) {
    return { text: null, reasons: [`the reader failed: ${e?.message ?? e}`] }; // a bug there, but the run goes on
  }
}

/** Fills in each case's leibniz forms (inputText, expectedText) or its reasons. */
export function convertCases(cases) {
  for (const c of cases) {
    if (c.reasons) continue;
    const a = toLeibnizSyntax(c.input);
    const b = toLeibnizSyntax(c.expected);
    const reasons = [...new Set([...a.reasons, ...b.reasons])].sort();
    if (reasons.length > 0) c.reasons = reasons;
    else Object.assign(c, { inputText: a.text, expectedText: b.text });
  }
  return cases;
}

// ---------------------------------------------------------------- measuring

/** The message of a leibniz error without the input and caret it may show. */

const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * out against input at POINTS seeded points (the variables in +-[0.1, 3]:
 * half of the points all positive, one all negative, the others mixed): { points (where both are finite), disagree
 * [{ at, input, out }], lost (points where only the input is defined) }.
 */
export function numericCheck(L, input, out, seed) {
  const names = [...new Set([...L.freeSymbols(input), ...L.freeSymbols(out)])].sort();
  const random = rng(seed);
  const result = { points: 0, disagree: [], lost: 0 };
  for (let k = 0; k < (names.length === 0 ? 1 : POINTS); k++) {
    const at = {};
    for (const n of names) {
      const m = 0.1 + 2.9 * random();
      // Even points all positive, the first odd one all negative, the others mixed.
      at[n] = k % 2 === 0 || (k > 1 && random() < 0.5) ? m : -m;
    }
    let a;
    let b;
    try {
      a = evaluate(input, at);
      b = evaluate(out, at);
    } catch {
      continue;
    }
    if (!Number.isFinite(a)) continue;
    if (!Number.isFinite(b)) {
      result.lost++;
      continue;
    }
    result.points++;
    if (!close(a, b)) result.disagree.push({ at, input: a, out: b });
  }
  return result;
}

/** Measures one usable case; fills in its record. */
function measure(L, c, limits) {
  let input;
  let expected;
  try {
    input = L.parse(c.inputText);
    expected = L.parse(c.expectedText);
  } catch (e) {
    c.reasons = [`leibniz refuses: ${firstLine(e).replace(/^\w*Error: /, '')}`];
    return;
  }
  c.costInput = L.cost(input);
  c.costExpected = L.cost(expected);
  const t0 = performance.now();
  let out;
  try {
    out = L.simplify(input, limits);
  } catch (e) {
    c.error = firstLine(e);
  }
  c.ms = performance.now() - t0;
  if (c.error) return;
  c.out = L.toText(out);
  c.costOut = L.cost(out);
  c.same = out === expected;
  c.verdict = c.costOut < c.costExpected ? 'cheaper' : c.costOut === c.costExpected ? 'equal' : 'costlier';
  const n = numericCheck(L, input, out, c.index);
  c.points = n.points;
  if (n.lost > 0) c.lost = n.lost;
  if (n.disagree.length > 0) c.disagree = n.disagree;
}

// ---------------------------------------------------------------- figures

/** Whether a case writes a decimal number (the Compute Engine computes with it in floating point, leibniz reads it exactly). */
const hasDecimal = (c) => /\d\.\d/.test(JSON.stringify([c.input, c.expected]));

export function summarise(records) {
  const usable = records.filter((c) => !c.reasons);
  const measured = usable.filter((c) => !c.error);
  const count = (f) => measured.filter(f).length;
  return {
    cases: records.length,
    ceSkipped: records.filter((c) => c.ceSkipped).length,
    usable: usable.length,
    skipped: records.length - usable.length,
    errors: usable.length - measured.length,
    costInput: measured.reduce((s, c) => s + c.costInput, 0),
    costOut: measured.reduce((s, c) => s + c.costOut, 0),
    costExpected: measured.reduce((s, c) => s + c.costExpected, 0),
    cheaper: count((c) => c.verdict === 'cheaper'),
    equal: count((c) => c.verdict === 'equal'),
    costlier: count((c) => c.verdict === 'costlier'),
    same: count((c) => c.same),
    unchecked: count((c) => c.points === 0),
    disagreements: count((c) => c.disagree),
    lost: count((c) => c.lost),
    ms: usable.reduce((s, c) => s + (c.ms ?? 0), 0),
  };
}



// ---------------------------------------------------------------- comparison

const key = (c) => `#${c.index}`;

/** The cases whose status, cost(out) or sameness differ between two runs (by index; a case read differently is not compared). */
export function compareRecords(oldRecords, newRecords) {
  const before = new Map(oldRecords.map((c) => [key(c), c]));
  const out = { costWorse: [], costBetter: [], sameLost: [], sameGained: [], changedStatus: [], differentCase: [] };
  for (const c of newRecords) {
    const o = before.get(key(c));
    if (!o) continue;
    if (o.inputText !== c.inputText || o.expectedText !== c.expectedText) {
      out.differentCase.push({ o, c });
      continue;
    }
    const was = !o.reasons && !o.error;
    const is = !c.reasons && !c.error;
    if (was !== is) out.changedStatus.push({ o, c });
    if (was && is && o.costOut !== c.costOut) (c.costOut > o.costOut ? out.costWorse : out.costBetter).push({ o, c });
    if (was && is && !!o.same !== !!c.same) (c.same ? out.sameGained : out.sameLost).push({ o, c });
  }
  return out;
}

function printComparison(cmp, file, before, now) {
  const status = (c) => (c.reasons ? `skipped (${c.reasons.join(', ')})` : c.error ? `error (${c.error})` : 'measured');
  const figures = (s) => `usable ${s.usable}, results ${s.costOut} against expected ${s.costExpected}, cheaper/equal/costlier ${s.cheaper}/${s.equal}/${s.costlier}, the expected form ${s.same}`;
  console.log(`\nAgainst ${file}:`);
  console.log(`  then: ${figures(before)}`);
  console.log(`  now:  ${figures(now)}`);
  const section = (title, list, line) => {
    console.log(`  ${title}: ${list.length}`);
    for (const { o, c } of list) console.log(`    ${key(c)}  ${line(o, c)}`);
  };
  section('cost(out) worse', cmp.costWorse, (o, c) => `${c.inputText}: ${o.costOut} -> ${c.costOut}: ${o.out}  ->  ${c.out}`);
  section('cost(out) better', cmp.costBetter, (o, c) => `${c.inputText}: ${o.costOut} -> ${c.costOut}: ${o.out}  ->  ${c.out}`);
  section('the expected form lost', cmp.sameLost, (o, c) => `${c.inputText}: ${c.out} (expected ${c.expectedText})`);
  section('the expected form gained', cmp.sameGained, (o, c) => `${c.inputText}: ${c.out} (was ${o.out})`);
  section('measured / skipped / error changed', cmp.changedStatus, (o, c) => `${status(o)} -> ${status(c)}`);
  if (cmp.differentCase.length > 0) section('read differently (not compared)', cmp.differentCase, (o, c) => `${o.inputText} | ${o.expectedText}  ->  ${c.inputText} | ${c.expectedText}`);
}

// ---------------------------------------------------------------- main


export async function main(argv) {
  const opts = parseArgs(argv);
  const L = await loadLeibniz();
  if (!L.simplify) usage('dist/ has no simplify: run npm run build first');
  const limits = { timeLimitMs: opts.timeLimitMs };
  let file;
  try {
    file = testFile(opts.dir);
  } catch (e) {
    usage(e.message);
  }
  const text = readFileSync(file, 'utf8');
  const sha = createHash('sha256').update(text).digest('hex').slice(0, 12);
  const wall0 = performance.now();
  const records = convertCases(readCases(text));
  for (const c of records) if (!c.reasons) measure(L, c, limits);
  const wallMs = performance.now() - wall0;
  const s = summarise(records);

  console.log(`Compute Engine simplify tests (${file}, sha256 ${sha}), leibniz ${leibnizCommit() ?? '(no git)'}, limit ${grouped(opts.timeLimitMs)} ms per call`);
  console.log('out = simplify(input); costs are leibniz\'s cost of the parsed forms\n');
  console.log(`cases ${s.cases} (${s.ceSkipped} in tests the Compute Engine skips), usable ${s.usable}, skipped ${s.skipped}, errors ${s.errors}`);
  console.log(`total cost: leibniz's results ${s.costOut}, the expected forms ${s.costExpected}, the inputs ${s.costInput}`);
  console.log(`against the expected form: cheaper ${s.cheaper}, as costly ${s.equal}, costlier ${s.costlier}; the expected form itself ${s.same}`);
  const part = (what, f) => {
    const p = summarise(records.filter(f));
    console.log(`  ${what}: usable ${p.usable}, results ${p.costOut} against ${p.costExpected}, cheaper/equal/costlier ${p.cheaper}/${p.equal}/${p.costlier}`);
  };
  part('in tests the Compute Engine skips', (c) => c.ceSkipped);
  part("with the Compute Engine's Fu strategy", (c) => c.strategy === 'fu');
  part('with a decimal number (a float there, exact here)', hasDecimal);
  part('the others', (c) => !c.ceSkipped && c.strategy !== 'fu' && !hasDecimal(c));
  console.log(`numeric check (${POINTS} points): disagreements ${s.disagreements}, defined input but undefined result ${s.lost}, no point to check ${s.unchecked}`);
  console.log(`time: simplify ${(s.ms / 1000).toFixed(2)} s, wall ${(wallMs / 1000).toFixed(2)} s (reading, converting, parsing, measuring, checking)`);

  const measured = records.filter((c) => c.verdict);
  const disagreeing = measured.filter((c) => c.disagree);
  if (disagreeing.length > 0) {
    console.log(`\n!!! NUMERIC DISAGREEMENTS (out differs from input where both are defined: a soundness bug) ${disagreeing.length}:`);
    for (const c of disagreeing) {
      const d = c.disagree[0];
      console.log(`  ${key(c)} line ${c.line}  ${c.inputText}  ->  ${c.out}   at ${JSON.stringify(d.at)}: ${d.input} vs ${d.out} (${c.disagree.length} of ${c.points} points)`);
    }
  }
  const lost = measured.filter((c) => c.lost);
  if (lost.length > 0) {
    console.log(`\nDefined input, undefined result (${lost.length}):`);
    for (const c of lost) console.log(`  ${key(c)} line ${c.line}  ${c.inputText}  ->  ${c.out}  (${c.lost} points)`);
  }

  const costlier = measured.filter((c) => c.verdict === 'costlier');
  console.log(`\nCostlier than expected (${costlier.length}): input | leibniz | expected (costs)`);
  for (const c of costlier) console.log(`  ${key(c)} line ${c.line}  ${c.inputText}  |  ${c.out}  |  ${c.expectedText}  (${c.costOut} > ${c.costExpected})${c.ceSkipped ? '  [test.skip]' : ''}`);

  const errors = records.filter((c) => c.error);
  if (errors.length > 0) {
    console.log(`\nErrors ${errors.length}:`);
    for (const c of errors) console.log(`  ${key(c)} line ${c.line}  ${c.inputText}  ${c.error}`);
  }

  const skipped = records.filter((c) => c.reasons);
  console.log(`\nSkipped ${skipped.length}: reasons (a case's whole list)`);
  for (const [r, n] of tally(skipped.map((c) => c.reasons.join(', '))).slice(0, opts.reasons)) console.log(`  ${String(n).padStart(4)}  ${r}`);

  if (opts.compare) {
    const old = JSON.parse(readFileSync(opts.compare, 'utf8'));
    printComparison(compareRecords(old.records, records), opts.compare, summarise(old.records), s);
  }
  if (opts.json) {
    const fields = ['index', 'line', 'describe', 'test', 'ceSkipped', 'strategy', 'input', 'expected', 'inputText', 'expectedText', 'out', 'costInput', 'costOut', 'costExpected', 'same', 'verdict', 'points', 'lost', 'disagree', 'ms', 'error', 'reasons'];
    const keep = (c, f) => c[f] !== undefined && !(f === 'ceSkipped' && !c[f]);
    const slim = records.map((c) => Object.fromEntries(fields.filter((f) => keep(c, f)).map((f) => [f, f === 'ms' ? Math.round(c[f] * 100) / 100 : c[f]])));
    const out = { leibniz: leibnizCommit(), date: new Date().toISOString(), file, sha256: sha, timeLimitMs: opts.timeLimitMs, summary: s, records: slim };
    writeFileSync(opts.json, `${JSON.stringify(out, null, 1)}\n`);
    console.log(`\nwrote ${opts.json}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
