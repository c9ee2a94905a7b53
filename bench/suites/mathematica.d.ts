// Types for bench/suites/mathematica.js (plain ESM JavaScript, read by test/mathematica-syntax.test.ts).
export type MathematicaTree =
  | { readonly t: 'num'; readonly v: string }
  | { readonly t: 'sym'; readonly name: string }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'call'; readonly head: string; readonly args: readonly MathematicaTree[] }
  | { readonly t: 'list'; readonly items: readonly MathematicaTree[] }
  | { readonly t: 'bin'; readonly op: string; readonly a: MathematicaTree; readonly b: MathematicaTree }
  | { readonly t: 'neg'; readonly a: MathematicaTree }
  | { readonly t: 'not'; readonly a: MathematicaTree };
export interface Conversion {
  /** The leibniz syntax, or null when reasons is not empty. */
  readonly text: string | null;
  /** What leibniz does not have, sorted. */
  readonly reasons: readonly string[];
}
export interface ConvertOptions {
  /** The Mathematica version an If[$VersionNumber < n, a, b] is decided for (default 13). */
  readonly version?: number;
}
export declare const LEIBNIZ_RESERVED: ReadonlySet<string>;
export declare function variableName(name: string): string;
export declare class MathematicaSyntaxError extends Error {}
export declare function stripComments(src: string): string;
export declare function parseMathematica(src: string): MathematicaTree;
export declare function topLevelExpressions(fileText: string): { readonly src: string; readonly line: number }[];
export declare function convert(tree: MathematicaTree, options?: ConvertOptions): Conversion;
export declare function toLeibniz(src: string, options?: ConvertOptions): Conversion;
