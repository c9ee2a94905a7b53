// What one library call may spend: work steps (a step is a node visited or
// built, an argument slot processed, a rewrite tried), wall time, and the
// caller's AbortSignal. A fresh Budget is made by each entry point from its
// options (options.ts `limitsOf`) and passed down to every pass that spends
// it, never kept in a module: a call's spending cannot leak into the next.
// The clock and the signal are read once every CHECK_EVERY steps, never per
// node, so counting costs an increment and a compare.
import { describeValue } from './options.js';
import { MathError } from './rational.js';

/** The limits every entry point takes in its options object. */
/**
 * What leibniz reads of an AbortSignal. Structural, so the published types need
 * neither the DOM nor Node's lib (a project without them type-checks).
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
}

export interface LimitOptions {
  /** Most work steps the call may take (nodes visited or built, argument slots, rewrites). Default 20,000,000. */
  readonly maxSteps?: number;
  /** Most wall time the call may take, in milliseconds. Default 10,000 (10 s). */
  readonly timeLimitMs?: number;
  /** Stops the call (a BudgetError) once the signal is aborted. */
  readonly signal?: AbortSignalLike;
}

export const DEFAULT_MAX_STEPS = 20_000_000;
export const DEFAULT_TIME_LIMIT_MS = 10_000;
/** Steps between two reads of the clock and the signal. */
const CHECK_EVERY = 4096;

export type BudgetKind = 'steps' | 'time' | 'aborted';

/** A call stopped because it exceeded a limit of its options (maxSteps, timeLimitMs) or was aborted by its signal. */
export class BudgetError extends MathError {
  override name = 'BudgetError';
  constructor(
    /** What was exceeded, without the advice on the option to raise (a command line has no such option). */
    readonly detail: string,
    /** Which limit: 'steps', 'time' or 'aborted'. */
    readonly kind: BudgetKind,
    /** The limit that was exceeded (steps or milliseconds; NaN for an abort). */
    readonly limit: number,
    advice = '',
  ) {
    super(advice ? `${detail}; ${advice}` : detail);
  }
}

/** A MathError a pass may recover from (an exact division by zero, an undefined value): anything but a BudgetError. */
export const isRecoverable = (err: unknown): err is MathError => err instanceof MathError && !(err instanceof BudgetError);

const fmt = (n: number): string => n.toLocaleString('en-US');

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class Budget {
  /** Steps spent so far. */
  spent = 0;
  private nextCheck: number;
  private readonly start: number;

  constructor(
    /** The entry point, for the message: 'derivative', 'simplify'. */
    readonly where: string,
    readonly maxSteps: number = DEFAULT_MAX_STEPS,
    readonly timeLimitMs: number = DEFAULT_TIME_LIMIT_MS,
    readonly signal?: AbortSignalLike,
  ) {
    this.start = timeLimitMs === Infinity ? 0 : now();
    this.nextCheck = Math.min(CHECK_EVERY, maxSteps);
    this.check();
  }

  /** Spends n steps; throws a BudgetError when a limit is exceeded (checked every few thousand steps). */
  spend(n = 1): void {
    this.spent += n;
    if (this.spent >= this.nextCheck) this.check();
  }

  /** Throws a BudgetError if a limit is exceeded now. */
  check(): void {
    if (this.spent > this.maxSteps) {
      throw new BudgetError(
        `${this.where}: stopped after ${fmt(this.spent)} work steps, more than its limit of ${fmt(this.maxSteps)} ` +
          `(the result or its intermediate forms are very large)`,
        'steps',
        this.maxSteps,
        'raise it with the option { maxSteps: N }',
      );
    }
    if (this.signal?.aborted) {
      const reason = this.signal.reason instanceof Error ? `: ${this.signal.reason.message}` : '';
      throw new BudgetError(`${this.where}: aborted by the caller's signal after ${fmt(this.spent)} work steps${reason}`, 'aborted', NaN);
    }
    if (this.timeLimitMs !== Infinity) {
      const elapsed = now() - this.start;
      if (elapsed > this.timeLimitMs) {
        throw new BudgetError(
          `${this.where}: stopped after ${(elapsed / 1000).toFixed(1)} s, more than its time limit of ${fmt(this.timeLimitMs)} ms ` +
            `(${fmt(this.spent)} work steps)`,
          'time',
          this.timeLimitMs,
          'raise it with the option { timeLimitMs: N }',
        );
      }
    }
    this.nextCheck = Math.min(this.spent + CHECK_EVERY, this.maxSteps + 1);
  }
}

/** A budget that never runs out: for internal callers that have none to pass. */
export const unlimited = (where = 'leibniz'): Budget => new Budget(where, Infinity, Infinity);

function limit(v: unknown, name: string, where: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || Number.isNaN(v) || v <= 0) {
    throw new MathError(`${where}: the option ${name} must be a positive number (or Infinity), got ${describeValue(v)}`);
  }
  return v;
}

/**
 * The budget of a call from its options (already copied by `ownOptions`, so
 * own properties only). An enclosing call passes its own budget down instead
 * (internal option `meter`), so the limits hold for the whole call.
 */
export function budgetOf(options: LimitOptions, where: string): Budget {
  const signal = options.signal;
  if (signal !== undefined && (typeof signal !== 'object' || signal === null || typeof (signal as AbortSignalLike).aborted !== 'boolean')) {
    throw new MathError(`${where}: the option signal must be an AbortSignal, got ${describeValue(signal)}`);
  }
  return new Budget(
    where,
    limit(options.maxSteps, 'maxSteps', where, DEFAULT_MAX_STEPS),
    limit(options.timeLimitMs, 'timeLimitMs', where, DEFAULT_TIME_LIMIT_MS),
    signal,
  );
}
