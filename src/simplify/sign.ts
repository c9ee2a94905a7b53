// Sign and domain analysis: what is known about the value of an expression at
// EVERY real point where it is defined. Rule guards are decided here, so a
// fact may only be claimed when it is certain; "unknown" means a guarded rule
// does not fire. Computed bottom-up over the shared graph (iterative, memo by
// node id; nodes are immutable, so the memo never goes stale).
import { nodeMemo } from '../core/memo.js';
import type { Expr } from '../core/expr.js';
import { fold } from '../core/traverse.js';
import { ratToNumber } from '../core/rational.js';
import type { Guard } from '../parse/rule.js';
import { FUNCTIONS } from '../core/functions.js';
import { CONST, EVEN, GE1, INT, NEG, NONNEG, NONPOS, NONZERO, ODD, POS, close } from '../core/facts.js';
import { NUMERIC } from '../eval/numeric.js';

/** What is certain about a value wherever the expression is defined. */
export interface SignFacts {
  readonly positive: boolean;
  readonly nonnegative: boolean;
  readonly negative: boolean;
  readonly nonpositive: boolean;
  readonly nonzero: boolean;
  readonly integer: boolean;
  readonly even: boolean;
  readonly odd: boolean;
  /** No free symbols (only numbers, pi, e and known functions of them). */
  readonly constant: boolean;
  /** Value >= 1 (cosh, exp of a nonnegative, 1 + a nonnegative ...): log of it is >= 0. */
  readonly atLeastOne: boolean;
}

interface Info {
  bits: number;
  /** Float value of a constant expression (NaN when not constant or not computable). */
  value: number;
  /** Largest magnitude met computing that value: a sum that cancels far below it decides no sign. */
  mag: number;
}

// A constant's float value decides its sign only when it is clearly away from 0,
// relative to the largest magnitude met on the way (cosh(20)^2 - sinh(20)^2 - 1
// is 0, whatever the floats say): float error is far below this.
const SIGN_EPS = 1e-9;

function fromValue(v: number, mag: number): number {
  const eps = SIGN_EPS * Math.max(1, mag);
  if (!Number.isFinite(v) || !Number.isFinite(mag) || Math.abs(v) < eps) return 0;
  return v > 0 ? (v >= 1 + eps ? GE1 | POS : POS) : NEG;
}

const memo = nodeMemo<Info>();

/** Sign facts of `e` (certain wherever e is defined). */
export function signOf(e: Expr): SignFacts {
  const b = infoOf(e).bits;
  return {
    positive: (b & POS) !== 0,
    nonnegative: (b & NONNEG) !== 0,
    negative: (b & NEG) !== 0,
    nonpositive: (b & NONPOS) !== 0,
    nonzero: (b & NONZERO) !== 0,
    integer: (b & INT) !== 0,
    even: (b & EVEN) !== 0,
    odd: (b & ODD) !== 0,
    constant: (b & CONST) !== 0,
    atLeastOne: (b & GE1) !== 0,
  };
}

const infoOf = (e: Expr): Info => fold(e, analyse, memo);

/** The fact each guard asks for. */
const GUARD_BIT: Readonly<Record<Guard['test'], number>> = {
  '>0': POS,
  '>=0': NONNEG,
  '!=0': NONZERO,
  integer: INT,
  even: EVEN,
  odd: ODD,
  constant: CONST,
};

/** Is the guard certainly true of the expression bound to its variable? */
export function decideGuard(guard: Guard, binding: Expr): boolean {
  return (infoOf(binding).bits & GUARD_BIT[guard.test]) !== 0;
}

/** All guards of a rule hold for the bindings (a missing binding never holds). */
export function decideGuards(guards: readonly Guard[], bindings: ReadonlyMap<string, Expr>): boolean {
  for (const g of guards) {
    const b = bindings.get(g.v);
    if (!b || !decideGuard(g, b)) return false;
  }
  return true;
}

function analyse(e: Expr, kids: Info[]): Info {
  switch (e.kind) {
    case 'num': {
      const { p, q } = e.value;
      let b = CONST | (p > 0n ? POS : p < 0n ? NEG : NONNEG | NONPOS);
      if (p >= q) b |= GE1;
      if (q === 1n) b |= INT | (p % 2n === 0n ? EVEN : ODD);
      const value = ratToNumber(e.value);
      return { bits: close(b), value, mag: Math.abs(value) };
    }
    case 'sym':
      if (e.name === 'pi') return { bits: close(CONST | GE1), value: Math.PI, mag: Math.PI };
      if (e.name === 'e') return { bits: close(CONST | GE1), value: Math.E, mag: Math.E };
      return { bits: 0, value: NaN, mag: NaN };
    case 'add':
      return withConstant(addBits(kids), kids, (vs) => vs.reduce((a, b) => a + b, 0));
    case 'mul':
      return withConstant(mulBits(kids), kids, (vs) => vs.reduce((a, b) => a * b, 1));
    case 'pow':
      return withConstant(powBits(e.exp, kids[0]!.bits, kids[1]!.bits), kids, ([a, b]) => realPow(a!, b!));
    case 'call':
      return withConstant(callBits(e.fn, e.derivs.length > 0, kids), kids, (vs) => callValue(e.fn, vs, e.derivs.length > 0));
  }
}

/** Adds what a constant's float value tells (sign, >= 1) to the structural facts. */
function withConstant(bits: number, kids: Info[], value: (vs: number[]) => number): Info {
  if (!kids.every((k) => k.bits & CONST)) return { bits: close(bits & ~CONST), value: NaN, mag: NaN };
  const v = value(kids.map((k) => k.value));
  // A constant whose value is not a real number (log(-1)) keeps only the structural facts.
  const mag = kids.reduce((m, k) => Math.max(m, k.mag), Math.abs(v));
  return { bits: close(bits | CONST | fromValue(v, mag)), value: v, mag };
}

