// parse() and parseRule(): text -> canonical core. nearley is fed one token at
// a time; before each token we check that some parser state can take it, so a
// syntax error is reported by us (where, what was expected) and never by
// nearley's own error path.
import { arg, argError, expectExprOrText, expectString } from '../core/check-args.js';
import { intern } from '../core/build.js';
import nearley from 'nearley';
import type { Token } from 'moo';
import type { Expr } from '../core/expr.js';
import { postorder } from '../core/traverse.js';
import type { Budget } from '../core/budget.js';
import { ParseError, listOr } from './errors.js';
import grammar from './generated/grammar.js';
import { exprLexer, lexer as ruleLexer, TOKEN_NAMES } from './lexer.js';
import { guardGrammars } from './nearleyGuard.js';
import { LowerError, functionAsVariable, lower } from './lower.js';
import type { Guard, GuardTest, Rule } from './rule.js';
import type { Pos, Syn, SynDefinition, SynRule } from './syntax.js';
import { buildDefinitions, type DefineInput, type Definition, type Definitions } from './definitions.js';

export { ParseError } from './errors.js';

/** Inputs longer than this are refused with a ParseError (far beyond any real formula). */
export const MAX_INPUT_LENGTH = 200_000;

const GRAMMARS = {
  main: nearley.Grammar.fromCompiled(grammar),
  ruleMain: nearley.Grammar.fromCompiled({ ...grammar, ParserStart: 'ruleMain' }),
  defMain: nearley.Grammar.fromCompiled({ ...grammar, ParserStart: 'defMain' }),
};
guardGrammars(Object.values(GRAMMARS));
type Start = keyof typeof GRAMMARS;

type Symbol = string | { literal?: string; type?: string; test?: (t: unknown) => boolean };
interface EarleyState {
  rule: { symbols: Symbol[] };
  dot: number;
}

/** Hands nearley the one token we decided to feed. */
class OneToken {
  token: Token | undefined;
  reset(): void {}
  next(): Token | undefined {
    const t = this.token;
    this.token = undefined;
    return t;
  }
  save(): nearley.LexerState {
    return {};
  }
  formatError(): string {
    return '';
  }
  has(): boolean {
    return true;
  }
}

const UNICODE_OPS = new Set(["'×'", "'·'", "'÷'", "'−'"]);
// Everything that can follow an operand: listed one by one they hide what else is expected (':').
const OPERATOR = new Set(["'+'", "'-'", "'*'", "'/'", "'^'", "'!'", "'''", "'.*'", "'./'", "'<'", "'<='", "'>'", "'>='", "'=='", "'!='", "'≤'", "'≥'", "'≠'", "'and'", "'or'", "'?'"]);
const OPERAND = new Set(['a number', 'a name', 'a function name', "'('", "'|'", "'-'", "'+'", "'−'", 'a pattern variable like ?a']);

function expectedAt(parser: nearley.Parser): string[] {
  const column = (parser as unknown as { table: Array<{ scannable: EarleyState[] }> }).table[parser.current]!;
  const out = new Set<string>();
  for (const st of column.scannable) {
    const sym = st.rule.symbols[st.dot];
    if (typeof sym !== 'object') continue;
    if (sym.literal !== undefined) out.add(`'${sym.literal}'`);
    else if (sym.type !== undefined) out.add(TOKEN_NAMES[sym.type] ?? `'${sym.type}'`);
  }
  let list = [...out].filter((x) => !UNICODE_OPS.has(x)).map((x) => (x === "'pow'" ? "'^'" : x));
  // After an operand, juxtaposition makes every operand start possible too; "an operator" says it better.
  if (list.includes("'*'")) list = ['an operator', ...list.filter((x) => !OPERAND.has(x) && !OPERATOR.has(x))];
  // "an expression" reads better than the list of everything that can start one.
  else if (list.includes('a number') && list.includes('a name')) list = ['an expression', ...list.filter((x) => !OPERAND.has(x))];
  return list;
}

function accepts(parser: nearley.Parser, tok: Token): boolean {
  const column = (parser as unknown as { table: Array<{ scannable: EarleyState[] }> }).table[parser.current]!;
  return column.scannable.some((st) => {
    const sym = st.rule.symbols[st.dot];
    return typeof sym === 'object' && (sym.type !== undefined ? sym.type === tok.type : sym.literal === tok.text);
  });
}

