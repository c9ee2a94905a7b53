// Types for bench/evaluate.js (plain ESM JavaScript).
import type { Expr } from '../src/core/expr.js';
export declare function evaluate(e: Expr, scope: Readonly<Record<string, number>>): number;
