// Argument checks at the public entry points: a value of the wrong type is a
// MathError naming the function, the argument and what was given
// ("gradient: argument 2 (vars) must be an array of variable names, got the string "x"")
// instead of an internal TypeError, a stack overflow or a hang deep inside.
// Only entry points call these (a typeof or two per argument), never inner loops.
// Compiled functions check their own arguments (compile/args.ts, same wording).
import { isBuilt, type Expr } from './expr.js';
import { describeValue } from './options.js';
import { MathError } from './rational.js';

/** 'argument 2 (vars)': how a message names a positional argument. */
export const arg = (n: number, name: string): string => `argument ${n} (${name})`;
/** 'entry 0 of argument 2 (vars)': an element of an array argument (0-based, as the array is indexed). */
export const entry = (i: number, what: string): string => `entry ${i} of ${what}`;
/** 'the option maxSteps': how a message names an option. */
export const opt = (name: string): string => `the option ${name}`;

export function argError(fn: string, what: string, must: string, got: unknown): MathError {
  return new MathError(`${fn}: ${what} must be ${must}, got ${describeValue(got)}`);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A node built by leibniz, or a plain object shaped like one (intern re-interns it or says why not). */
export function expectExpr(v: unknown, fn: string, what: string): Expr {
  if (isBuilt(v)) return v;
  if (isPlainObject(v) && typeof v.kind === 'string') return v as unknown as Expr;
  throw argError(fn, what, 'an expression (from parse or the builders)', v);
}

/** An expression or its text. */
export function expectExprOrText(v: unknown, fn: string, what: string): Expr | string {
  if (typeof v === 'string' || isBuilt(v)) return v;
  if (isPlainObject(v) && typeof v.kind === 'string') return v as unknown as Expr;
  throw argError(fn, what, "an expression or its text (like 'x^2')", v);
}

export function expectString(v: unknown, fn: string, what: string, must = 'a string'): string {
  if (typeof v !== 'string') throw argError(fn, what, must, v);
  return v;
}

/** A number (NaN and infinities included unless `finite`). */
export function expectNumber(v: unknown, fn: string, what: string, finite = false): number {
  if (typeof v !== 'number' || (finite && !Number.isFinite(v))) throw argError(fn, what, finite ? 'a finite number' : 'a number', v);
  return v;
}

export function expectInteger(v: unknown, fn: string, what: string, min = 0): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw argError(fn, what, `a whole number >= ${min}`, v);
  return v;
}

export function expectFunction<F extends (...a: never[]) => unknown>(v: unknown, fn: string, what: string): F {
  if (typeof v !== 'function') throw argError(fn, what, 'a function', v);
  return v as F;
}

export function expectBoolean(v: unknown, fn: string, what: string): boolean {
  if (typeof v !== 'boolean') throw argError(fn, what, 'true or false', v);
  return v;
}

/** An object (not null, not an array), such as a scope or a table of values. */
export function expectObject(v: unknown, fn: string, what: string, must = 'an object'): Record<string, unknown> {
  if (!isPlainObject(v)) throw argError(fn, what, must, v);
  return v;
}

/** An array (or typed array) of numbers; `finite` refuses NaN and infinities. */
export function expectNumbers(v: unknown, fn: string, what: string, finite = false): ArrayLike<number> {
  const must = finite ? 'an array of finite numbers' : 'an array of numbers';
  if (!(Array.isArray(v) || ArrayBuffer.isView(v))) throw argError(fn, what, must, v);
  const a = v as ArrayLike<unknown>;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'number' || (finite && !Number.isFinite(x))) throw argError(fn, entry(i, what), finite ? 'a finite number' : 'a number', x);
  }
  return a as ArrayLike<number>;
}

/** An array of strings (variable names, function names). */
export function expectStrings(v: unknown, fn: string, what: string, must = 'an array of names'): readonly string[] {
  if (!Array.isArray(v)) throw argError(fn, what, must, v);
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') throw argError(fn, entry(i, what), 'a name (a string)', v[i]);
  return v as readonly string[];
}

/** Variable names, or undefined for the expression's own (sorted) variables. */
export function expectVars(v: unknown, fn: string, what: string): readonly string[] | undefined {
  if (v === undefined) return undefined;
  return expectStrings(v, fn, what, 'an array of variable names');
}

/** An interval [lo, hi] of finite numbers with lo < hi. */
export function expectInterval(v: unknown, fn: string, what: string): readonly [number, number] {
  const ok = Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number' && Number.isFinite(v[0]) && Number.isFinite(v[1]) && v[0] < v[1];
  if (!ok) throw argError(fn, what, 'an interval [lo, hi] of finite numbers with lo < hi', v);
  return v as unknown as readonly [number, number];
}

/** A count option (samples, agreements): a whole number >= 1 when given. */
export function countOption(o: object, key: string, fn: string): number | undefined {
  return optional(o, key, (v, f, w) => expectInteger(v, f, w, 1), fn);
}

/** The options' field `key` when given (own property: the options came from ownOptions). */
export function optional<T>(o: object, key: string, check: (v: unknown, fn: string, what: string) => T, fn: string): T | undefined {
  const v = (o as Record<string, unknown>)[key];
  return v === undefined ? undefined : check(v, fn, opt(key));
}