const posOf = (t: Token): Pos => ({ offset: t.offset, line: t.line, col: t.col });

function describe(t: Token): string {
  if (t.type === 'number') return `number ${t.text}`;
  if (t.type === 'ident' || t.type === 'func') return `name '${t.text}'`;
  return `'${t.text}'`;
}

function endPos(src: string): Pos {
  const lines = src.split('\n');
  return { offset: src.length, line: lines.length, col: lines[lines.length - 1]!.length + 1 };
}

/**
 * Marks the outer pair of ((e)): it means (e), and the Earley parser would
 * spend a column of states on each bracket (99,999 nested pairs took seconds
 * and near a gigabyte). Not when the outer '(' is a call's (f((a, b)) is not
 * f(a, b)) or follows ')' (D(f, 1)((x, y))). Tokens are only skipped, so
 * every position and message stays that of the source.
 */
function redundantParens(toks: readonly Token[]): Uint8Array {
  const skip = new Uint8Array(toks.length);
  const close = new Int32Array(toks.length).fill(-1);
  const stack: number[] = [];
  for (let k = 0; k < toks.length; k++) {
    if (toks[k]!.text === '(') stack.push(k);
    else if (toks[k]!.text === ')' && stack.length > 0) close[stack.pop()!] = k;
  }
  for (let k = 0; k + 1 < toks.length; k++) {
    const c = close[k]!;
    if (c < 0 || toks[k + 1]!.text !== '(' || close[k + 1] !== c - 1) continue;
    const before = k > 0 ? toks[k - 1]! : undefined;
    if (before && (before.type === 'func' || before.type === 'keyword' || before.text === ')')) continue;
    skip[k] = 1;
    skip[c] = 1;
  }
  return skip;
}

/** All parse trees of `src` (exactly one for valid input; more would be a grammar bug). */
export function parseTrees(src: string, start: Start = 'main', meter?: Budget): unknown[] {
  if (typeof src !== 'string') throw argError('parse', arg(1, 'src'), "the text of an expression (like 'x^2')", src);
  if (src.length > MAX_INPUT_LENGTH) {
    throw new ParseError(src.slice(0, 200), { offset: MAX_INPUT_LENGTH, line: 1, col: 1 }, `input is ${src.length} characters long; the limit is ${MAX_INPUT_LENGTH}`);
  }
  const feeder = new OneToken();
  // Null-prototype options: nearley copies them with for...in, which would see inherited keys.
  const parser = new nearley.Parser(GRAMMARS[start], Object.assign(Object.create(null) as nearley.ParserOptions, { lexer: feeder }));
  const opens: Token[] = [];
  let last: Token | undefined;
  const lexer = start === 'ruleMain' ? ruleLexer : exprLexer;
  lexer.reset(src);
  const toks: Token[] = [];
  for (let tok = lexer.next(); tok !== undefined; tok = lexer.next()) if (tok.type !== 'ws' && tok.type !== 'nl') toks.push(tok);
  const skip = redundantParens(toks);
  for (let k = 0; k < toks.length; k++) {
    if (skip[k]) continue;
    const tok = toks[k]!;
    meter?.spend();
    if (tok.type === 'error') {
      const ch = String.fromCodePoint(tok.text.codePointAt(0)!);
      throw new ParseError(src, posOf(tok), `unexpected character '${ch}'`, expectedAt(parser));
    }
    if (tok.type === 'pvar' && start === 'main') {
      throw new ParseError(src, posOf(tok), `pattern variables like ${tok.text} are only allowed in rules`);
    }
    if (tok.text === ')' && opens.length === 0) {
      throw new ParseError(src, posOf(tok), `unbalanced ')': there is no '(' to close`);
    }
    if (!accepts(parser, tok)) {
      if (tok.text === '?' && /^\?[A-Za-z_]/.test(src.slice(tok.offset, tok.offset + 2))) {
        throw new ParseError(src, posOf(tok), `pattern variables like ${/^\?\w+/.exec(src.slice(tok.offset))![0]} are only allowed in rules`);
      }
      // `sin 2`, `log 10 x`: a function's name followed by what cannot follow a variable.
      const misread = last?.type === 'ident' ? functionAsVariable(last.text) : undefined;
      if (misread !== undefined) throw new ParseError(src, posOf(last!), misread);
      const after = last ? ` after ${describe(last)}` : '';
      const hint = tok.text === '=' ? ' (a comparison is written ==; a definition f(x) = ... is given with --define or definitions(...))' : '';
      throw new ParseError(src, posOf(tok), `unexpected ${describe(tok)}${after}${hint}`, expectedAt(parser));
    }
    if (tok.text === '(') opens.push(tok);
    if (tok.text === ')') opens.pop();
    feeder.token = tok;
    parser.feed('');
    last = tok;
  }
  const results = (parser.results ?? []) as unknown[];
  if (results.length === 0) {
    if (!last) throw new ParseError(src, endPos(src), 'empty input', ['an expression']);
    if (opens.length > 0) {
      throw new ParseError(src, posOf(opens[opens.length - 1]!), `unbalanced '(': it is never closed`, ["')'"]);
    }
    throw new ParseError(src, endPos(src), `unexpected end of input after ${describe(last)}`, expectedAt(parser));
  }
  return results;
}

