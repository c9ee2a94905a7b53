// n-th derivatives for the command line, within a size and a time budget.
// Many expressions have derivatives whose written-out size explodes with the
// order while the shared graph stays small (exp(x^2), x^x), or whose every
// further order costs more (tan(x), atan(x)): asked for order 1000, the
// computation would run for minutes or run out of memory. `derivative` takes
// the orders one at a time (and reads the n-th off at once when they repeat up
// to a constant factor: sin, exp); after each order this module checks its
// printable size, the library its time limit (timeLimitMs, the one clock
// of every call), and the run stops with a clear message when an order could
// not be printed or the time is up.
import { BudgetError } from '../core/budget.js';
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
  let last: { k: number; d: Expr } | undefined;
  // derivative takes the orders one at a time and reads a repeating one off; the printable size is checked after each order.
  const onOrder = (k: number, d: Expr): void => {
    last = { k, d };
    const size = printable ? printedSize(d) : 0;
    if (size > MAX_PRINTED_NODES) {
      throw new InputError(
        `stopped at order ${k} of ${order}: the derivative of order ${k} already has ${fmt(size)} nodes when written out ` +
          `(${fmt(postorder(d).length)} distinct, shared), more than the ${fmt(MAX_PRINTED_NODES)} leibniz prints`,
      );
    }
  };
  // The command line's own size check replaces derivative's node limit.
  try {
    return derivative(e, wrt, order, { maxNodes: Infinity, onOrder, timeLimitMs: TIME_BUDGET_MS, ...(options.define ? { define: options.define } : {}) });
  } catch (err) {
    if (!(err instanceof BudgetError) || err.kind !== 'time' || order === 1) throw err;
    const done = last ? `stopped at order ${last.k + 1} of ${order}` : `stopped at order 1 of ${order}`;
    const lastSize = last ? ` (order ${last.k} has ${fmt(postorder(last.d).length)} distinct nodes)` : '';
    throw new InputError(
      `${done} after ${fmt(TIME_BUDGET_MS / 1000)} s: each higher order of this expression takes longer${lastSize}; ask for a lower order`,
    );
  }
}
