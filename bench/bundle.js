// Browser bundle sizes of the library: each entry below is bundled with esbuild
// for the browser, minified, and gzipped (level 9), as a web page would ship it.
// `npm run bench` prints them; test/package.test.ts holds them to the budgets.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** What a page imports; each is bundled on its own. */
export const ENTRIES = [
  { name: 'parse + toText', names: ['parse', 'toText'] },
  {
    name: 'core (parse, derivative, simplify, toText, toLatex, evaluate, compile)',
    names: ['parse', 'derivative', 'simplify', 'toText', 'toLatex', 'evaluate', 'compile'],
  },
  { name: 'everything (import * from leibniz)', names: null },
];

/** Budgets for the minified, gzipped bytes (the README states them). */
export const BUDGETS = { core: 104 * 1024, everything: 131 * 1024 };

/** Bundles `import { names } from 'leibniz'` (all when null), resolved from `dir`. */
export async function bundle(names, dir = fileURLToPath(new URL('..', import.meta.url))) {
  const contents = names === null ? "export * from 'leibniz';" : `export { ${names.join(', ')} } from 'leibniz';`;
  const r = await build({
    stdin: { contents, resolveDir: dir, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  const code = r.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

export async function run() {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const rows = [];
  for (const e of ENTRIES) rows.push({ ...e, ...(await bundle(e.names)) });
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`${'bundle'.padEnd(width)}  minified  min+gzip`);
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${kb(r.minified).padStart(8)}  ${kb(r.gzipped).padStart(8)}`);
  console.log(`budgets (min+gzip): core ${kb(BUDGETS.core)}, everything ${kb(BUDGETS.everything)}`);
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
