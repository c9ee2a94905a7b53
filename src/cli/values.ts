// Reading the values commands take: expressions (from an argument or an option),
// variable names, and points such as x=1,y=-2. Every problem becomes a
// ParseError (with its caret) or a UsageError naming the option.
import type { Expr } from '../core/expr.js';
import { CONSTANTS, freeSymbols } from '../core/traverse.js';
import { ParseError } from '../parse/errors.js';
import { parse } from '../parse/parser.js';
import { expandDefinitions, type Definitions } from '../parse/definitions.js';
import { UsageError } from './errors.js';

/** Parses an expression (with the --define functions); for an option's value the error says which option. */
export function parseExpr(src: string, option?: string, define?: Definitions): Expr {
  try {
    return parse(src, define);
  } catch (err) {
    if (option !== undefined && err instanceof ParseError) {
      throw new ParseError(src, { offset: err.offset, line: err.line, col: err.column }, `in ${option}: ${err.reason}`, err.expected);
    }
    throw err;
  }
}

/** parseExpr, with the defined functions' bodies put in place (for commands that evaluate or compile). */
export const parseInlined = (src: string, option: string | undefined, define: Definitions | undefined): Expr => {
  const e = parseExpr(src, option, define);
  return define === undefined ? e : expandDefinitions(e, define);
};

/** A variable name as the parser reads it (`x`, `x_1`, `θ`), or a UsageError. */
export function variableName(name: string, option: string, command: string): string {
  let e: Expr | undefined;
  try {
    e = parse(name.trim());
  } catch {
    e = undefined;
  }
  if (e === undefined || e.kind !== 'sym') throw new UsageError(`${option} needs a variable name, not '${name}'`, command);
  if (CONSTANTS.has(e.name)) throw new UsageError(`${option}: '${e.name}' is a constant, not a variable`, command);
  return e.name;
}

export function variableList(names: readonly string[], option: string, command: string): string[] {
  const out = names.map((n) => variableName(n, option, command));
  const dup = out.find((n, i) => out.indexOf(n) !== i);
  if (dup !== undefined) throw new UsageError(`${option} names '${dup}' twice`, command);
  if (out.length === 0) throw new UsageError(`${option} needs at least one variable name`, command);
  return out;
}

/**
 * The variable to differentiate by: --wrt if given, else the only free
 * variable (x when there is none: the derivative of a constant is 0); with
 * several, the user must choose and the message lists them.
 */
export function chooseVariable(roots: readonly Expr[], wrt: string | undefined, command: string): string {
  if (wrt !== undefined) return variableName(wrt, '--wrt', command);
  const vars = freeSymbols(...roots);
  if (vars.length === 0) return 'x';
  if (vars.length === 1) return vars[0]!;
  throw new UsageError(`the expression has ${vars.length} variables (${vars.join(', ')}); say which with --wrt, for example --wrt ${vars[0]}`, command);
}

/** The variables of a multivariate command: --vars if given, else the free variables, sorted. */
export function chooseVariables(roots: readonly Expr[], vars: readonly string[] | undefined, command: string): string[] {
  if (vars !== undefined) return variableList(vars, '--vars', command);
  return freeSymbols(...roots);
}

/** A number given on the command line: decimal, scientific, or a constant expression (pi/2). */
export function numberValue(src: string, option: string, command: string, evaluate: (e: Expr) => number): number {
  const t = src.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) {
    const x = Number(t);
    // 1e400 reads as Infinity: never a silent infinity in place of the number written.
    if (!Number.isFinite(x)) throw new UsageError(`${option}: '${src}' is not a finite number (beyond the largest float64, about 1.8e308)`, command);
    return x;
  }
  const e = parseExpr(t, option);
  const free = freeSymbols(e);
  if (free.length > 0) throw new UsageError(`${option} needs a number, but '${src}' has the variable ${free[0]}`, command);
  const v = evaluate(e);
  if (!Number.isFinite(v)) throw new UsageError(`${option}: '${src}' is not a finite number`, command);
  return v;
}

/** `x=1,y=-2` -> {x: 1, y: -2}; values may be constant expressions (pi/4). */
export function pointValue(src: string, option: string, command: string, evaluate: (e: Expr) => number): Map<string, number> {
  const point = new Map<string, number>();
  const parts = splitTopLevel(src).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) throw new UsageError(`${option} needs a point such as x=1,y=2`, command);
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new UsageError(`${option}: '${part}' is not of the form name=value (for example x=1)`, command);
    const name = variableName(part.slice(0, eq), option, command);
    if (point.has(name)) throw new UsageError(`${option} gives '${name}' twice`, command);
    point.set(name, numberValue(part.slice(eq + 1), option, command, evaluate));
  }
  return point;
}

/** Splits at commas and semicolons outside parentheses: `x=max(1,2), y=3` -> two parts. */
function splitTopLevel(src: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if ((c === ',' || c === ';') && depth === 0) {
      parts.push(src.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(src.slice(start));
  return parts;
}

/**
 * An expansion point (taylor --at): a number or an expression free of the
 * variable itself (0, 1/2, pi/4, a). Returned as source text so that exact
 * numbers stay exact (0.1 is 1/10, not the float).
 */
export function pointExpr(src: string, wrt: string, command: string): string {
  const e = parseExpr(src, '--at');
  if (freeSymbols(e).includes(wrt)) throw new UsageError(`--at '${src}' contains ${wrt} itself; give a number or an expression without ${wrt}`, command);
  return src.trim();
}

/** A positive number option (--tolerance 1e-6). */
export function positiveNumber(src: string, option: string, command: string, evaluate: (e: Expr) => number): number {
  const x = numberValue(src, option, command, evaluate);
  if (!(x > 0)) throw new UsageError(`${option} must be a positive number, not '${src}'`, command);
  return x;
}

/** An interval option: `lo,hi` with lo < hi (--domain -2,2). */
export function intervalValue(src: string, option: string, command: string, evaluate: (e: Expr) => number): [number, number] {
  const parts = splitTopLevel(src);
  if (parts.length !== 2) throw new UsageError(`${option} needs two numbers, low and high, such as -2,2`, command);
  const lo = numberValue(parts[0]!, option, command, evaluate);
  const hi = numberValue(parts[1]!, option, command, evaluate);
  if (!(lo < hi)) throw new UsageError(`${option}: the low end ${lo} must be below the high end ${hi}`, command);
  return [lo, hi];
}
