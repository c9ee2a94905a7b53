// Build step: the command line as one bundled script (dist/cli/leibniz.bundle.js)
// and a V8 code cache for it (dist/cli/leibniz.bundle.cache).
//
// Loaded as ~150 separate ES modules, resolving and compiling them costs Node
// about 50 ms before the first line runs; one file loads in a few. Compiling
// that file and the functions a command calls is still most of what is left,
// so bin/leibniz.js compiles it with node:vm from V8's code cache, made here
// after running a representative command (the cache then holds the bytecode of
// every function that command compiled, not only the top level).
//
// The bundle is CommonJS wrapped in a function expression, which a vm.Script
// evaluates to: (exports, require, module, importMetaUrl) => void. Its
// `import.meta.url` (main.ts finds ../../package.json with it) is that last
// argument: the bundle's own URL, beside dist/cli/main.js, so the relative
// path still resolves. The dynamic import()s of src/cli are of bundled
// modules, which esbuild inlines, or of Node's, which become require()s: a
// vm.Script cannot import().
//
// The cache is only for the Node that built it: a header names the bundle it
// was made from and that Node, and carries a checksum of V8's data, since V8
// does not verify one itself and corrupt data can crash it. bin/leibniz.js
// checks all three and otherwise compiles the bundle without the cache.
import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

const cli = fileURLToPath(new URL('../dist/cli/', import.meta.url));
const bundleFile = `${cli}leibniz.bundle.js`;
const cacheFile = `${cli}leibniz.bundle.cache`;

const { outputFiles } = buildSync({
  entryPoints: [`${cli}main.js`],
  write: false,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  define: { 'import.meta.url': 'importMetaUrl' },
  // A vm.Script has no import(): that of node:readline (src/cli/input.ts) becomes a require().
  supported: { 'dynamic-import': false },
  // nearley is CommonJS: its require() of nothing but itself needs no shim.
  minify: true,
  keepNames: true,
  logLevel: 'warning',
});
const code = outputFiles[0].text;
if (/\bimport\(/.test(code)) throw new Error('build-cli: the bundle has a dynamic import(), which a vm.Script cannot run');
const wrapped = `(function (exports, require, module, importMetaUrl) {${code}\n})\n`;
// The bundle names itself (the first 32 hex digits of its SHA-256) on its last
// line, and its cache names the bundle it was made from.
const id = createHash('sha256').update(wrapped).digest('hex').slice(0, 32);
const source = `${wrapped}// bundle ${id}\n`;
rmSync(cacheFile, { force: true }); // no cache of an older bundle beside the new one
writeFileSync(bundleFile, source);

// Run the bundle here as bin/leibniz.js does, on a representative command. (V8
// keeps the file name in the cache: the stack traces LEIBNIZ_DEBUG=1 shows name
// this file even when a copy of it ran.)
const script = new Script(source, { filename: bundleFile });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundleFile), module, pathToFileURL(bundleFile).href);
const sink = { isTTY: false, write: () => true, on: () => sink };
const io = { stdout: sink, stderr: sink, stdin: sink, env: {} };
const status = await module.exports.main(['diff', 'x^2'], io);
if (status !== 0) throw new Error(`build-cli: \`leibniz diff 'x^2'\` exited ${status} in the build`);
const data = script.createCachedData();

// The header, one line of ASCII: a tag, the bundle's id, the Node that made the
// cache (version, V8 version, architecture), the length of V8's data below it
// and their checksum.
const header = [
  'leibniz-code-cache/1',
  id,
  `${process.version}/${process.versions.v8}/${process.arch}`,
  data.length,
  checksum(data),
].join(' ');
writeFileSync(`${cacheFile}.tmp`, Buffer.concat([Buffer.from(`${header}\n`, 'latin1'), data]));
renameSync(`${cacheFile}.tmp`, cacheFile); // never a half-written cache

/**
 * FNV-1a over little-endian 64-bit words (the last one padded with zeros),
 * in hex; bin/leibniz.js computes the same in WebAssembly.
 */
function checksum(bytes) {
  const padded = Buffer.alloc(Math.ceil(bytes.length / 8) * 8);
  padded.set(bytes);
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < padded.length; i += 8) h = BigInt.asUintN(64, (h ^ padded.readBigUInt64LE(i)) * 0x100000001b3n);
  return h.toString(16);
}
