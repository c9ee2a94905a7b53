// n-th derivatives for the command line, within a size and a time budget.
// Many expressions have derivatives whose written-out size explodes with the
// order while the shared graph stays small (exp(x^2), x^x), or whose every
// further order costs more (tan(x), atan(x)): asked for order 1000, the
// computation would run for minutes or run out of memory. `derivative` takes
// the orders one at a time (and reads the n-th off at once when they repeat up
// to a constant factor: sin, exp); after each order this module checks its
// budgets, and the run stops with a clear message when an order could not be
// printed or the time is up.
import type { Expr } from '../core/expr.js';
import { postorder } from '../core/traverse.js';
import { derivative } from '../diff/derivative.js';
import type { Definitions } from '../parse/definitions.js';
import { InputError } from './errors.js';
import { MAX_PRINTED_NODES, printedSize } from './output.js';

/** Wall time an n-th derivative may take on the command line. */
export const TIME_BUDGET_MS = 10_000;

const fmt = (n: number): string => n.toLocaleString('en-US');

export interface OrderOptions {
  /** Stop when an intermediate order is too large to print (default true; Taylor polynomials print values, not derivatives). */
  readonly printable?: boolean;
  /** Functions from --define. */
  readonly define?: Definitions;
}

export function nthDerivative(e: Expr, wrt: string, order: number, options: OrderOptions = {}): Expr {
  const printable = options.printable ?? true;
  const start = performance.now();
  // derivative takes the orders one at a time and reads a repeating one off; the budgets are checked after each order.
  const onOrder = (k: number, d: Expr): void => {
    const size = printable ? printedSize(d) : 0;
    if (size > MAX_PRINTED_NODES) {
      throw new InputError(
        `stopped at order ${k} of ${order}: the derivative of order ${k} already has ${fmt(size)} nodes when written out ` +
          `(${fmt(postorder(d).length)} distinct, shared), more than the ${fmt(MAX_PRINTED_NODES)} leibniz prints`,
      );
    }
    const elapsed = performance.now() - start;
    if (elapsed > TIME_BUDGET_MS) {
      throw new InputError(
        `stopped at order ${k} of ${order} after ${(elapsed / 1000).toFixed(1)} s: each higher order of this expression takes longer ` +
          `(the last has ${fmt(postorder(d).length)} distinct nodes); ask for a lower order`,
      );
    }
  };
  // The command line's own budgets replace derivative's node limit.
  return derivative(e, wrt, order, { maxNodes: Infinity, onOrder, ...(options.define ? { define: options.define } : {}) });
}
