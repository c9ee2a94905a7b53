// Messages between the page (main.ts) and the worker that runs leibniz (worker.ts).

export interface AnalyzeRequest {
  readonly kind: 'analyze';
  /** The input: one expression, or several separated by `;` (the Jacobian's rows). */
  readonly f: string;
  readonly wrt: string;
  readonly order: number;
  readonly claimed: string;
  readonly taylorAt: string;
  readonly taylorOrder: number;
}

export interface SampleRequest {
  readonly kind: 'sample';
  readonly x0: number;
  readonly x1: number;
  readonly n: number;
}

export type Request = (AnalyzeRequest | SampleRequest) & { readonly id: number };

/** A formula rendered three ways. */
export interface Shown {
  readonly text: string;
  readonly latex: string;
  /** KaTeX's HTML (with MathML for screen readers). */
  readonly html: string;
}

export type Part<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface CheckRow {
  /** Where, and for several variables which partial derivative. */
  readonly at: string;
  readonly numerical: number;
  readonly analytic: number;
  readonly relError: number;
  readonly pass: boolean;
}

export interface TraceStep {
  readonly rule: string;
  readonly before: string;
  readonly after: string;
}

export interface Analysis {
  /** Set when the input does not parse: leibniz's message (with the caret) and where. */
  readonly parseError?: { readonly message: string; readonly offset: number };
  readonly input?: Shown;
  readonly vars: readonly string[];
  readonly wrt: string;
  readonly derivative?: Part<Shown>;
  readonly trace?: Part<readonly TraceStep[]>;
  readonly gradient?: Part<Shown>;
  readonly jacobian?: Part<Shown>;
  readonly hessian?: Part<Shown>;
  readonly taylor?: Part<Shown>;
  readonly simplified?: Part<Shown>;
  readonly check?: Part<{ readonly pass: boolean; readonly rows: readonly CheckRow[]; readonly skipped: number; readonly tolerance: number }>;
  readonly claimed?: Part<{ readonly shown: Shown; readonly verdict: string }>;
  /** The values the plot holds the other variables at. */
  readonly fixed: Readonly<Record<string, number>>;
}

export interface Samples {
  readonly xs: number[];
  readonly f: number[];
  readonly df: number[];
  readonly claimed: number[] | null;
  /** Indices where the claimed derivative disagrees with the true one. */
  readonly bad: number[];
}

export type Response =
  | { readonly id: number; readonly ok: true; readonly analysis?: Analysis; readonly samples?: Samples }
  | { readonly id: number; readonly ok: false; readonly error: string };
