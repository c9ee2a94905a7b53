// Property tests are reproducible: a fixed seed in CI (or FC_SEED), a fresh one
// locally; fast-check prints the seed and the shrunk counterexample on failure,
// with expressions as text.
import fc from 'fast-check';
import { exprReporter } from '../src/testing/report.js';

const fromEnv = process.env.FC_SEED;
const seed = fromEnv !== undefined ? Number(fromEnv) : process.env.CI ? 20261127 : Date.now() % 2 ** 31;
fc.configureGlobal({ seed, numRuns: 200, endOnFailure: true, reporter: exprReporter });
