// How large a formula is when written out, and the one check that refuses to
// print one too large: results are shared graphs, and as text every shared
// subterm is repeated, so 62 distinct nodes can stand for 2^30 written ones
// (gigabytes of text, past the longest string JavaScript can hold). The
// printers (toText, toLatex) and the command line both ask here.
import { MathError } from '../core/rational.js';
import { BudgetError, budgetOf, type Budget, type LimitOptions } from '../core/budget.js';
import type { Expr } from '../core/expr.js';
import { ownOptions } from '../core/options.js';
import { children, postorder } from '../core/traverse.js';

/** Node count of the expressions written out as trees (shared subterms counted each time they occur). */
export function printedSize(...roots: Expr[]): number {
  const size = new Map<number, number>();
  for (const n of postorder(...roots)) {
    let s = 1;
    for (const c of children(n)) s += size.get(c.id)!;
    size.set(n.id, s);
  }
  return roots.reduce((acc, r) => acc + size.get(r.id)!, 0);
}

const fmtCount = (n: number): string => (n < 1e9 ? Math.round(n).toLocaleString('en-US') : n.toExponential(2));

/**
 * Why `roots` are too large to print within `limit` written-out nodes ("the
 * derivative is too large to print: ... nodes when written out (... distinct,
 * shared); the limit is ..."), or null when they fit.
 */
export function tooLargeToPrint(what: string, roots: readonly Expr[], limit: number): string | null {
  const n = printedSize(...roots);
  if (n <= limit) return null;
  const distinct = postorder(...roots).length;
  return (
    `the ${what} is too large to print: ${fmtCount(n)} nodes when written out (${fmtCount(distinct)} distinct, shared); ` +
    `the limit is ${fmtCount(limit)}`
  );
}

/**
 * The budget of a printer call: its written-out size is its work, so a formula
 * past maxSteps written-out nodes is refused before any text is made.
 */
export function printBudget(e: Expr, options: unknown, where: string): Budget {
  // A number is an index from es.map(toText): no options.
  const own = typeof options === 'number' ? ownOptions(undefined, where) : ownOptions(options as LimitOptions | undefined, where);
  const meter = budgetOf(own, where);
  const why = tooLargeToPrint('expression', [e], meter.maxSteps);
  if (why) {
    throw new BudgetError(
      `${where}: ${why} (option maxSteps)`,
      'steps',
      meter.maxSteps,
      'raise it with the option { maxSteps: N }, or compile the expression instead: compiled code computes each shared subterm once',
    );
  }
  return meter;
}

/** Runs a printer; a text past the longest string JavaScript holds is a MathError with the sizes, not a RangeError. */
export function printing<T>(e: Expr, where: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof RangeError) || !/string length/i.test(err.message)) throw err;
    const distinct = postorder(e).length;
    throw new MathError(
      `${where}: the expression is too long to print as one string: ${fmtCount(printedSize(e))} nodes when written out ` +
        `(${fmtCount(distinct)} distinct, shared); compile it instead: compiled code computes each shared subterm once`,
    );
  }
}
