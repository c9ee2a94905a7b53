#!/usr/bin/env node
// The leibniz command line; its code is compiled from src/cli/ to dist/cli/ and
// bundled into one file (scripts/build-cli.mjs), which Node loads in a fraction
// of the time the separate modules take.
let main;
try {
  ({ main } = await import('../dist/cli/leibniz.bundle.js'));
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
  process.stderr.write('leibniz is not built yet: run `npm run build` in its directory\n');
  process.exit(70);
}
process.stdout.on('error', (err) => {
  // `leibniz ... | head` closes the pipe early: stop quietly.
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
