// The moo lexer. A name directly followed by `(` (spaces allowed) lexes as a
// function name, so `f(x)` is a call and the grammar never has to guess
// between a call and an implicit product.
import moo from 'moo';

// Latin letters with accents and Greek; the multiplication and division
// signs sit inside the Latin-1 block, so they are cut out of it.
const LETTER = 'A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0370-\\u03FF';
const NAME = `[${LETTER}][${LETTER}0-9]*`;

export const lexer = moo.compile({
  ws: /[ \t\r\f\v\u00A0]+/,
  nl: { match: /\n/, lineBreaks: true },
  number: /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/,
  func: new RegExp(`${NAME}'*(?=[ \\t\\r\\n]*\\()`),
  ident: { match: new RegExp(NAME), type: moo.keywords({ keyword: ['if', 'and'] }) },
  pvar: new RegExp(`\\?${NAME}`),
  arrow: '=>',
  ge: '>=',
  ne: '!=',
  gt: '>',
  pow: ['**', '^', '.^'],
  op: ['+', '-', '*', '/', '!', '|', ',', ':', '(', ')', "'", '.*', './'],
  unicodeOp: ['−', '×', '·', '÷'],
  error: moo.error,
});

/** How a token type is named in error messages. */
export const TOKEN_NAMES: Record<string, string> = {
  number: 'a number',
  ident: 'a name',
  func: 'a function name',
  pvar: 'a pattern variable like ?a',
  keyword: 'a keyword',
};
