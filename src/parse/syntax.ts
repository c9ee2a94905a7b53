// The parse tree the grammar's postprocessors build: plain objects with the
// source position of each operator, so that lowering to the core can report
// errors (division by zero, wrong arity) at the right place. Postprocessors
// only build these; they never throw, since Earley also completes items that
// the final parse does not use.
import type { Token } from 'moo';

export interface Pos {
  readonly offset: number;
  readonly line: number;
  readonly col: number;
}

export type Syn =
  | { readonly t: 'num'; readonly text: string; readonly at: Pos }
  | { readonly t: 'sym'; readonly name: string; readonly at: Pos }
  | { readonly t: 'bin'; readonly op: BinOp; readonly l: Syn; readonly r: Syn; readonly at: Pos }
  | { readonly t: 'neg'; readonly x: Syn; readonly at: Pos }
  | { readonly t: 'fact'; readonly x: Syn; readonly at: Pos }
  | { readonly t: 'prime'; readonly x: Syn; readonly at: Pos } // x': a transpose (shaped values only)
  | { readonly t: 'call'; readonly name: string; readonly primes: number; readonly args: readonly Syn[]; readonly at: Pos }
  | { readonly t: 'tower'; readonly top: Link; readonly at: Pos }
  | { readonly t: 'dcall'; readonly name: string; readonly wrt: readonly string[]; readonly args: readonly Syn[]; readonly at: Pos }
  // Conditions: a chain of comparisons a < b <= c, and/or, not; and the conditional c ? a : b.
  | { readonly t: 'cmp'; readonly top: CmpLink; readonly at: Pos }
  | { readonly t: 'logic'; readonly op: 'and' | 'or'; readonly l: Syn; readonly r: Syn; readonly at: Pos }
  | { readonly t: 'not'; readonly x: Syn; readonly at: Pos }
  | { readonly t: 'ternary'; readonly c: Syn; readonly a: Syn; readonly b: Syn; readonly at: Pos };

export type CmpOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** One step of a chain of comparisons, linked back to the step before it (op null for the first operand). */
export interface CmpLink {
  readonly prev: CmpLink | null;
  readonly op: CmpOp | null;
  readonly x: Syn;
  readonly at: Pos;
}

/** A definition name(params) = body, as parsed. */
export interface SynDefinition {
  readonly name: string;
  readonly params: readonly { readonly name: string; readonly at: Pos }[];
  readonly body: Syn;
  readonly at: Pos;
}

/** One step of a power tower a^b^c, linked back to the step before it. */
export interface Link {
  readonly prev: Link | null;
  readonly signs: readonly Token[]; // unary signs in front of x: a^-b
  readonly x: Syn;
  readonly at: Pos; // the ^ before x (the base's own position for the first link)
  readonly dot: boolean; // written .^ (elementwise)
}

export type BinOp = '+' | '-' | '*' | '/' | '^' | '.*' | './';

export interface SynGuard {
  readonly v: string;
  readonly test: string;
  readonly at: Pos;
}

export interface SynRule {
  readonly name: string;
  readonly lhs: Syn;
  readonly rhs: Syn;
  readonly guards: readonly SynGuard[];
}

const pos = (tok: Token): Pos => ({ offset: tok.offset, line: tok.line, col: tok.col });

// Typed builders, one per grammar production kind.
export const number = (tok: Token): Syn => ({ t: 'num', text: tok.value, at: pos(tok) });
export const symbol = (tok: Token): Syn => ({ t: 'sym', name: tok.value === 'π' ? 'pi' : tok.value, at: pos(tok) });
export const binary = (l: Syn, op: Token | BinOp, r: Syn): Syn => {
  const o = typeof op === 'string' ? op : op.value;
  const norm: BinOp = o === '**' ? '^' : o === '−' ? '-' : o === '×' || o === '·' ? '*' : o === '÷' ? '/' : (o as BinOp);
  return { t: 'bin', op: norm, l, r, at: typeof op === 'string' ? synPos(r) : pos(op) };
};
/** Implicit multiplication: `2x`, `x y`, `(a)(b)`. */
export const juxtapose = (l: Syn, r: Syn): Syn => ({ t: 'bin', op: '*', l, r, at: synPos(r) });
export const negate = (op: Token, x: Syn): Syn => ({ t: 'neg', x, at: pos(op) });
export const factorial = (x: Syn, op: Token): Syn => ({ t: 'fact', x, at: pos(op) });
export const prime = (x: Syn, op: Token): Syn => ({ t: 'prime', x, at: pos(op) });
export const abs = (bar: Token, x: Syn): Syn => ({ t: 'call', name: 'abs', primes: 0, args: [x], at: pos(bar) });
export const call = (fn: Token, args: Syn[]): Syn => {
  const primes = /'*$/.exec(fn.value)![0].length;
  return { t: 'call', name: fn.value.slice(0, fn.value.length - primes), primes, args, at: pos(fn) };
};
/** `D(f, 1, 2)(x, y)`: a partial derivative of an undefined function. */
export const partial = (fn: Token, f: Token, wrt: Token[], args: Syn[]): Syn => ({
  t: 'dcall',
  name: f.value,
  wrt: wrt.map((w) => w.value),
  args,
  at: pos(fn),
});
export const link = (prev: Link | null, op: Token | null, signs: Token[], x: Syn): Link => ({
  prev,
  signs,
  x,
  at: op ? pos(op) : x.at,
  dot: op?.value === '.^',
});
export const tower = (top: Link): Syn => ({ t: 'tower', top, at: top.at });
const CMP: Record<string, CmpOp> = { '≤': '<=', '≥': '>=', '≠': '!=' };
export const cmpLink = (prev: CmpLink | null, op: Token | null, x: Syn): CmpLink => ({
  prev,
  op: op ? (CMP[op.value] ?? (op.value as CmpOp)) : null,
  x,
  at: op ? pos(op) : x.at,
});
export const compare = (top: CmpLink): Syn => ({ t: 'cmp', top, at: top.at });
export const logic = (l: Syn, op: Token, r: Syn): Syn => ({ t: 'logic', op: op.value as 'and' | 'or', l, r, at: pos(op) });
export const not = (op: Token, x: Syn): Syn => ({ t: 'not', x, at: pos(op) });
export const ternary = (q: Token, c: Syn, a: Syn, b: Syn): Syn => ({ t: 'ternary', c, a, b, at: pos(q) });
export const definition = (fn: Token, params: Token[], body: Syn): SynDefinition => ({
  name: fn.value,
  params: params.map((p) => ({ name: p.value, at: pos(p) })),
  body,
  at: pos(fn),
});
export const guard = (v: Token, test: string): SynGuard => ({ v: v.value, test, at: pos(v) });
export const rule = (name: string, lhs: Syn, rhs: Syn, guards: SynGuard[]): SynRule => ({ name, lhs, rhs, guards });

export function synPos(s: Syn): Pos {
  return s.at;
}