export function unique<T>(src: string, start: Start, meter?: Budget): T {
  const results = parseTrees(src, start, meter);
  if (results.length > 1) throw new Error(`internal error: ${results.length} parses of ${JSON.stringify(src)}`);
  return results[0] as T;
}

export function lowered(src: string, s: Syn, defs?: ReadonlyMap<string, Definition>): Expr {
  try {
    return lower(s, src, defs);
  } catch (e) {
    if (e instanceof LowerError) throw new ParseError(src, e.at, e.message);
    throw e;
  }
}

/** An expression given as text or as a node: the API's functions take either. */
// A node not built here (a structured clone from a worker) is rebuilt from its fields, never trusted by id.
// With `fn`, anything but text or a node is a MathError naming the function and the argument.
export const toExpr = (e: Expr | string, fn?: string, what = arg(1, 'e')): Expr => {
  if (fn !== undefined) expectExprOrText(e, fn, what);
  return typeof e === 'string' ? parse(e) : intern(e);
};

/**
 * Parses a math expression into the canonical core. Throws ParseError for bad
 * input, and BudgetError past the limits of `meter` (an enclosing call's budget).
 * With definitions, their functions parse like built-ins, their bodies put in place.
 */
export function parse(src: string, define?: DefineInput, meter?: Budget): Expr {
  const defs = define === undefined ? undefined : definitions(define).byName;
  return lowered(src, unique<Syn>(src, 'main', meter), defs);
}

/** Reads definitions `name(params) = body` (see parse/definitions.ts). Throws ParseError. */
export function definitions(define: DefineInput): Definitions {
  return buildDefinitions(
    define,
    (src) => {
      const d = unique<SynDefinition>(src, 'defMain');
      return d;
    },
    (src, body, defs) => {
      if (body.t === 'cmp' || body.t === 'logic' || body.t === 'not') {
        throw new ParseError(src, body.at, `the body of a definition must be a number, not a condition: write (condition ? 1 : 0)`);
      }
      return lowered(src, body, defs);
    },
  );
}

const GUARD_TESTS: ReadonlySet<string> = new Set(['>0', '>=0', '!=0', 'integer', 'even', 'odd', 'constant']);

const patternVars = (e: Expr): Set<string> =>
  new Set(postorder(e).flatMap((n) => (n.kind === 'sym' && n.name.startsWith('?') ? [n.name] : [])));

/** Parses a rewrite rule: `name: lhs => rhs` or `name: lhs => rhs if ?a > 0 and ?n integer`. */
export function parseRule(src: string): Rule {
  expectString(src, 'parseRule', arg(1, 'src'), "a rule's text ('name: lhs => rhs')");
  const r = unique<SynRule>(src, 'ruleMain');
  const lhs = lowered(src, r.lhs);
  const rhs = lowered(src, r.rhs);
  const vars = patternVars(lhs);
  const guards: Guard[] = r.guards.map((g) => {
    if (!GUARD_TESTS.has(g.test)) {
      throw new ParseError(src, g.at, `unknown guard '${g.test}'`, [listOr([...GUARD_TESTS].map((t) => `'${t}'`))]);
    }
    if (!vars.has(g.v)) throw new ParseError(src, g.at, `guard on ${g.v}, which the left side does not use`);
    return { v: g.v, test: g.test as GuardTest };
  });
  for (const v of patternVars(rhs)) {
    if (!vars.has(v)) throw new ParseError(src, r.rhs.at, `${v} appears on the right side but not on the left`);
  }
  return { name: r.name, lhs, rhs, guards, source: src.trim() };
}
