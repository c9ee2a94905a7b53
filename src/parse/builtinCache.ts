// The built-in formulas' cache (see cache.ts). In the sources it is empty, so
// tests run from src/ parse every formula; `npm run build` (src/build-cache.ts)
// replaces the compiled dist/parse/builtinCache.js with the cache's content, a
// plain module, so the library needs no file system at run time.
export const BUILTIN_CACHE: string | null = null;