function addBits(kids: Info[]): number {
  let allNonneg = true;
  let allNonpos = true;
  let anyPos = false;
  let anyNeg = false;
  let allInt = true;
  let allGe1Nonneg = true; // one term >= 1 and the rest >= 0 gives >= 1
  let ge1 = 0;
  let odd = 0;
  let parityKnown = true;
  for (const { bits } of kids) {
    if (!(bits & NONNEG)) allNonneg = false;
    if (!(bits & NONPOS)) allNonpos = false;
    if (bits & POS) anyPos = true;
    if (bits & NEG) anyNeg = true;
    if (!(bits & INT)) allInt = false;
    if (bits & GE1) ge1++;
    else if (!(bits & NONNEG)) allGe1Nonneg = false;
    if (bits & ODD) odd++;
    else if (!(bits & EVEN)) parityKnown = false;
  }
  let b = 0;
  if (allNonneg) b |= anyPos ? POS : NONNEG;
  if (allNonpos) b |= anyNeg ? NEG : NONPOS;
  if (allGe1Nonneg && ge1 > 0) b |= GE1;
  if (allInt) b |= INT;
  if (allInt && parityKnown) b |= odd % 2 === 1 ? ODD : EVEN;
  return b;
}

function mulBits(kids: Info[]): number {
  let negatives = 0;
  let strict = true; // every factor has a known strict sign
  let signKnown = true; // every factor is >= 0 or <= 0
  let allNonzero = true;
  let allInt = true;
  let anyEven = false;
  let allOdd = true;
  let allGe1 = true;
  for (const { bits } of kids) {
    if (!(bits & NONZERO)) allNonzero = false;
    if (bits & POS) {
      // positive
    } else if (bits & NEG) negatives++;
    else {
      strict = false;
      if (bits & NONPOS) negatives++;
      else if (!(bits & NONNEG)) signKnown = false;
    }
    if (!(bits & INT)) allInt = false;
    if (bits & EVEN) anyEven = true;
    if (!(bits & ODD)) allOdd = false;
    if (!(bits & GE1)) allGe1 = false;
  }
  let b = 0;
  if (allNonzero) b |= NONZERO;
  if (signKnown) {
    const negative = negatives % 2 === 1;
    if (strict) b |= negative ? NEG : POS;
    else b |= negative ? NONPOS : NONNEG;
  }
  if (allInt) b |= INT | (anyEven ? EVEN : allOdd ? ODD : 0);
  if (allGe1) b |= GE1;
  return b;
}

function powBits(exp: Expr, base: number, ex: number): number {
  if (exp.kind === 'num') {
    const { p, q } = exp.value;
    const evenNumerator = p % 2n === 0n;
    if (q % 2n === 0n) {
      // An even root: defined only for base >= 0 (base > 0 when p < 0), and >= 0.
      return p < 0n || base & NONZERO ? POS : NONNEG;
    }
    if (evenNumerator) {
      // base^(2k/odd): |base|^(...) >= 0; nonzero when the base is, or when it is a division.
      let b = p < 0n || base & NONZERO ? POS : NONNEG;
      if (q === 1n && base & INT && p > 0n) b |= INT | (base & EVEN ? EVEN : base & ODD ? ODD : 0);
      return b;
    }
    // An odd power or odd root keeps the sign of the base (a division needs base != 0).
    let b = 0;
    if (base & POS) b |= POS;
    else if (base & NEG) b |= NEG;
    else if (base & NONNEG) b |= p < 0n ? POS : NONNEG;
    else if (base & NONPOS) b |= p < 0n ? NEG : NONPOS;
    if (base & NONZERO || p < 0n) b |= NONZERO;
    if (q === 1n && p > 0n && base & INT) b |= INT | (base & EVEN ? EVEN : base & ODD ? ODD : 0);
    if (base & GE1 && p > 0n) b |= GE1;
    return b;
  }
  // A symbolic exponent: base^y = exp(y*log(base)) for a positive base.
  let b = 0;
  if (base & POS) b |= POS;
  else if (base & NONNEG) b |= NONNEG;
  if (base & GE1 && ex & NONNEG) b |= GE1;
  if (base & INT && base & POS && ex & INT && ex & NONNEG) b |= INT;
  return b;
}

/** A known function's facts, from its registry entry (core/functions.ts). */
function callBits(fn: string, undefinedFn: boolean, kids: Info[]): number {
  const info = undefinedFn ? undefined : FUNCTIONS.get(fn);
  if (info === undefined) return 0;
  const all = kids.map((k) => k.bits);
  return info.sign(all[0] ?? 0, all);
}

/** Real power with leibniz's semantics: an odd root of a negative base is real. */
function realPow(a: number, b: number): number {
  if (a >= 0 || Number.isInteger(b)) return Math.pow(a, b);
  // b = p/q with q odd: find q from a short continued fraction.
  for (let q = 3; q <= 99; q += 2) {
    const p = Math.round(b * q);
    if (Math.abs(p / q - b) < 1e-12) return (p % 2 === 0 ? 1 : -1) * Math.pow(-a, b);
  }
  return NaN;
}

function callValue(fn: string, vs: number[], undefinedFn: boolean): number {
  const f = undefinedFn ? undefined : NUMERIC.get(fn);
  return f ? f(...vs) : NaN;
}

/** Is the expression free of symbols other than pi and e (and of pattern variables)? */
export const isConstant = (e: Expr): boolean => (infoOf(e).bits & CONST) !== 0;
