// Lowering: parse tree -> canonical core, iteratively (inputs nest 10,000
// deep). Subtraction, division and negation become add, mul and pow here.
// Chains such as a + b + c are gathered and built with one n-ary call, so a
// long sum costs linear time. Errors carry the position of the operator.
import {
  addOf,
  call,
  derivativeCall,
  div,
  mulOf,
  neg,
  num,
  pow,
  sub,
  sym,
  arityText,
} from '../core/build.js';
import { makeCall, type Expr } from '../core/expr.js';
import { ALIASES, FUNCTIONS } from '../core/functions.js';
import { parseDecimal } from '../core/rational.js';
import { isRecoverable } from '../core/budget.js';
import { instantiate, type Definition } from './definitions.js';
import type { CmpLink, Link, Pos, Syn } from './syntax.js';

/** Definitions the lowering puts in place, by name. */
type Defs = ReadonlyMap<string, Definition> | undefined;

/** A problem found while lowering, at a place in the source. */
export class LowerError extends Error {
  constructor(
    readonly at: Pos,
    message: string,
  ) {
    super(message);
  }
}

type Chain = { ops: Array<'+' | '-' | '*' | '/'>; items: Syn[] };

const ADDITIVE = new Set(['+', '-']);
// On scalars the elementwise .* and ./ are the plain product and quotient.
const MULTIPLICATIVE = new Set(['*', '/', '.*', './']);
const PLAIN: ReadonlyMap<string, Chain['ops'][number]> = new Map([['.*', '*'], ['./', '/']]);

/** Operands of a left-nested chain of + and - (or * and /), in order. */
function gather(s: Syn): Chain | null {
  if (s.t !== 'bin' || s.op === '^') return null;
  const family = ADDITIVE.has(s.op) ? ADDITIVE : MULTIPLICATIVE;
  const ops: Chain['ops'] = [];
  const items: Syn[] = [];
  let cur: Syn = s;
  while (cur.t === 'bin' && family.has(cur.op)) {
    ops.push(PLAIN.get(cur.op) ?? (cur.op as Chain['ops'][number]));
    items.push(cur.r);
    cur = cur.l;
  }
  items.push(cur);
  ops.push(family === ADDITIVE ? '+' : '*');
  return { ops: ops.reverse(), items: items.reverse() };
}

function kids(s: Syn, chains: Map<Syn, Chain>): readonly Syn[] {
  switch (s.t) {
    case 'num':
    case 'sym':
      return [];
    case 'bin': {
      if (s.op === '^') return [s.l, s.r];
      let c = chains.get(s);
      if (!c) {
        c = gather(s)!;
        chains.set(s, c);
      }
      return c.items;
    }
    case 'neg':
    case 'fact':
    case 'prime':
      return [s.x];
    case 'tower': {
      const items: Syn[] = [];
      for (let l: Link | null = s.top; l; l = l.prev) items.push(l.x);
      return items.reverse();
    }
    case 'call':
    case 'dcall':
      return s.args;
    case 'cmp':
      return cmpItems(s.top).items;
    case 'logic':
      return [s.l, s.r];
    case 'not':
      return [s.x];
    case 'ternary':
      return [s.c, s.a, s.b];
  }
}

/** The operands and operators of a chain of comparisons, in order. */
function cmpItems(top: CmpLink): { items: Syn[]; links: CmpLink[] } {
  const links: CmpLink[] = [];
  for (let l: CmpLink | null = top; l; l = l.prev) links.push(l);
  links.reverse();
  return { items: links.map((l) => l.x), links };
}

/** Functions whose value is a condition (1 true, 0 false), and those taking conditions. */
const CONDITIONS: ReadonlySet<string> = new Set(['lt', 'le', 'eq', 'ne', 'and', 'or', 'not']);
const ON_CONDITIONS: ReadonlySet<string> = new Set(['and', 'or', 'not']);

/** Whether a parse tree is a condition (true or false) rather than a number. */
function isCondition(s: Syn): boolean {
  if (s.t === 'cmp' || s.t === 'logic' || s.t === 'not') return true;
  return s.t === 'call' && s.primes === 0 && CONDITIONS.has(ALIASES.get(s.name) ?? s.name);
}

const opText = (s: Syn): string =>
  s.t === 'cmp' ? `'${s.top.op}'` : s.t === 'logic' ? `'${s.op}'` : s.t === 'not' ? "'not'" : s.t === 'call' ? `${s.name}(...)` : 'this';

function needNumber(k: Syn): void {
  if (isCondition(k)) {
    throw new LowerError(
      k.at,
      `${opText(k)} makes a condition (true or false), which is not a number: use it in a conditional (cond ? a : b) or piecewise(...)`,
    );
  }
}

function needCondition(k: Syn, where: string): void {
  if (!isCondition(k)) {
    throw new LowerError(k.at, `${where} must be a condition (a comparison such as x > 0, or conditions joined by and, or, not), not a number`);
  }
}

