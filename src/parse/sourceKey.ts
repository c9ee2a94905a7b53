// The key the built-in formula cache (cache.ts) files a source under: a 53-bit
// string hash (cyrb53's), so the cache need not hold a second copy of every
// source text. An edited source is served a wrong entry only if its hash
// equals a cached source's, about 2^-53 per cached source (some 300 of them):
// not a practical risk, and the build refuses two cached sources on one key.
// (Also keying by the source's length would cost 0.3 KB of the gzipped bundle.)

/**
 * The cache key of a source text: cyrb53's hash of it, a well-mixed 53-bit
 * integer (exact in a double), but reading two UTF-16 units a step: every
 * built-in source is hashed at start-up, in code not yet optimised, where the
 * steps cost more than the arithmetic. Seeded with the length, so a last odd
 * unit (its pair reads NaN, shifted to 0) is not confused with that unit and
 * a '\0'.
 */
export function sourceKey(s: string): number {
  let h1 = 0xdeadbeef ^ s.length;
  let h2 = 0x41c6ce57 ^ s.length;
  for (let i = 0; i < s.length; i += 2) {
    const c = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
