// How a known function call is written in compiled JavaScript. There is no
// second table of function meanings here: the JS name of each function is read
// off evaluate's own numeric table (src/eval/numeric.ts) by identity, so the
// compiled code calls exactly the function evaluate calls: Math.sin when
// evaluate uses Math.sin, L.cot when it uses the runtime's cot.
import { MathError } from '../core/rational.js';
import { FUNCTIONS } from '../core/functions.js';
import { NUMERIC } from '../eval/numeric.js';
import { runtime } from '../eval/runtime.js';

const names = new Map<string, string>();

function jsName(fn: string): string {
  const cached = names.get(fn);
  if (cached !== undefined) return cached;
  const f = NUMERIC.get(fn);
  if (!FUNCTIONS.has(fn) || f === undefined) throw new MathError(`cannot compile the undefined function ${fn}`);
  const math = Math as unknown as Record<string, unknown>;
  let name = Object.getOwnPropertyNames(Math).find((k) => math[k] === f);
  if (name !== undefined) name = `Math.${name}`;
  else {
    const rt = runtime as unknown as Record<string, unknown>;
    const key = Object.keys(rt).find((k) => rt[k] === f) ?? (typeof rt[fn] === 'function' ? fn : undefined);
    // evaluate may wrap a runtime helper to adapt its arguments (log(x, b?)); the helper has the function's own name.
    if (key === undefined) throw new Error(`internal: no JavaScript function for ${fn}`);
    name = `L.${key}`;
  }
  names.set(fn, name);
  return name;
}

/** `name(a, b)`: the call of known function `fn` on argument code. Throws MathError for an undefined function. */
export function jsCall(fn: string, args: readonly string[]): string {
  return `${jsName(fn)}(${args.join(', ')})`;
}

/** Whether the compiled call of `fn` reaches the runtime object `L` (and not only Math). */
export const usesRuntime = (fn: string): boolean => jsName(fn).startsWith('L.');
