// Spelling templates of the function registry (core/functions.ts), filled in
// by every printer that writes known functions: JavaScript, LaTeX, compiled
// code. A spelling without `$0`, `$1`... is a name, called on all the
// arguments in the printer's own way (name(a, b), \name\left(a, b\right)).
// In a template, `$k` is argument k. An argument sits as printed where it is
// fenced in: between brackets, braces, bars, commas or a space and a
// backslash (Math.log($0), e^{$0}, \left|$0\right|); anywhere else it is
// bracketed unless it is an atom (Math.acos(1/$0), $0!). A template binds
// like its loosest operator outside brackets: + or - (a sum), * or / (a
// product), a superscript that ends it (a power), a closing ! (postfix);
// otherwise it is an atom.
import { Prec, type Printed } from './precedence.js';

type Part = string | { readonly arg: number; readonly fenced: boolean };

interface Template {
  readonly parts: readonly Part[];
  readonly p: number;
  /** The template starts with an argument. */
  readonly leading: boolean;
}

const OPEN = '([{';
const CLOSE = ')]}';
const FENCE_BEFORE = '([{|, ';
const FENCE_AFTER = ')]},|\\';
const ARG = /\$(\d)/g;

/** Whether a spelling is a template (has argument places) rather than a name. */
export const isTemplate = (spelling: string): boolean => /\$\d/.test(spelling);

const parsed = new Map<string, Template>();

function parse(t: string): Template {
  const known = parsed.get(t);
  if (known !== undefined) return known;
  const parts: Part[] = [];
  let last = 0;
  for (const m of t.matchAll(ARG)) {
    const at = m.index;
    if (at > last) parts.push(t.slice(last, at));
    const before = t[at - 1];
    const after = t[at + m[0].length];
    const fenced = before !== undefined && after !== undefined && FENCE_BEFORE.includes(before) && FENCE_AFTER.includes(after);
    parts.push({ arg: Number(m[1]), fenced });
    last = at + m[0].length;
  }
  if (last < t.length) parts.push(t.slice(last));
  const result = { parts, p: binding(t.replace(ARG, 'x')), leading: typeof parts[0] !== 'string' };
  if (parsed.size > 1000) parsed.clear(); // bounded: callers' templates come and go
  parsed.set(t, result);
  return result;
}

/** How tightly a template binds (see the header). */
function binding(t: string): number {
  let p: number = Prec.atom;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth--;
    else if (depth > 0 || t[i - 1] === '\\') continue;
    else if ((c === '+' || c === '-') && i > 0) p = Math.min(p, Prec.add);
    else if (c === '*' || c === '/') p = Math.min(p, Prec.mul);
    else if (c === '^' && t[i + 1] === '{' && matching(t, i + 1) === t.length - 1) p = Math.min(p, Prec.pow);
    else if (c === '!' && i === t.length - 1) p = Math.min(p, Prec.postfix);
  }
  return p;
}

/** Index of the brace closing the one at `i`. */
function matching(t: string, i: number): number {
  let depth = 0;
  for (let j = i; j < t.length; j++) {
    if (OPEN.includes(t[j]!)) depth++;
    else if (CLOSE.includes(t[j]!) && --depth === 0) return j;
  }
  return -1;
}

/**
 * Fills template `t` with printed arguments; `bracket` is the printer's
 * brackets. `leading` is the argument the result starts with, as printed
 * (not bracketed), so that a printer can tell what the result begins with.
 */
export function fill<T extends Printed>(t: string, args: readonly T[], bracket: (s: string) => string): { s: string; p: number; leading?: T } {
  const { parts, p, leading } = parse(t);
  let s = '';
  for (const part of parts) {
    if (typeof part === 'string') s += part;
    else {
      const a = args[part.arg];
      if (a === undefined) throw new Error(`internal: template ${t} has no argument ${part.arg}`);
      s += part.fenced || a.p >= Prec.atom ? a.s : bracket(a.s);
    }
  }
  const first = leading ? args[(parts[0] as { arg: number }).arg]! : undefined;
  return first !== undefined && first.p >= Prec.atom ? { s, p, leading: first } : { s, p };
}
