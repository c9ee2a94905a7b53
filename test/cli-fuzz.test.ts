// Robustness of the whole pipeline a CLI user drives (parse -> derivative ->
// simplify -> printers -> evaluate), in-process, on hostile input: random
// strings, random Unicode, and near-valid expressions with a token deleted,
// inserted or swapped. The only errors allowed out are leibniz's own
// (ParseError with a position, MathError with a message); every case
// finishes within a time bound. The seed is the suite's (test/setup.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../src/core/expr.js';
import { MathError } from '../src/core/rational.js';
import { freeSymbols } from '../src/core/traverse.js';
import { derivative } from '../src/diff/derivative.js';
import { evaluate } from '../src/eval/evaluate.js';
import { ParseError, parse } from '../src/parse/parser.js';
import { toLatex } from '../src/print/latex.js';
import { toText } from '../src/print/text.js';
import { simplify } from '../src/simplify/simplify.js';
import { classify, EXIT, InputError, UsageError } from '../src/cli/errors.js';

type Stage = 'parse' | 'derivative' | 'simplify' | 'print' | 'evaluate';

/** Runs the pipeline; returns how far it got, or throws what escaped. */
function pipeline(src: string): Stage {
  const e = parse(src);
  const vars = freeSymbols(e);
  const d: Expr = derivative(e, vars[0] ?? 'x');
  const s = simplify(d);
  toText(s);
  toLatex(s);
  const scope = Object.fromEntries(vars.map((v, i) => [v, 0.37 + i]));
  const v = evaluate(s, scope);
  expect(typeof v).toBe('number');
  return 'evaluate';
}

interface Tally {
  ok: number;
  parseErrors: number;
  mathErrors: number;
}

/**
 * The property: only leibniz's own errors, with a message (and a position for
 * ParseError). Boundedness is the library's node and work budgets; a hang shows
 * as the test timeout, never as a wall-clock assertion (the machine is shared).
 */
function survives(src: string, tally: Tally): void {
  try {
    pipeline(src);
    tally.ok++;
  } catch (err) {
    if (err instanceof ParseError) {
      tally.parseErrors++;
      expect(err.reason.length).toBeGreaterThan(0);
      expect(err.offset).toBeGreaterThanOrEqual(0);
      expect(err.offset).toBeLessThanOrEqual(src.length);
      expect(err.line).toBeGreaterThanOrEqual(1);
      expect(err.column).toBeGreaterThanOrEqual(1);
      expect(err.message).toMatch(/\n {2}[^\n]*\n {2} *\^$/); // the excerpt and the caret
    } else if (err instanceof MathError) {
      tally.mathErrors++;
      expect(err.message.length).toBeGreaterThan(0);
    } else {
      throw new Error(`not a leibniz error for ${JSON.stringify(src)}: ${String(err)}`, { cause: err });
    }
  }
}

// ---------------------------------------------------------------- generators

const NAMES = ['x', 'y', 'z', 'x1', 'x_2', 'theta', 'θ', 'α', 'mu', 'sigma', 'pi', 'π', 'e', 'f', 'g'];
const NUMBERS = ['0', '1', '2', '3', '0.5', '.25', '1.5e-3', '2E3', '10', '99999999', '1e400', '0.1', '7'];
const UNARY = ['sin', 'cos', 'tan', 'sec', 'asin', 'acos', 'atan', 'acot', 'sinh', 'tanh', 'asinh', 'acosh', 'atanh', 'acoth',
  'exp', 'ln', 'log', 'log10', 'log2', 'sqrt', 'cbrt', 'abs', 'sign', 'floor', 'ceil', 'erf', 'gamma', 'factorial', 'arcsin', 'f', 'g'];
const BINARY = ['atan2', 'log', 'min', 'max', 'nthroot', 'g'];
const OPERATORS = ['+', '-', '*', '/', '^', '**', '×', '·', '÷', '−'];
const PUNCT = ['(', ')', ',', '|', '!', "'", '.', '=', '?a', ''];

type Tokens = string[];
const tok = (...t: string[]): Tokens => t;

/** Token lists of (mostly) valid expressions, in many syntaxes (implicit products, |x|, x!, f'(x), **). */
const { expr: validTokens } = fc.letrec<{ expr: Tokens; atom: Tokens; compound: Tokens }>((tie) => ({
  expr: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('atom'), tie('compound')),
  atom: fc.oneof(fc.constantFrom(...NAMES).map((n) => tok(n)), fc.constantFrom(...NUMBERS).map((n) => tok(n))),
  compound: fc.oneof(
    fc.tuple(tie('expr'), fc.constantFrom(...OPERATORS), tie('expr')).map(([a, op, b]) => ['(', ...a, ')', op, '(', ...b, ')']),
    fc.tuple(tie('atom'), fc.constantFrom(...OPERATORS), tie('atom')).map(([a, op, b]) => [...a, op, ...b]),
    fc.tuple(fc.constantFrom('2', '3', '10'), tie('atom')).map(([n, a]) => [n, ...a]), // 2x, implicit product
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => ['(', ...a, ')', '(', ...b, ')']),
    fc.tuple(fc.constantFrom(...UNARY), tie('expr')).map(([f, a]) => [f, '(', ...a, ')']),
    fc.tuple(fc.constantFrom(...BINARY), tie('expr'), tie('expr')).map(([f, a, b]) => [f, '(', ...a, ',', ...b, ')']),
    tie('expr').map((a) => ['-', '(', ...a, ')']),
    tie('expr').map((a) => ['|', ...a, '|']),
    tie('atom').map((a) => [...a, '!']),
    tie('expr').map((a) => ['f', "'", '(', ...a, ')']),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => ['D', '(', 'g', ',', '1', ')', '(', ...a, ',', ...b, ')']),
  ),
}));

