// The structured result of a gradient check, and the seed notebook's printout of it:
//   Good. numerical: 3.000000 analytic: 3.000000, relative error: 1.234567e-11
// with the true relative error (the seed's checker printed 0 on every line).

export interface CheckLine {
  /** Where: the scalar x, or the whole point for functions of several variables. */
  readonly point: number | readonly number[];
  /** The coordinate checked, for functions of several variables. */
  readonly index?: number;
  readonly numerical: number;
  readonly analytic: number;
  /** |numerical - analytic| / max(1e-8, |numerical| + |analytic|). */
  readonly relError: number;
  readonly absError: number;
  /** Estimated error of the numerical value itself (NaN when a fixed step was asked for). */
  readonly numericalError: number;
  readonly pass: boolean;
}

export interface CheckReport {
  readonly lines: readonly CheckLine[];
  /** Every line passes, and there is at least one. */
  readonly pass: boolean;
  /** A failing line with the largest relative error, else the passing one with the largest. */
  readonly worst: CheckLine | undefined;
  readonly tolerance: number;
  /** Sampled points dropped because f or its derivative was not finite there. */
  readonly skipped: number;
}

/** Orders lines from worst to best: failing first, then by relative error (NaN worst). */
function worse(a: CheckLine, b: CheckLine): boolean {
  if (a.pass !== b.pass) return !a.pass;
  const ra = Number.isNaN(a.relError) ? Infinity : a.relError;
  const rb = Number.isNaN(b.relError) ? Infinity : b.relError;
  return ra > rb;
}

export function makeReport(lines: readonly CheckLine[], tolerance: number, skipped = 0): CheckReport {
  let worst: CheckLine | undefined;
  for (const l of lines) if (worst === undefined || worse(l, worst)) worst = l;
  return { lines, pass: lines.length > 0 && lines.every((l) => l.pass), worst, tolerance, skipped };
}

// printf-style %f and %e (Python's spelling: nan, inf, two-digit exponents).
function special(x: number): string | null {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return null;
}

export const fixed6 = (x: number): string => special(x) ?? x.toFixed(6);

export function exp6(x: number): string {
  const s = special(x);
  if (s !== null) return s;
  const [mant, e] = x.toExponential(6).split('e') as [string, string];
  const sign = e.startsWith('-') ? '-' : '+';
  return `${mant}e${sign}${e.replace(/^[+-]/, '').padStart(2, '0')}`;
}

const pointText = (l: CheckLine): string =>
  typeof l.point === 'number' ? `x = ${l.point}` : `x[${l.index}] of (${l.point.join(', ')})`;

export interface FormatOptions {
  /** Append where each line was checked (default false: exactly the seed's lines). */
  readonly points?: boolean;
  /** End with a summary line (default true). */
  readonly summary?: boolean;
}

export function formatLine(l: CheckLine, options: FormatOptions = {}): string {
  const text = `${l.pass ? 'Good.' : 'Bad.'} numerical: ${fixed6(l.numerical)} analytic: ${fixed6(l.analytic)}, relative error: ${exp6(l.relError)}`;
  return options.points ? `${text} at ${pointText(l)}` : text;
}

export function formatSummary(r: CheckReport): string {
  const n = r.lines.length;
  if (n === 0) return `no checks ran${r.skipped > 0 ? ` (${r.skipped} sampled points were outside the domain)` : ''}: FAILED`;
  const failed = r.lines.filter((l) => !l.pass).length;
  const worst = r.worst!;
  const head = failed === 0 ? `all ${n} checks passed` : `FAILED: ${failed} of ${n} checks`;
  return `${head} (tolerance ${exp6(r.tolerance)}); worst relative error ${exp6(worst.relError)} at ${pointText(worst)}`;
}

export function formatReport(r: CheckReport, options: FormatOptions = {}): string {
  const lines = r.lines.map((l) => formatLine(l, options));
  if (options.summary ?? true) lines.push(formatSummary(r));
  return lines.join('\n');
}
