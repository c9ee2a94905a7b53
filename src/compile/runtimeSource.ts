// The runtime helpers (src/eval/runtime.ts and what it imports) as plain
// JavaScript text defining `L`, so a generated module can carry its own copy of
// the very functions evaluate uses instead of importing leibniz. The text is
// made at build time by scripts/runtime-source.mjs (the library reads no file
// at run time, so it runs in browsers and workers too).
import { RUNTIME_SOURCE } from './generated/runtime.js';

/** JavaScript text that defines `const L`, the runtime object, with no imports. */
export function runtimeSource(): string {
  return RUNTIME_SOURCE;
}
