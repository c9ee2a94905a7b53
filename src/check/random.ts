// A small seeded PRNG (sfc32, seeded through splitmix32), so that every check
// that samples points is reproducible from its seed. Library code never uses Math.random.

import { arg, argError } from '../core/check-args.js';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/** The default seed of every check (the seed notebook's np.random.seed(231)). */
export const DEFAULT_SEED = 231;

export function createRandom(seed: number = DEFAULT_SEED): Random {
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw argError('createRandom', arg(1, 'seed'), 'a finite number', seed);
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next32(); // mix the state before use
  const next = (): number => (next32() * 2 ** 21 + (next32() >>> 11)) / 2 ** 53; // 53 random bits
  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (n) => Math.floor(next() * n),
  };
}
