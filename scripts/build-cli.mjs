// Build step: the command line as one bundled file (dist/cli/leibniz.bundle.js).
// Loaded as ~150 separate ES modules, resolving and compiling them costs Node
// about 50 ms before the first line runs; one file loads in a few. The bundle
// lives beside dist/cli/main.js, so main's `../../package.json` still resolves.
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
buildSync({
  entryPoints: [`${dist}cli/main.js`],
  outfile: `${dist}cli/leibniz.bundle.js`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node18',
  // nearley is CommonJS: its require() of nothing but itself needs no shim.
  minify: true,
  keepNames: true,
  logLevel: 'warning',
});
