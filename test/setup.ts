// Property tests are reproducible: one fixed seed by default, so `npm test`
// gives the same verdict on every machine; FC_SEED=<n> replays a seed and
// FC_SEED=random explores a fresh one (printed, so a failure can be replayed).
// fast-check prints the seed and the shrunk counterexample on failure, with
// expressions as text.
import fc from 'fast-check';
import { exprReporter } from '../src/testing/report.js';

const DEFAULT_SEED = 20261127;
const fromEnv = process.env.FC_SEED;
const seed = fromEnv === undefined ? DEFAULT_SEED : fromEnv === 'random' ? Date.now() % 2 ** 31 : Number(fromEnv);
if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer or 'random', got ${fromEnv}`);
if (fromEnv === 'random') console.log(`fast-check seed: ${seed} (replay with FC_SEED=${seed})`);
fc.configureGlobal({ seed, numRuns: 200, endOnFailure: true, reporter: exprReporter });
