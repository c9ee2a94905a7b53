// The known functions: names, aliases and arities. One entry per function;
// numeric code lives in eval/, derivatives in diff/table.ts, and printing
// names in print/. Any other name applied to arguments is an undefined function.

export interface FunctionInfo {
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number; // Infinity for variadic
}

const info = (name: string, minArgs = 1, maxArgs = minArgs): FunctionInfo => ({ name, minArgs, maxArgs });

const LIST: FunctionInfo[] = [
  ...['sin', 'cos', 'tan', 'sec', 'csc', 'cot'].map((n) => info(n)),
  ...['asin', 'acos', 'atan', 'asec', 'acsc', 'acot'].map((n) => info(n)),
  ...['sinh', 'cosh', 'tanh', 'sech', 'csch', 'coth'].map((n) => info(n)),
  ...['asinh', 'acosh', 'atanh', 'asech', 'acsch', 'acoth'].map((n) => info(n)),
  info('exp'),
  info('log', 1, 2), // log(x) natural; log(x, b) base b
  info('log10'),
  info('log2'),
  info('sqrt'),
  info('cbrt'),
  info('nthroot', 2),
  info('abs'),
  info('sign'),
  info('min', 1, Infinity),
  info('max', 1, Infinity),
  info('atan2', 2),
  info('floor'),
  info('ceil'),
  info('erf'),
  info('gamma'),
  info('digamma'),
  info('polygamma', 2), // polygamma(n, x): the n-th derivative of digamma, n = 0, 1, 2, ...
  info('factorial'),
];

export const FUNCTIONS: ReadonlyMap<string, FunctionInfo> = new Map(LIST.map((f) => [f.name, f]));

/** Other spellings people use, mapped to the canonical name. */
export const ALIASES: ReadonlyMap<string, string> = new Map([
  ['ln', 'log'],
  ...['sin', 'cos', 'tan', 'sec', 'csc', 'cot'].map((n): [string, string] => [`arc${n}`, `a${n}`]),
  ...['sinh', 'cosh', 'tanh', 'sech', 'csch', 'coth'].flatMap((n): [string, string][] => [
    [`arc${n}`, `a${n}`],
    [`ar${n}`, `a${n}`],
  ]),
  ['arctan2', 'atan2'],
  ['fact', 'factorial'],
]);

export const canonicalName = (name: string): string => ALIASES.get(name) ?? name;
export const isKnownFunction = (name: string): boolean => FUNCTIONS.has(canonicalName(name));
