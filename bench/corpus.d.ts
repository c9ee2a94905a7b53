// Types for bench/corpus.js (plain ESM JavaScript, read by the corpus test).
export interface CorpusEntry {
  readonly name: string;
  readonly group: string;
  readonly src: string;
  readonly wrt: readonly string[];
  readonly at?: Readonly<Record<string, readonly [number, number]>>;
  readonly mathjs?: false;
  readonly why?: string;
}
export interface CorpusItem {
  readonly entry: CorpusEntry;
  readonly wrt: string;
  readonly key: string;
}
export declare const CORPUS: readonly CorpusEntry[];
export declare const ITEMS: readonly CorpusItem[];
