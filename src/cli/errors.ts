// Exit statuses and the mapping from a thrown error to what the user sees.
// Only leibniz's own errors (ParseError, MathError, usage and input errors)
// carry a message meant for people; anything else is a bug in leibniz and is
// reported as one line, never as a stack trace (set LEIBNIZ_DEBUG=1 to see it).
import { BudgetError } from '../core/budget.js';
import { MathError } from '../core/rational.js';
import { ParseError } from '../parse/errors.js';

export const EXIT = {
  ok: 0,
  /** A check or verification ran and failed. */
  failed: 1,
  /** Bad input or usage: a ParseError, a MathError, an unknown option, a missing argument. */
  usage: 2,
  /** A check or verification ran but could not decide (inconclusive, undecided). */
  undecided: 3,
  /** An internal error (a bug in leibniz): EX_SOFTWARE from BSD sysexits. */
  internal: 70,
} as const;
export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

// Several inputs, one status: the most severe wins (undecided is milder than failed).
const SEVERITY: readonly ExitStatus[] = [EXIT.ok, EXIT.undecided, EXIT.failed, EXIT.usage, EXIT.internal];

/** The more severe of two exit statuses. */
export const worseStatus = (a: ExitStatus, b: ExitStatus): ExitStatus => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a);

/** Wrong use of the command line: unknown option, missing argument. Points to the help. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** Input that is well-formed but cannot be used (an option value, a result too large to print). */
export class InputError extends Error {
  override name = 'InputError';
}

export interface Reported {
  readonly status: ExitStatus;
  /** Machine-readable kind: ParseError, MathError, UsageError, InputError, InternalError. */
  readonly type: string;
  readonly message: string;
  /** For a UsageError: the command whose help to point to. */
  readonly command?: string;
  /** Position fields of a ParseError, for --json. */
  readonly position?: { offset: number; line: number; column: number; expected: readonly string[]; reason: string };
}

/** Errors that come from leibniz's own checks, whatever module threw them. */
function isOwn(err: Error): boolean {
  return err instanceof MathError || err instanceof InputError || err.name === 'MathError' || err.name === 'LimitError';
}

export function classify(err: unknown): Reported {
  if (err instanceof UsageError) return { status: EXIT.usage, type: 'UsageError', message: err.message, command: err.command };
  if (err instanceof ParseError) {
    return {
      status: EXIT.usage,
      type: 'ParseError',
      message: err.message,
      position: { offset: err.offset, line: err.line, column: err.column, expected: err.expected, reason: err.reason },
    };
  }
  // The library's advice names an option of its API; the command line has its own limits.
  if (err instanceof BudgetError) return { status: EXIT.usage, type: err.name, message: err.detail };
  if (err instanceof Error && isOwn(err)) return { status: EXIT.usage, type: err.name, message: err.message };
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return { status: EXIT.internal, type: 'InternalError', message: 'internal error: the expression nests too deeply for one of the passes (stack overflow); please report it' };
  }
  const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { status: EXIT.internal, type: 'InternalError', message: `internal error (a bug in leibniz, please report it): ${firstLine(what)}` };
}

const firstLine = (s: string): string => s.split('\n', 1)[0]!.slice(0, 300);
