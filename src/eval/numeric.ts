// The float64 value of every known function, by name: a view of the registry
// (src/core/functions.ts), so that evaluate, the sign analysis and anything
// else that needs a function's number agree.
import { FUNCTIONS } from '../core/functions.js';

export type NumericFunction = (...args: number[]) => number;

export const NUMERIC: ReadonlyMap<string, NumericFunction> = new Map([...FUNCTIONS.values()].map((f) => [f.name, f.float]));
