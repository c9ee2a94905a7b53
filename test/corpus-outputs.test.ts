// Pins what leibniz prints for every benchmark corpus derivative (bench/corpus.js):
// text, LaTeX, toJS and the compiled value and gradient code. The snapshot was written by the code
// before the function registry and the single JavaScript generator (issue 16), so
// refactoring them cannot change an output unnoticed. A deliberate change of
// output updates the snapshot (vitest -u) in the same commit, with the reason.
import { describe, expect, it } from 'vitest';
import { ITEMS } from '../bench/corpus.js';
import { derivative } from '../src/diff/derivative.js';
import { freeSymbols } from '../src/core/traverse.js';
import { parse } from '../src/parse/parser.js';
import { toText } from '../src/print/text.js';
import { toLatex } from '../src/print/latex.js';
import { toJS } from '../src/print/js.js';
import { valueFactory } from '../src/compile/compile.js';
import { gradientFactory } from '../src/compile/gradient.js';

describe('benchmark corpus outputs', () => {
  it('are the pinned ones', () => {
    const out: Record<string, Record<string, string>> = {};
    for (const { entry, wrt, key } of ITEMS) {
      const d = derivative(entry.src, wrt);
      const vars = freeSymbols(parse(entry.src));
      out[key] = { text: toText(d), latex: toLatex(d), js: toJS(d), value: valueFactory(d, vars).factory, gradient: gradientFactory(d, vars).factory };
    }
    expect(out).toMatchSnapshot();
  });
});
