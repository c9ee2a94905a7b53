// Types for bench/suites/latex.js (plain ESM JavaScript, read by test/compute-engine-suite.test.ts).
import type { Conversion, MathematicaTree } from './mathematica.js';
export type LatexTree = MathematicaTree | { readonly rel: string; readonly a: MathematicaTree; readonly b: MathematicaTree };
export declare class LatexSyntaxError extends Error {}
export declare function readLatex(src: string): { readonly tree: LatexTree; readonly reasons: readonly string[] };
export declare function latexToLeibniz(src: string): Conversion;
export declare function readMathJson(json: unknown): { readonly tree: MathematicaTree; readonly reasons: readonly string[] };
export declare function mathJsonToLeibniz(json: unknown): Conversion;
