// Types for bench/suites/compute-engine.js (plain ESM JavaScript, read by test/compute-engine-suite.test.ts).
import type { Expr } from '../../src/core/expr.js';
import type { Conversion } from './mathematica.js';
export interface Case {
  readonly index: number;
  readonly line: number;
  readonly describe: string;
  readonly test: string;
  readonly ceSkipped: boolean;
  readonly strategy?: 'fu';
  readonly input?: unknown;
  readonly expected?: unknown;
  inputText?: string;
  expectedText?: string;
  reasons?: string[];
}
export interface NumericCheck {
  readonly points: number;
  readonly disagree: readonly { readonly at: Record<string, number>; readonly input: number; readonly out: number }[];
  readonly lost: number;
}
export declare function testFile(dir: string): string;
export declare function readLiteral(text: string, i: number): { readonly value: unknown; readonly end: number };
export declare function readCases(text: string): Case[];
export declare function toLeibnizSyntax(arg: unknown): Conversion;
export declare function convertCases(cases: Case[]): Case[];
export declare function numericCheck(L: { freeSymbols(e: Expr): Iterable<string> }, input: Expr, out: Expr, seed: number): NumericCheck;
