import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // regenerates src/compile/generated/runtime.ts, so tests see edits to src/eval/ at once
    globalSetup: ['scripts/runtime-source.mjs'],
    testTimeout: 60_000,
  },
});
