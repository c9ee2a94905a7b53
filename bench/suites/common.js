// What the suite scripts (rubi.js, compute-engine.js) share: the leibniz
// commit a run measured, tallies, and how numbers and errors are printed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The first line of an error, as `Name: message` (no caret column). */
export const firstLine = (e) => `${e?.name ?? 'Error'}: ${String(e?.message ?? e).split('\n')[0].replace(/ \(at column \d+\)$/, '')}`;

/** 1,234 */
export const grouped = (n) => n.toLocaleString('en-US');

/** [key, count] pairs, most frequent first (ties by key). */
export function tally(keys) {
  const m = new Map();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** The short commit of this checkout, `+changes` when its tracked files differ; null outside git. */
export function leibnizCommit() {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const r = spawnSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const dirty = spawnSync('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' });
  return r.stdout.trim() + (dirty.stdout?.trim() ? '+changes' : '');
}

/**
 * The options both scripts take: DIR, --json FILE, --compare FILE,
 * --time-limit MS, --reasons N, -h; `extra` maps a script's own options to
 * what they set. `usage(message)` prints and exits.
 */
export function parseSuiteArgs(argv, usage, missingDir, extra = {}) {
  const opts = { dir: undefined, json: undefined, compare: undefined, timeLimitMs: 10_000, reasons: 20 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (Object.hasOwn(extra, a)) extra[a](value(), opts);
    else if (a === '--json') opts.json = value();
    else if (a === '--compare') opts.compare = value();
    else if (a === '--time-limit') opts.timeLimitMs = Number(value());
    else if (a === '--reasons') opts.reasons = Number(value());
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (opts.dir === undefined) opts.dir = a;
    else usage(`unexpected argument ${a}`);
  }
  if (opts.dir === undefined) usage(missingDir);
  if (!(opts.timeLimitMs > 0)) usage('--time-limit must be a positive number of milliseconds');
  return opts;
}
