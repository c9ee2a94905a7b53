// `npm run web`: builds the playground into web/dist/ (index.html, playground.js,
// playground.css), which works from any static server and opened from disk.
// No network at run time: the worker is inlined (started from a Blob), KaTeX's
// fonts are inlined in the CSS as data URLs (woff2, which every current
// browser reads), and the scripts are classic scripts, not modules, since
// browsers refuse module scripts on file:// pages.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const out = here('./dist/');

export async function buildPlayground({ minify = true } = {}) {
  // es2022: the core's nodes carry their memos in private class fields (src/core/memo.ts), which an older
  // target would turn into a WeakMap per field per node.
  const common = { bundle: true, minify, target: 'es2022', platform: 'browser', logLevel: 'warning', legalComments: 'none' };
  const worker = await build({ ...common, entryPoints: [here('./src/worker.ts')], format: 'iife', write: false });
  const inlineWorker = {
    name: 'inline-worker',
    setup(b) {
      b.onResolve({ filter: /^leibniz-playground:worker$/ }, () => ({ path: 'worker', namespace: 'inline-worker' }));
      b.onLoad({ filter: /.*/, namespace: 'inline-worker' }, () => ({
        contents: `export default ${JSON.stringify(worker.outputFiles[0].text)};`,
        loader: 'js',
      }));
    },
  };
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({ ...common, entryPoints: [here('./src/main.ts')], format: 'iife', outfile: `${out}playground.js`, plugins: [inlineWorker] });
  await build({
    ...common,
    entryPoints: [here('./src/style.css')],
    outfile: `${out}playground.css`,
    loader: { '.woff2': 'dataurl', '.woff': 'empty', '.ttf': 'empty' },
  });
  copyFileSync(here('./index.html'), `${out}index.html`);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`built ${await buildPlayground()}`);
