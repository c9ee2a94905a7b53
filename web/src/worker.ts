// The playground's worker: every call into leibniz runs here, off the page's
// thread, so typing never waits for it; the page stops a worker that takes too
// long. KaTeX renders here too (renderToString needs no DOM).
import katex from 'katex';
import {
  ParseError,
  checkDerivative,
  checkGradient,
  compile,
  dagSize,
  derivative,
  freeSymbols,
  gradient,
  hessian,
  jacobian,
  parse,
  simplify,
  taylor,
  toLatex,
  toText,
  verifyDerivative,
  type Expr,
} from 'leibniz';
import type { Analysis, AnalyzeRequest, CheckRow, Part, Request, Response, Samples, Shown, TraceStep } from './protocol.js';

const render = (latex: string): string =>
  katex.renderToString(latex, { throwOnError: false, displayMode: true, output: 'htmlAndMathml', strict: 'ignore' });

const shown = (e: Expr, o?: Parameters<typeof toText>[1]): Shown => {
  const latex = toLatex(e, o);
  return { text: toText(e, o), latex, html: render(latex) };
};

const fmt = (x: number): string => String(Number(x.toPrecision(6)));

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** One section of the answer: its error stays in that section. */
function part<T>(make: () => T): Part<T> {
  try {
    return { ok: true, value: make() };
  } catch (err) {
    return { ok: false, error: message(err) };
  }
}

const matrixLatex = (rows: readonly (readonly Expr[])[]): string =>
  `\\begin{bmatrix}${rows.map((r) => r.map((e) => toLatex(e)).join(' & ')).join(' \\\\ ')}\\end{bmatrix}`;
const matrixText = (rows: readonly (readonly Expr[])[]): string => `[${rows.map((r) => `[${r.map((e) => toText(e)).join(', ')}]`).join(', ')}]`;
const matrix = (rows: readonly (readonly Expr[])[]): Shown => {
  const latex = matrixLatex(rows);
  return { text: matrixText(rows), latex, html: render(latex) };
};

/** What the last analysis compiled, for the plot's samples. */
interface Plotted {
  f: (x: number) => number;
  df: (x: number) => number;
  claimed: ((x: number) => number) | null;
}
let plotted: Plotted | null = null;

/** f as a function of `wrt` alone, the other variables held at `fixed`. */
function along(e: Expr, vars: readonly string[], wrt: string, fixed: Readonly<Record<string, number>>): (x: number) => number {
  const names = vars.includes(wrt) ? vars : [...vars, wrt];
  const fn = compile(e, names);
  const args = names.map((v) => fixed[v] ?? 0);
  const at = names.indexOf(wrt);
  return (x) => {
    args[at] = x;
    return fn(...args);
  };
}

const disagree = (a: number, b: number): boolean =>
  Number.isFinite(a) !== Number.isFinite(b) || (Number.isFinite(a) && Math.abs(a - b) > 1e-6 * Math.max(1, Math.abs(a), Math.abs(b)));

function analyze(req: AnalyzeRequest): Analysis {
  const es: Expr[] = [];
  let start = 0; // where the component begins in the whole input
  for (const src of req.f.split(';')) {
    try {
      es.push(parse(src));
    } catch (err) {
      plotted = null;
      const offset = start + (err instanceof ParseError ? err.offset : 0);
      return { parseError: { message: message(err), offset }, vars: [], wrt: req.wrt, fixed: {} };
    }
    start += src.length + 1;
  }
  const f = es[0]!;
  const vars = freeSymbols(...es);
  const wrt = vars.includes(req.wrt) ? req.wrt : (vars[0] ?? 'x');
  const fixed: Record<string, number> = {};
  for (const v of vars) if (v !== wrt) fixed[v] = 1;
  const input: Shown = es.length === 1 ? shown(f) : matrix(es.map((e) => [e]));
  const d = part(() => derivative(f, wrt, req.order));
  const trace = d.ok ? part(() => lastStepTrace(f, wrt, req.order)) : d;
  const gradVars = vars.length > 0 ? vars : [wrt];
  const out: { -readonly [K in keyof Analysis]: Analysis[K] } = {
    input,
    vars,
    wrt,
    fixed,
    derivative: d.ok ? { ok: true, value: shown(d.value) } : d,
    trace,
    gradient: part(() => matrix(gradient(f, gradVars).map((g) => [g]))),
    jacobian: part(() => matrix(jacobian(es, gradVars))),
    hessian: part(() => matrix(hessian(f, gradVars))),
    taylor: part(() => shown(taylor(f, wrt, req.taylorAt.trim() === '' ? 0 : req.taylorAt, req.taylorOrder), { order: 'ascending', wrt })),
    simplified: part(() => shown(simplify(f))),
    check: part(() => check(f, vars, wrt, fixed)),
  };
  let claimedFn: ((x: number) => number) | null = null;
  if (req.claimed.trim() !== '') {
    const claimed = part(() => {
      const g = parse(req.claimed);
      claimedFn = along(g, vars, wrt, fixed);
      const v = verifyDerivative(g, f, wrt);
      const where = v.counterexample
        ? `: at ${Object.entries(v.counterexample.point).map(([k, x]) => `${k} = ${x}`).join(', ')} it gives ${v.counterexample.claimed}, the derivative is ${v.counterexample.actual}`
        : '';
      const verdict = v.verdict === 'correct' ? `correct (${v.method === 'symbolic' ? 'shown symbolically' : `agrees at ${v.checked} points`})` : v.verdict === 'wrong' ? `wrong${where}` : `undecided: only ${v.checked} points had both sides defined`;
      return { shown: shown(g), verdict };
    });
    out.claimed = claimed;
  }
  plotted = null;
  try {
    const first = req.order === 1 && d.ok ? d.value : derivative(f, wrt, 1);
    plotted = { f: along(f, vars, wrt, fixed), df: along(first, vars, wrt, fixed), claimed: claimedFn };
  } catch {
    plotted = null;
  }
  return out;
}

