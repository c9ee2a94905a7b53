// Rendering results: expressions, vectors and matrices in text, LaTeX or JS,
// the JSON shape shared by every command, and the size guard that refuses to
// print a result whose written-out form would be gigantic.
import type { Expr } from '../core/expr.js';
import { printedSize, tooLargeToPrint } from '../print/size.js';
import { toLatex } from '../print/latex.js';
import { toText } from '../print/text.js';
import { toJS } from '../print/js.js';
import type { Format } from './command.js';
import { InputError } from './errors.js';
import type { PrintOptions } from '../print/decimal.js';

type Shown = Exclude<Format, 'json'>;

/**
 * Results are shared graphs; written out as text every shared subterm is
 * repeated. Beyond this many nodes in the written-out tree a result is not
 * printed (it would be megabytes of text); `leibniz compile` handles it.
 */
export const MAX_PRINTED_NODES = 1_000_000;

export { printedSize };

export function guardSize(what: string, ...roots: Expr[]): void {
  const why = tooLargeToPrint(what, roots, MAX_PRINTED_NODES);
  if (why) throw new InputError(`${why}; 'leibniz compile --grad' computes derivatives without printing them`);
}


export function showExpr(e: Expr, format: Shown, o?: PrintOptions): string {
  switch (format) {
    case 'text':
      return toText(e, o);
    case 'latex':
      return toLatex(e, o);
    case 'js':
      return toJS(e);
  }
}

/** A vector: one labelled line per entry in text, a column in LaTeX, an array in JS. */
export function showVector(es: readonly Expr[], labels: readonly string[], format: Shown, o?: PrintOptions): string {
  switch (format) {
    case 'text':
      return es.map((e, i) => `${labels[i]} = ${toText(e, o)}`).join('\n');
    case 'latex':
      return `\\begin{pmatrix} ${es.map((e) => toLatex(e, o)).join(' \\\\ ')} \\end{pmatrix}`;
    case 'js':
      return `[${es.map((e) => toJS(e)).join(', ')}]`;
  }
}

/** A matrix: one bracketed row per line in text, pmatrix in LaTeX, nested arrays in JS. */
export function showMatrix(rows: readonly (readonly Expr[])[], format: Shown, o?: PrintOptions): string {
  switch (format) {
    case 'text':
      return rows.map((r) => `[${r.map((e) => toText(e, o)).join(', ')}]`).join('\n');
    case 'latex':
      return `\\begin{pmatrix} ${rows.map((r) => r.map((e) => toLatex(e, o)).join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;
    case 'js':
      return `[${rows.map((r) => `[${r.map((e) => toJS(e)).join(', ')}]`).join(', ')}]`;
  }
}

export const exprJson = (e: Expr, o?: PrintOptions): { text: string; latex: string } => ({ text: toText(e, o), latex: toLatex(e, o) });
export const vectorJson = (es: readonly Expr[], o?: PrintOptions): { text: string[]; latex: string[] } => ({
  text: es.map((e) => toText(e, o)),
  latex: es.map((e) => toLatex(e, o)),
});
export const matrixJson = (rows: readonly (readonly Expr[])[], o?: PrintOptions): { text: string[][]; latex: string[][] } => ({
  text: rows.map((r) => r.map((e) => toText(e, o))),
  latex: rows.map((r) => r.map((e) => toLatex(e, o))),
});

/** The JSON shape every command shares; command-specific fields follow. */
export function resultJson(
  command: string,
  input: string | readonly string[],
  variables: readonly string[],
  result: unknown,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { command, input, variables: [...variables], result, ...extra };
}
