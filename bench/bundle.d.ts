// Types for bench/bundle.js (plain ESM JavaScript, read by test/package.test.ts).
export declare const ENTRIES: readonly { readonly name: string; readonly names: readonly string[] | null }[];
export declare const BUDGETS: { readonly core: number; readonly everything: number };
export declare function bundle(names: readonly string[] | null, dir?: string): Promise<{ minified: number; gzipped: number }>;
export declare function run(): Promise<unknown>;