const ANY_TOKEN = fc.constantFrom(...NAMES, ...NUMBERS, ...UNARY, ...BINARY, ...OPERATORS, ...PUNCT);

type Mutation = { kind: 'none' } | { kind: 'delete'; i: number } | { kind: 'insert'; i: number; t: string } | { kind: 'swap'; i: number; j: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: 'none' }),
  fc.nat().map((i): Mutation => ({ kind: 'delete', i })),
  fc.tuple(fc.nat(), ANY_TOKEN).map(([i, t]): Mutation => ({ kind: 'insert', i, t })),
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]): Mutation => ({ kind: 'swap', i, j })),
);

function mutate(tokens: Tokens, m: Mutation): Tokens {
  const out = [...tokens];
  const at = (i: number): number => i % (out.length + 1);
  switch (m.kind) {
    case 'none':
      break;
    case 'delete':
      if (out.length > 0) out.splice(m.i % out.length, 1);
      break;
    case 'insert':
      out.splice(at(m.i), 0, m.t);
      break;
    case 'swap': {
      if (out.length < 2) break;
      const i = m.i % out.length;
      const j = m.j % out.length;
      [out[i], out[j]] = [out[j]!, out[i]!];
      break;
    }
  }
  return out;
}

/** Near-valid text: a valid token list, mutated once or twice, joined tightly or with spaces. */
const nearValid = fc
  .tuple(validTokens, mutation, mutation, fc.boolean())
  .map(([t, m1, m2, spaced]) => mutate(mutate(t, m1), m2).join(spaced ? ' ' : ''));

const MATHY = [...'0123456789xyzepi+-*/^()|!,.\' \t\nsincoexplgqrtabθπα×·÷−_?=;[]{}<>#$'];
const mathyString = fc.string({ unit: fc.constantFrom(...MATHY), maxLength: 40 });
const unicodeString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  // lone surrogates and control characters as well
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
);

// ---------------------------------------------------------------- properties

describe('fuzzing the pipeline: parse -> derivative -> simplify -> print -> evaluate', () => {
  it('near-valid expressions (a token deleted, inserted or swapped)', () => {
    const tally: Tally = { ok: 0, parseErrors: 0, mathErrors: 0 };
    fc.assert(fc.property(nearValid, (src) => survives(src, tally)), { numRuns: 2000 });
    // The generator must exercise both sides: inputs that get through and inputs that do not.
    expect(tally.ok).toBeGreaterThan(200);
    expect(tally.parseErrors).toBeGreaterThan(200);
  });

  it('random strings over the characters of math', () => {
    const tally: Tally = { ok: 0, parseErrors: 0, mathErrors: 0 };
    fc.assert(fc.property(mathyString, (src) => survives(src, tally)), { numRuns: 1500 });
    expect(tally.ok).toBeGreaterThan(20);
  });

  it('random Unicode', () => {
    const tally: Tally = { ok: 0, parseErrors: 0, mathErrors: 0 };
    fc.assert(fc.property(unicodeString, (src) => survives(src, tally)), { numRuns: 1000 });
  });

  it.each([
    '10^10^10',
    '99999999^99999999',
    '1/10^400',
    '(10^400)^(1/2)',
    '1e400^(1/3)',
    '1000000!',
    'factorial(10^10)',
    'x^99999999',
    'x^(10^10^10)',
    'exp(exp(exp(exp(x))))^99999999',
    '((((((((((x))))))))))'.repeat(1),
    `${'('.repeat(5000)}x${')'.repeat(5000)}`,
    `${'-'.repeat(5000)}x`,
    `${'sqrt('.repeat(2000)}x${')'.repeat(2000)}`,
    'x/0',
    '0^-1',
    '1/(2-2)',
    'log(0)',
    'x^0^0',
  ])('a known hard input %# stays bounded and speaks leibniz', (src) => {
    survives(src, { ok: 0, parseErrors: 0, mathErrors: 0 });
  });
});

describe('what the CLI makes of an error', () => {
  it('ParseError, MathError, usage and input errors are bad input: status 2, their own message', () => {
    let parseError: unknown;
    try {
      parse('x +');
    } catch (err) {
      parseError = err;
    }
    const p = classify(parseError);
    expect(p).toMatchObject({ status: EXIT.usage, type: 'ParseError', position: { offset: 3, line: 1, column: 4 } });
    expect(p.message).toContain('^');
    expect(classify(new MathError('division by zero'))).toEqual({ status: 2, type: 'MathError', message: 'division by zero' });
    expect(classify(new UsageError('bad', 'diff'))).toEqual({ status: 2, type: 'UsageError', message: 'bad', command: 'diff' });
    expect(classify(new InputError('too big'))).toEqual({ status: 2, type: 'InputError', message: 'too big' });
  });

  it('anything else is an internal error: status 70, one line, no stack', () => {
    for (const err of [new TypeError('x is undefined\n    at foo (a.js:1:2)'), new RangeError('Maximum call stack size exceeded'), 'a string', undefined]) {
      const r = classify(err);
      expect(r.status).toBe(70);
      expect(r.type).toBe('InternalError');
      expect(r.message).not.toContain('\n');
      expect(r.message).toMatch(/^internal error/);
    }
  });
});
