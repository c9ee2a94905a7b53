// A fast-check reporter that prints expressions as text. fast-check shows a
// counterexample node as a dump of its fields (ids, heights, nested nodes);
// this one shows csc(pi^-2*x^-2) instead, and otherwise reports as fc.assert does.
import fc from 'fast-check';
import { isExpr } from '../core/expr.js';
import { arg, argError } from '../core/check-args.js';
import { toText } from '../print/text.js';

/** v with each expression node (inside arrays and plain objects too) made to print as its text. */
function readable(v: unknown): unknown {
  if (isExpr(v)) return { [fc.toStringMethod]: () => toText(v) };
  if (Array.isArray(v)) return v.map(readable);
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, readable(x)]));
  }
  return v;
}

/**
 * fast-check's report with expressions as text: `fc.configureGlobal({ reporter: exprReporter })`,
 * or `fc.assert(property, { reporter: exprReporter })`. Throws like fc.assert, with the
 * property's own error as the cause.
 */
export function exprReporter<Ts>(out: fc.RunDetails<Ts>): void {
  if (typeof out !== 'object' || out === null || typeof out.failed !== 'boolean') {
    throw argError('exprReporter', arg(1, 'out'), "fast-check's run details (the reporter's argument)", out);
  }
  if (!out.failed) return;
  const shown = { ...out, counterexample: readable(out.counterexample), failures: out.failures.map(readable) };
  throw new Error(fc.defaultReportMessage(shown as fc.RunDetails<unknown> & { failed: true }), { cause: out.errorInstance });
}
