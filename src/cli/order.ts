// n-th derivatives for the command line, within a size and a time budget.
// Many expressions have derivatives whose written-out size explodes with the
// order while the shared graph stays small (exp(x^2), x^x), or whose every
// further order costs more (tan(x), atan(x)): asked for order 1000, the
// computation would run for minutes or run out of memory. So the orders are
// taken one at a time, and the run stops with a clear message when one of
// them could not be printed or the time is up. A derivative that repeats up
// to a constant factor (sin, exp) is handed to `derivative`, which reads the
// n-th order off the cycle at once.
import { ZERO, splitCoefficient } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { postorder } from '../core/traverse.js';
import { derivative } from '../diff/derivative.js';
import { InputError } from './errors.js';
import { MAX_PRINTED_NODES, printedSize } from './output.js';

/** Wall time an n-th derivative may take on the command line. */
export const TIME_BUDGET_MS = 10_000;

const fmt = (n: number): string => n.toLocaleString('en-US');

export interface OrderOptions {
  /** Stop when an intermediate order is too large to print (default true; Taylor polynomials print values, not derivatives). */
  readonly printable?: boolean;
}

export function nthDerivative(e: Expr, wrt: string, order: number, options: OrderOptions = {}): Expr {
  const printable = options.printable ?? true;
  const start = performance.now();
  const seen = new Set<number>([splitCoefficient(e)[1].id]);
  let d = e;
  for (let k = 1; k <= order; k++) {
    d = derivative(d, wrt, 1);
    if (d === ZERO || k === order) return d; // after a 0, all higher orders are 0 too
    const rest = splitCoefficient(d)[1];
    if (seen.has(rest.id)) return derivative(e, wrt, order); // repeats: read off by derivative
    seen.add(rest.id);
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
  }
  return d; // order 0
}