/** Conditions only where conditions belong: a type check on the parse tree, before lowering. */
function checkKinds(s: Syn, ks: readonly Syn[]): void {
  switch (s.t) {
    case 'ternary':
      needCondition(ks[0]!, "the condition before '?'");
      needNumber(ks[1]!);
      needNumber(ks[2]!);
      return;
    case 'logic':
    case 'not':
      for (const k of ks) needCondition(k, s.t === 'not' ? "the operand of 'not'" : `each side of '${s.op}'`);
      return;
    case 'call': {
      const name = ALIASES.get(s.name) ?? s.name;
      if (s.primes === 0 && ON_CONDITIONS.has(name)) {
        for (const k of ks) needCondition(k, `each argument of ${s.name}`);
        return;
      }
      if (s.primes === 0 && name === 'piecewise') {
        ks.forEach((k, i) => {
          if (i % 2 === 0 && i < ks.length - 1) needCondition(k, `argument ${i + 1} of piecewise (a condition, then its value, ..., then the value otherwise)`);
          else needNumber(k);
        });
        return;
      }
      for (const k of ks) needNumber(k);
      return;
    }
    default:
      for (const k of ks) needNumber(k);
  }
}

const COMPARE: Record<string, (a: Expr, b: Expr) => Expr> = {
  '<': (a, b) => call('lt', a, b),
  '<=': (a, b) => call('le', a, b),
  '>': (a, b) => call('lt', b, a),
  '>=': (a, b) => call('le', b, a),
  '==': (a, b) => call('eq', a, b),
  '!=': (a, b) => call('ne', a, b),
};

/**
 * Whether a power's exponent is the bare name T (x^T, not x^(T)): the way a
 * transpose is written. `src` is the parsed text, where the brackets are.
 */
export const isTransposeLink = (l: Link, src: string): boolean =>
  l.x.t === 'sym' && l.x.name === 'T' && !src.slice(l.at.offset, l.x.at.offset).includes('(');

const NO_SHAPES = (what: string): string =>
  `${what} reads as a transpose, but no shapes are declared: declare the shape of what is transposed ` +
  `(parse(src, { shapes: { x: ['n'] } }), or --shape x=n on the command line)`;

export function lower(root: Syn, src = '', defs?: Defs): Expr {
  const done = new Map<Syn, Expr>();
  const chains = new Map<Syn, Chain>();
  const stack: Array<[Syn, boolean]> = [[root, false]];
  while (stack.length > 0) {
    const [s, expanded] = stack.pop()!;
    if (done.has(s)) continue;
    const ks = kids(s, chains);
    if (!expanded) {
      stack.push([s, true]);
      for (let i = ks.length - 1; i >= 0; i--) if (!done.has(ks[i]!)) stack.push([ks[i]!, false]);
      continue;
    }
    const vals = ks.map((k) => done.get(k)!);
    checkKinds(s, ks);
    try {
      done.set(s, build(s, vals, chains, src, defs));
    } catch (e) {
      if (isRecoverable(e)) throw new LowerError(s.at, e.message);
      throw e;
    }
  }
  return done.get(root)!;
}

