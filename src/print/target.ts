// Target printers: everything in generated code that belongs to the language
// it is written in. The generators decide what is computed and in which order
// (compile/emit.ts, gradient.ts, hessian.ts: statements over the shared graph;
// print/js.ts: one formula) and share the infix arithmetic (+, -, *, / ranked
// by the one precedence table); a target says how constants, calls, powers and
// statements are spelled. JavaScript is the one target today; C, Python or
// GLSL would be one more object of this type, not a fork of the generators.
import { FUNCTIONS, spellingFor } from '../core/functions.js';
import { MathError } from '../core/rational.js';
import { concat, Prec, type Printed } from './precedence.js';
import { fill, isTemplate } from './template.js';

export interface Target {
  /** pi and e. */
  readonly constant: (name: 'pi' | 'e') => string;
  readonly infinity: string;
  /** A known function's call on printed arguments, from its registry spelling; MathError for an undefined one. */
  readonly call: (fn: string, args: readonly Printed[]) => Printed;
  /** base^exp, exp a symbolic or an integer exponent (`Math.pow`). */
  readonly pow: (base: string, exp: string) => string;
  /** The real x^(p/q) for integers p, q (odd roots of negatives are real). */
  readonly rpow: (base: string, p: bigint, q: bigint) => string;
  readonly sqrt: (x: string) => string;
  readonly cbrt: (x: string) => string;
  /** |x|. */
  readonly abs: (x: string) => string;
  /** `cond ? a : b`, as an atom. */
  readonly select: (cond: string, a: string, b: string) => string;
  readonly nan: string;
  /**
   * piecewise(c1, v1, ..., otherwise) as conditionals that compute only the value
   * taken: a condition is 1, 0 or NaN (undefined, which makes the value NaN).
   * Each condition's code is read twice; `once` makes it a name when it must not be computed twice.
   */
  readonly piecewise: (args: readonly Printed[], once: (cond: Printed) => Printed) => Printed;
  // Statements.
  /** A name bound once. */
  readonly constDecl: (name: string, value: string) => string;
  /** A name that is added to afterwards. */
  readonly letDecl: (name: string, value: string) => string;
  readonly addTo: (name: string, value: string) => string;
  readonly assign: (name: string, value: string) => string;
  /**
   * Statements choosing on a condition: `then` where `holds`, `otherwise` where
   * `fails`, neither where it is undefined (both false: a NaN was compared).
   */
  readonly branch: (holds: string, fails: string, then: readonly string[], otherwise: readonly string[]) => string[];
  /** `if (cond) { then } else { otherwise }` (no else when otherwise is empty, `if (!(cond))` when then is). */
  readonly ifElse: (cond: string, then: readonly string[], otherwise: readonly string[]) => string[];
  /** [holds, fails] of a comparison of two operands (lt, le, eq, ne), false both when one is NaN; of a 1/0/NaN value otherwise. */
  readonly test: (fn: string, a: string, b?: string) => readonly [string, string];
  /** out[i] = out[j] = ... = value. */
  readonly store: (array: string, indices: readonly number[], value: string) => string;
  /** array[0 .. n - 1] = 0. */
  readonly zero: (array: string, n: number) => string;
  /** array[index], read once into a name. */
  readonly read: (name: string, array: string, index: number) => string;
  /** A scratch array of n numbers, made once. */
  readonly scratch: (name: string, n: number) => string;
  readonly ret: (value: string) => string;
  /** The function: its prelude runs once, when it is made; `body` per call. */
  readonly func: (name: string, params: readonly string[], prelude: readonly string[], body: readonly string[]) => string;
}

/** An operand of ?: (anything binding tighter than it, which in generated code is every sum and product). */
const wrapCond = (x: Printed): string => (x.p <= Prec.cond ? `(${x.s})` : x.s);

const indent = (lines: readonly string[], by: string): string => lines.map((l) => `${by}${l}\n`).join('');

function jsCall(fn: string, args: readonly Printed[]): Printed {
  const info = FUNCTIONS.get(fn);
  const spelling = info && spellingFor(info.js, args.length);
  if (spelling === undefined) throw new MathError(`cannot evaluate the undefined function ${fn}: give it a definition or differentiate a known function`);
  if (!isTemplate(spelling)) return { s: `${spelling}(${concat(args.map((x) => x.s), ', ')})`, p: Prec.atom };
  return fill(spelling, args, (s) => `(${s})`);
}

/** JavaScript over Math.* and the runtime object L (src/eval/runtime.ts), which compiled code receives. */
export const JS: Target = {
  constant: (name) => (name === 'pi' ? 'Math.PI' : 'Math.E'),
  infinity: 'Infinity',
  call: jsCall,
  pow: (b, x) => `Math.pow(${b}, ${x})`,
  rpow: (b, p, q) => `L.rpow(${b}, ${p}, ${q})`,
  sqrt: (x) => `Math.sqrt(${x})`,
  cbrt: (x) => `Math.cbrt(${x})`,
  abs: (x) => `Math.abs(${x})`,
  select: (c, a, b) => `(${c} ? ${a} : ${b})`,
  nan: 'NaN',
  piecewise: (args, once) => {
    const n = args.length;
    let s = n % 2 === 1 ? wrapCond(args[n - 1]!) : 'NaN';
    for (let i = n - (n % 2 === 1 ? 3 : 2); i >= 0; i -= 2) {
      const c = wrapCond(once(args[i]!));
      s = `${c} ? ${wrapCond(args[i + 1]!)} : ${c} === 0 ? ${s} : NaN`;
    }
    return { s: `(${s})`, p: Prec.atom };
  },
  constDecl: (name, value) => `const ${name} = ${value};`,
  letDecl: (name, value) => `let ${name} = ${value};`,
  addTo: (name, value) => `${name} += ${value};`,
  assign: (name, value) => `${name} = ${value};`,
  branch: (holds, fails, then, otherwise) => [
    `if (${holds}) {`,
    ...then.map((l) => `  ${l}`),
    ...(otherwise.length > 0 ? [`} else if (${fails}) {`, ...otherwise.map((l) => `  ${l}`)] : []),
    '}',
  ],
  ifElse: (cond, then, otherwise) => {
    const indent = (ls: readonly string[]): string[] => ls.map((l) => `  ${l}`);
    if (then.length === 0 && otherwise.length > 0) return [`if (!(${cond})) {`, ...indent(otherwise), '}'];
    return [`if (${cond}) {`, ...indent(then), ...(otherwise.length > 0 ? ['} else {', ...indent(otherwise)] : []), '}'];
  },
  test: (fn, a, b) => {
    switch (fn) {
      case 'lt':
        return [`${a} < ${b}`, `${a} >= ${b}`];
      case 'le':
        return [`${a} <= ${b}`, `${a} > ${b}`];
      case 'eq':
        return [`${a} === ${b}`, `(${a} < ${b} || ${a} > ${b})`];
      case 'ne':
        return [`(${a} < ${b} || ${a} > ${b})`, `${a} === ${b}`];
      default:
        return [a, `${a} === 0`];
    }
  },
  store: (array, indices, value) => `${indices.map((i) => `${array}[${i}] = `).join('')}${value};`,
  zero: (array, n) => `${array}.fill(0, 0, ${n});`,
  read: (name, array, index) => `const ${name} = ${array}[${index}];`,
  scratch: (name, n) => `const ${name} = new Float64Array(${n});`,
  ret: (value) => `return ${value};`,
  func: (name, params, prelude, body) => `${indent(prelude, '')}return function ${name}(${params.join(', ')}) {\n${indent(body, '  ')}};\n`,
};
