// Build step (after tsc and src/build-cache.ts): the CommonJS build for
// `require('leibniz')`. Each compiled ES module of the library in dist/ becomes
// a CommonJS module in dist/cjs/ (file by file, not bundled, so `leibniz` and
// `leibniz/testing` share one copy of the core), with the declarations beside
// them and a package.json that marks the folder CommonJS for Node and tsc.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const out = join(dist, 'cjs');
// Not part of the library: the command line (ESM, run by bin/) and the build step.
const skip = (rel) => rel === 'cjs' || rel === 'cli' || rel.startsWith('build-cache.');

const js = [];
const dts = [];
(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const rel = relative(dist, path);
    if (skip(rel)) continue;
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.d.ts')) dts.push(rel);
    else if (entry.name.endsWith('.js')) js.push(rel);
  }
})(dist);

rmSync(out, { recursive: true, force: true });
// transformSync sees text, not a file in a "type": "module" package, so a default
// import of one of our converted modules takes its `default` export (and of a
// CommonJS dependency such as nearley, its module.exports), as tsc's would.
for (const rel of js) {
  const { code } = transformSync(readFileSync(join(dist, rel), 'utf8'), { format: 'cjs', target: 'es2022', sourcefile: rel });
  mkdirSync(join(out, rel, '..'), { recursive: true });
  writeFileSync(join(out, rel), code);
}
for (const rel of dts) {
  mkdirSync(join(out, rel, '..'), { recursive: true });
  cpSync(join(dist, rel), join(out, rel));
}
writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