/** Traced simplification skips its memos, so only the last step is traced, and only when it is small. */
const TRACE_MAX_NODES = 400;

/** The simplifier's rewrites on the raw derivative of the last order. */
function lastStepTrace(f: Expr, wrt: string, order: number): TraceStep[] {
  const before = order > 1 ? derivative(f, wrt, order - 1) : f;
  const size = dagSize(before);
  if (size > TRACE_MAX_NODES) throw new Error(`not traced: the derivative of order ${order - 1} has ${size} distinct nodes (the trace stops at ${TRACE_MAX_NODES})`);
  const steps: TraceStep[] = [];
  derivative(before, wrt, 1, {
    trace: (rule, a, b) => {
      if (steps.length < 200) steps.push({ rule, before: toText(a), after: toText(b) });
    },
  });
  return steps;
}

/** The finite-difference check of leibniz's own derivative (one variable) or gradient (several). */
function check(f: Expr, vars: readonly string[], wrt: string, fixed: Readonly<Record<string, number>>) {
  if (vars.length <= 1) {
    const report = checkDerivative(along(f, vars, wrt, fixed), along(derivative(f, wrt), vars, wrt, fixed), { samples: 8 });
    const rows: CheckRow[] = report.lines.map((l) => ({ at: `${wrt} = ${fmt(l.point as number)}`, numerical: l.numerical, analytic: l.analytic, relError: l.relError, pass: l.pass }));
    return { pass: report.pass, rows, skipped: report.skipped, tolerance: report.tolerance };
  }
  const fn = compile(f, vars);
  const grads = gradient(f, vars).map((g) => compile(g, vars));
  const report = checkGradient(
    (x) => fn(...x),
    (x) => grads.map((g) => g(...x)),
    { dim: vars.length, samples: 3 },
  );
  const rows: CheckRow[] = report.lines.map((l) => ({
    at: `∂/∂${vars[l.index ?? 0]} at (${(l.point as readonly number[]).map(fmt).join(', ')})`,
    numerical: l.numerical,
    analytic: l.analytic,
    relError: l.relError,
    pass: l.pass,
  }));
  return { pass: report.pass, rows, skipped: report.skipped, tolerance: report.tolerance };
}

function sample(x0: number, x1: number, n: number): Samples {
  const xs: number[] = [];
  const f: number[] = [];
  const df: number[] = [];
  const claimed: number[] | null = plotted?.claimed ? [] : null;
  const bad: number[] = [];
  if (!plotted) return { xs, f, df, claimed, bad };
  for (let i = 0; i < n; i++) {
    const x = x0 + ((x1 - x0) * i) / (n - 1);
    xs.push(x);
    f.push(plotted.f(x));
    const d = plotted.df(x);
    df.push(d);
    if (claimed && plotted.claimed) {
      const c = plotted.claimed(x);
      claimed.push(c);
      if (Number.isFinite(plotted.f(x)) && disagree(c, d)) bad.push(i);
    }
  }
  return { xs, f, df, claimed, bad };
}

self.onmessage = (ev: MessageEvent<Request>) => {
  const req = ev.data;
  let res: Response;
  try {
    res =
      req.kind === 'analyze'
        ? { id: req.id, ok: true, analysis: analyze(req) }
        : { id: req.id, ok: true, samples: sample(req.x0, req.x1, req.n) };
  } catch (err) {
    res = { id: req.id, ok: false, error: message(err) };
  }
  (self as unknown as Worker).postMessage(res);
};
