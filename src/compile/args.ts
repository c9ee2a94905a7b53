// Argument checks of compiled functions: a string argument would concatenate
// ('3' + 1 is '31'), an object would call back into user code. The generated
// body refuses anything but numbers with one typeof per argument (the hot path
// stays a few compares) and calls `argError(at, value)`, made here, for the
// message. The maker is JavaScript text, the one definition shared by
// functions made with new Function and by module text (module.ts).

/** What a function's checks refer to: its name, its arguments' layout, the variables' names (never in module text). */
export interface ArgChecks {
  readonly fn: string;
  /** Arguments before the variables: 1 for `out`. */
  readonly lead: number;
  readonly array: boolean;
  /** Number of variables. */
  readonly count: number;
  /** Length `out` needs. */
  readonly out: number;
  readonly names?: readonly string[];
}

/**
 * (checks) => (at, v) => TypeError: `at` is a variable's index (its argument, or
 * its place in the array), -1 for `out`, -2 for the array itself.
 */
export const ARG_ERROR_MAKER = `(how) => (at, v) => {
  const got = v === null ? "null" : typeof v === "string" ? "the string " + JSON.stringify(v) : typeof v === "bigint" ? "the bigint " + v + "n"
    : typeof v === "object" || typeof v === "function" ? Object.prototype.toString.call(v).slice(8, -1) + (typeof v.length === "number" ? " of length " + v.length : "")
    : String(v);
  const s = (n) => (n === 1 ? "" : "s");
  const what = at === -1 ? "out (argument 1) must be a Float64Array (or an array) of at least " + how.out + " number" + s(how.out)
    : at === -2 ? (how.lead > 0 ? "argument " + (how.lead + 1) : "the argument") + " must be an array (or a Float64Array) of the values of the " + how.count + " variable" + s(how.count)
    : (how.array ? "x[" + at + "]" : "argument " + (at + how.lead + 1)) + (how.names !== undefined && at < how.names.length ? " (" + how.names[at] + ")" : "") + " must be a number";
  return new TypeError(how.fn + ": " + what + ", got " + got);
}`;

type Maker = (how: ArgChecks) => (at: number, v: unknown) => TypeError;
let maker: Maker | undefined;

/** The `argError` of a function made here: with the variables' names in its messages. */
export function argErrorOf(checks: ArgChecks, names: readonly string[]): (at: number, v: unknown) => TypeError {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  maker ??= new Function(`"use strict";\nreturn ${ARG_ERROR_MAKER};`)() as Maker;
  return maker({ ...checks, names: Object.freeze([...names]) });
}

/** The argument checks of module text (names left out: no input text in a module). */
export const moduleChecks = (checks: ArgChecks): string =>
  JSON.stringify({ fn: checks.fn, lead: checks.lead, array: checks.array, count: checks.count, out: checks.out });
