// Option objects read own properties only: a key someone added to
// Object.prototype (`Object.prototype.rules = [...]`) must not steer a call.
// Every public entry point passes its options through `ownOptions`, which
// copies the caller's own enumerable keys into a null-prototype object.
import { MathError } from './rational.js';

/** What a value is, for an error message. */
export function describeValue(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'string') return `the string ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}...` : x)}`;
  if (typeof x === 'number') return Number.isNaN(x) ? 'NaN' : `the number ${x}`;
  if (typeof x === 'bigint') return `the bigint ${x}n`;
  if (typeof x === 'function') return 'a function';
  if (typeof x === 'symbol') return 'a symbol';
  if (typeof x === 'object') return ArrayBuffer.isView(x) ? `a ${x.constructor.name}` : typeof (x as { kind?: unknown }).kind === 'string' ? 'an expression' : 'an object';
  return String(x);
}

/**
 * The caller's options as a null-prototype object holding only its own
 * enumerable keys; undefined means none. Anything but a plain object (null, a
 * string, an array) is a MathError naming the function.
 */
export function ownOptions<T extends object>(options: T | undefined, where: string): T {
  const out = Object.create(null) as Record<string, unknown>;
  if (options === undefined) return out as T;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new MathError(`${where}: the options must be an object, got ${describeValue(options)}`);
  }
  for (const k of Object.keys(options)) out[k] = (options as Record<string, unknown>)[k];
  return out as T;
}

/** A caller's string-keyed table (shapes, sizes) as a Map of its own entries. */
export function ownEntries<V>(table: Readonly<Record<string, V>> | undefined, what: string): Map<string, V> {
  if (table === undefined) return new Map();
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    throw new MathError(`${what} must be an object, got ${describeValue(table)}`);
  }
  return new Map(Object.keys(table).map((k) => [k, table[k]!]));
}

/** A fixed lookup table as a frozen null-prototype object: a lookup of 'constructor' or of a polluted key finds nothing. */
export const lookupTable = <T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> =>
  Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