function build(s: Syn, vals: Expr[], chains: Map<Syn, Chain>, src: string, defs: Defs): Expr {
  switch (s.t) {
    case 'num':
      return num(parseDecimal(s.text));
    case 'sym':
      if (defs?.has(s.name)) throw new LowerError(s.at, `'${s.name}' is a defined function, not a variable: write ${s.name}(${defs.get(s.name)!.params.join(', ')}) with parentheses`);
      return symbol(s);
    case 'neg':
      return neg(vals[0]!);
    case 'fact':
      // x!! is the double factorial in print; reading it as (x!)! would be a silent misreading.
      if (s.x.t === 'fact' && src.slice(s.x.at.offset + 1, s.at.offset).trim() === '') {
        throw new LowerError(s.x.at, "!! is the double factorial, which leibniz does not have; for the factorial of a factorial write (n!)!");
      }
      return call('factorial', vals[0]!);
    case 'prime':
      throw new LowerError(s.at, NO_SHAPES(`a postfix '`));
    case 'tower': {
      for (let l: Link | null = s.top; l?.prev; l = l.prev) {
        if (isTransposeLink(l, src)) throw new LowerError(l.at, `${NO_SHAPES('^T')}; for a power write ^(T)`);
      }
      // Right-associative: fold from the top, applying each link's signs to
      // everything above it (a^-b^c = a^(-(b^c))).
      let l: Link = s.top;
      let acc = vals[vals.length - 1]!;
      for (let i = vals.length - 2; i >= 0; i--) {
        for (const sign of l.signs) if (sign.text !== '+') acc = neg(acc);
        const at = l.at;
        l = l.prev!;
        try {
          acc = pow(vals[i]!, acc);
        } catch (e) {
          if (isRecoverable(e)) throw new LowerError(at, e.message);
          throw e;
        }
      }
      return acc;
    }
    case 'bin': {
      if (s.op === '^') return pow(vals[0]!, vals[1]!);
      const { ops, items } = chains.get(s)!;
      if (ops.every((o) => o === '+')) return addOf(vals);
      if (ops.every((o) => o === '*')) return mulOf(vals);
      const out: Expr[] = [];
      for (let i = 0; i < vals.length; i++) {
        const o = ops[i]!;
        if (o === '/') {
          if (isExactZero(vals[i]!)) throw new LowerError(opPos(s, items, i), `division by zero: the divisor is exactly 0`);
          out.push(div(1, vals[i]!));
        } else out.push(o === '-' ? sub(0, vals[i]!) : vals[i]!);
      }
      return ADDITIVE.has(s.op) ? addOf(out) : mulOf(out);
    }
    case 'call': {
      const def = s.primes === 0 ? defs?.get(s.name) : undefined;
      if (def) {
        if (vals.length !== def.params.length) {
          throw new LowerError(s.at, `${s.name} takes ${arityText(def.params.length, def.params.length)} (${def.source}), but was given ${vals.length}`);
        }
        // A replaced built-in is put in place (its call would be the built-in's); others stay calls.
        return def.shadows ? instantiate(def, vals) : makeCall(s.name, vals);
      }
      if (s.primes > 0 && defs?.has(s.name)) throw new LowerError(s.at, `${s.name}' is not allowed: differentiate ${s.name} instead`);
      const name = ALIASES.get(s.name) ?? s.name;
      const known = FUNCTIONS.get(name);
      if (known && s.primes > 0) throw new LowerError(s.at, `${s.name}' is not allowed: differentiate ${s.name} instead`);
      if (known && (vals.length < known.minArgs || vals.length > known.maxArgs)) {
        throw new LowerError(s.at, `${s.name} takes ${arityText(known.minArgs, known.maxArgs)}, but was given ${vals.length}`);
      }
      if (s.primes > 0) {
        if (vals.length !== 1) throw new LowerError(s.at, `primes mark derivatives of one-argument functions; use D(${s.name}, i)(...) for partials`);
        return derivativeCall(name, vals, new Array<number>(s.primes).fill(0));
      }
      return call(name, ...vals);
    }
    case 'cmp': {
      const { links } = cmpItems(s.top);
      const tests: Expr[] = [];
      for (let i = 1; i < links.length; i++) tests.push(COMPARE[links[i]!.op!]!(vals[i - 1]!, vals[i]!));
      return tests.length === 1 ? tests[0]! : call('and', ...tests);
    }
    case 'logic':
      return call(s.op, vals[0]!, vals[1]!);
    case 'not':
      return call('not', vals[0]!);
    case 'ternary':
      return call('piecewise', vals[0]!, vals[1]!, vals[2]!);
    case 'dcall': {
      const wrt = s.wrt.map((w) => Number(w));
      const bad = wrt.find((w) => !Number.isInteger(w) || w < 1 || w > vals.length);
      if (bad !== undefined) throw new LowerError(s.at, `D(${s.name}, ...): argument number ${bad} is not between 1 and ${vals.length}`);
      if (FUNCTIONS.has(ALIASES.get(s.name) ?? s.name)) throw new LowerError(s.at, `D(...) is for undefined functions; ${s.name} is built in`);
      return derivativeCall(s.name, vals, wrt.map((w) => w - 1));
    }
  }
}

/**
 * A known function's name is never a variable: `sin x`, `ln x` and `sin^2(x)`
 * would otherwise be read as products with a variable named `sin` or `ln`, a
 * silent misreading. They are refused with the spelling that means what the
 * textbook means; function calls need parentheses.
 */
function symbol(s: Extract<Syn, { t: 'sym' }>): Expr {
  const message = functionAsVariable(s.name);
  if (message !== undefined) throw new LowerError(s.at, message);
  return sym(s.name);
}

/** The message for a known function's name used without parentheses; undefined for other names. */
export function functionAsVariable(name: string): string | undefined {
  const fn = ALIASES.get(name) ?? name;
  const info = FUNCTIONS.get(fn);
  if (info === undefined) return undefined;
  const args = info.minArgs > 1 ? 'x, y' : 'x';
  return `'${name}' is a function, not a variable: write ${name}(${args}) with parentheses (and ${name}(x)^2 for ${name}^2 x)`;
}

const isExactZero = (e: Expr): boolean => e.kind === 'num' && e.value.p === 0n;

// The position of the operator in front of chain item i: the node whose right operand it is.
function opPos(s: Syn, items: readonly Syn[], i: number): Pos {
  let cur: Syn = s;
  for (let k = items.length - 1; k > i && cur.t === 'bin'; k--) cur = cur.l;
  return cur.at;
}
