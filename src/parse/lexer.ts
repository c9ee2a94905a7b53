// The moo lexer. A name directly followed by `(` (spaces allowed) lexes as a
// function name, so `f(x)` is a call and the grammar never has to guess
// between a call and an implicit product. The logical words (and, or, not)
// are keywords even before a bracket: `not (x > 0)` is a negation.
//
// Two lexers share the rules: expressions have no pattern variables, so a `?`
// there is always the conditional's (`x>0?a:b`); rules have them (`?a`).
import moo from 'moo';

// Latin letters with accents and Greek; the multiplication and division
// signs sit inside the Latin-1 block, so they are cut out of it.
const LETTER = 'A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0370-\\u03FF';
const NAME = `[${LETTER}][${LETTER}0-9]*`;

/** Words that are never names. */
export const KEYWORDS: readonly string[] = ['if', 'and', 'or', 'not'];
const keywords = moo.keywords({ keyword: [...KEYWORDS] });

const rules = (patterns: boolean): moo.Rules => ({
  ws: /[ \t\r\f\v\u00A0]+/,
  nl: { match: /\n/, lineBreaks: true },
  number: /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/,
  func: { match: new RegExp(`${NAME}'*(?=[ \\t\\r\\n]*\\()`), type: keywords },
  ident: { match: new RegExp(NAME), type: keywords },
  ...(patterns ? { pvar: new RegExp(`\\?${NAME}`) } : {}),
  arrow: '=>',
  ge: '>=',
  le: '<=',
  ne: '!=',
  eq: '==',
  gt: '>',
  lt: '<',
  pow: ['**', '^', '.^'],
  op: ['+', '-', '*', '/', '!', '|', ',', ':', '(', ')', "'", '.*', './', '?', '='],
  unicodeOp: ['−', '×', '·', '÷', '≤', '≥', '≠'],
  error: moo.error,
});

/** The lexer of rules (pattern variables ?a). */
export const lexer = moo.compile(rules(true));
/** The lexer of expressions and definitions. */
export const exprLexer = moo.compile(rules(false));

/** How a token type is named in error messages. */
export const TOKEN_NAMES: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  number: 'a number',
  ident: 'a name',
  func: 'a function name',
  pvar: 'a pattern variable like ?a',
  keyword: 'a keyword',
  lt: "'<'",
  le: "'<='",
  gt: "'>'",
  ge: "'>='",
  eq: "'=='",
  ne: "'!='",
});
