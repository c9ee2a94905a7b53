#!/usr/bin/env node
// The leibniz command line. Its code is compiled from src/cli/ to dist/cli/ and
// bundled into one script (scripts/build-cli.mjs), which Node loads in a fraction
// of the time the separate modules take; it is compiled here from the V8 code
// cache the build made beside it, which saves compiling it again (and the
// functions a command calls). A cache that is missing, made for another bundle
// or another Node, corrupt, or refused by V8 is not used: the bundle is then
// compiled from its source, with the same result. LEIBNIZ_DEBUG=1 says why.
//
// This file is CommonJS (bin/package.json): an ES module entry point costs
// Node its ESM loader, a few ms of start-up.
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const bundle = join(__dirname, '../dist/cli/leibniz.bundle.js');
let source;
try {
  source = readFileSync(bundle, 'utf8');
} catch (err) {
  if (err?.code !== 'ENOENT') throw err;
  rebuild('is not built yet');
}
const cachedData = codeCache(source);
let script;
try {
  script = new Script(source, { filename: bundle, cachedData });
} catch (err) {
  if (!(err instanceof SyntaxError)) throw err;
  rebuild('was built by an older version'); // its bundle was an ES module
}
if (cachedData && script.cachedDataRejected) debugNote('V8 refused it');
// The bundle is a function of (exports, require, module, its import.meta.url).
const mod = { exports: {} };
script.runInThisContext()(mod.exports, createRequire(bundle), mod, pathToFileURL(bundle).href);
const { main } = mod.exports;

process.stdout.on('error', (err) => {
  // `leibniz ... | head` closes the pipe early: stop quietly.
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  get stdin() {
    return process.stdin; // opened only when read from
  },
  env: process.env,
}).then((status) => (process.exitCode = status));

/** V8's data from dist/cli/leibniz.bundle.cache when it is sound and made for this bundle and this Node. */
function codeCache(source) {
  try {
    const file = readFileSync(join(__dirname, '../dist/cli/leibniz.bundle.cache'));
    const end = file.indexOf(10);
    const [tag, id, node, length, sum] = file.toString('latin1', 0, Math.max(end, 0)).split(' ');
    const data = file.subarray(end + 1);
    if (tag !== 'leibniz-code-cache/1') return debugNote('not a code cache');
    if (!source.endsWith(`\n// bundle ${id}\n`)) return debugNote('made for another bundle');
    if (node !== `${process.version}/${process.versions.v8}/${process.arch}`) return debugNote(`made by Node ${node}`);
    if (data.length !== Number(length) || checksum(data) !== sum) return debugNote('corrupt');
    return data;
  } catch (err) {
    return debugNote(err?.code === 'ENOENT' ? 'none was built' : String(err));
  }
}

/**
 * The checksum scripts/build-cli.mjs writes: FNV-1a over little-endian 64-bit
 * words, the last one padded with zeros, in hex. Over the cache's half a
 * megabyte a loop in JavaScript takes about 3 ms (V8 has not optimised it yet),
 * this WebAssembly about 1 ms with its set-up. It is, in the text format:
 *   (module (import "m" "m" (memory 0))
 *     (func (export "f") (param $end i32) (result i64) (local $i i32) (local $h i64)
 *       (local.set $h (i64.const 0xcbf29ce484222325))
 *       (block (loop
 *         (br_if 1 (i32.ge_u (local.get $i) (local.get $end)))
 *         (local.set $h (i64.mul (i64.xor (local.get $h) (i64.load (local.get $i))) (i64.const 0x100000001b3)))
 *         (local.set $i (i32.add (local.get $i) (i32.const 8)))
 *         (br 0)))
 *       (local.get $h)))
 */
function checksum(bytes) {
  const wasm =
    '0061736d0100000001060160017f017e020801016d016d02000003020100070501016600000a3e013c02017f017e42a5c688a1c89ca7f94b21' +
    '0202400340200120004f0d01200220012903008542b383808080207e2102200141086a21010c000b0b20020b';
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes.length / 65536) });
  new Uint8Array(memory.buffer).set(bytes);
  const { f } = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(wasm, 'hex')), { m: { m: memory } }).exports;
  return BigInt.asUintN(64, f(Math.ceil(bytes.length / 8) * 8)).toString(16);
}

function rebuild(state) {
  process.stderr.write(`leibniz ${state}: run \`npm run build\` in its directory\n`);
  process.exit(70);
}

function debugNote(why) {
  if (process.env.LEIBNIZ_DEBUG) process.stderr.write(`leibniz: the code cache is not used (${why})\n`);
  return undefined;
}
