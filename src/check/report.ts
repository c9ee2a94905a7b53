// The structured result of a gradient check, and the seed notebook's printout of it:
//   Good. numerical: 3.000000 analytic: 3.000000, relative error: 1.234567e-11
// with the true relative error (the seed's checker printed 0 on every line), and
// as many digits as it takes for two different numbers never to print the same.
//
// Each line is good (evidence that the derivative is right there), bad (certainly
// wrong there: the difference exceeds both the tolerance and the error bound of the
// comparison) or undecided (the comparison cannot tell, with the reason). The report
// passes with evidence and no bad line, fails with a bad line, and is otherwise
// inconclusive, with the reason.
import { arg, entry, argError, expectBoolean, expectInteger, expectInterval, expectNumber, expectObject, expectString, optional } from '../core/check-args.js';
import { ownOptions } from '../core/options.js';

export type LineVerdict = 'good' | 'bad' | 'undecided';
export type ReportVerdict = 'pass' | 'fail' | 'inconclusive';

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
  /** The error bound of the comparison: numerical and analytic error, with a safety margin. */
  readonly bound: number;
  readonly verdict: LineVerdict;
  /** Why an undecided line is undecided (or what a re-check found). */
  readonly reason?: string;
  /** Decided by exact or high-precision arithmetic after float64 could not (or suspected a mismatch). */
  readonly precise?: boolean;
  /** The values as printed, when float64 cannot show them (precise values that underflow or round alike). */
  readonly shown?: readonly [string, string];
  /** verdict === 'good'. */
  readonly pass: boolean;
}

export interface CheckReport {
  readonly lines: readonly CheckLine[];
  readonly verdict: ReportVerdict;
  /** Why the check is inconclusive, or what widened its sample. */
  readonly reason?: string;
  /** verdict === 'pass': evidence at enough points, and no bad line. */
  readonly pass: boolean;
  /** A bad line with the largest relative error, else the line with the largest. */
  readonly worst: CheckLine | undefined;
  readonly tolerance: number;
  /** Sampled points dropped: f or its derivative not finite there, or no evidence there. */
  readonly skipped: number;
  /** Why sampled points were dropped, with counts. */
  readonly skippedWhy: Readonly<Record<string, number>>;
  /** The interval sampling ended in, when it had to widen the domain to find evidence. */
  readonly widened?: readonly [number, number];
}

const RANK: Record<LineVerdict, number> = { bad: 2, undecided: 1, good: 0 };

/** A CheckLine (from a report's lines), or a MathError naming `fn` and `what`. */
export function expectLine(l: unknown, fn: string, what: string): CheckLine {
  const o = l as CheckLine;
  const ok = typeof l === 'object' && l !== null && typeof o.numerical === 'number' && typeof o.analytic === 'number' && typeof o.relError === 'number' && Object.hasOwn(RANK, o.verdict);
  if (!ok) throw argError(fn, what, 'a line of a check report ({ numerical, analytic, relError, verdict, ... })', l);
  return o;
}

/** A CheckReport (from checkDerivative, checkGradient, ...), or a MathError naming `fn`. */
function expectReport(r: unknown, fn: string): CheckReport {
  const o = r as CheckReport;
  if (typeof r !== 'object' || r === null || !Array.isArray(o.lines) || typeof o.tolerance !== 'number') {
    throw argError(fn, arg(1, 'r'), 'a check report (from checkDerivative, checkGradient, ...)', r);
  }
  o.lines.forEach((l, i) => expectLine(l, fn, entry(i, `the lines of ${arg(1, 'r')}`)));
  return o;
}

function formatOptions(options: FormatOptions | undefined, fn: string): FormatOptions {
  const o = ownOptions(options, fn);
  optional(o, 'points', expectBoolean, fn);
  optional(o, 'summary', expectBoolean, fn);
  return o;
}

/** Orders lines from worst to best: bad first, then undecided, then by relative error (NaN worst). */
function worse(a: CheckLine, b: CheckLine): boolean {
  if (a.verdict !== b.verdict) return RANK[a.verdict] > RANK[b.verdict];
  const ra = Number.isNaN(a.relError) ? Infinity : a.relError;
  const rb = Number.isNaN(b.relError) ? Infinity : b.relError;
  return ra > rb;
}

export interface ReportContext {
  /** Sampled points dropped, by reason. */
  readonly skippedWhy?: Readonly<Record<string, number>>;
  /** Good lines needed for a pass (default 1). */
  readonly minEvidence?: number;
  readonly widened?: readonly [number, number];
  /** Said after the reason of an inconclusive verdict ("try --domain ..."). */
  readonly hint?: string;
}

/** The most frequent reason among undecided lines and dropped points. */
function mainReason(lines: readonly CheckLine[], skippedWhy: Readonly<Record<string, number>>): string | undefined {
  const count = new Map<string, number>();
  for (const [k, n] of Object.entries(skippedWhy)) count.set(k, (count.get(k) ?? 0) + n);
  for (const l of lines) if (l.verdict === 'undecided' && l.reason) count.set(l.reason, (count.get(l.reason) ?? 0) + 1);
  let best: string | undefined;
  let bestN = 0;
  for (const [k, n] of count) if (n > bestN) [best, bestN] = [k, n];
  if (best === undefined) return undefined;
  const total = [...count.values()].reduce((a, b) => a + b, 0);
  return bestN === total ? `at every point ${best}` : `at ${bestN} of ${total} points ${best}`;
}

export function makeReport(lines: readonly CheckLine[], tolerance: number, skipped = 0, context: ReportContext = {}): CheckReport {
  if (!Array.isArray(lines)) throw argError('makeReport', arg(1, 'lines'), 'an array of check lines', lines);
  lines.forEach((l, i) => expectLine(l, 'makeReport', entry(i, arg(1, 'lines'))));
  expectNumber(tolerance, 'makeReport', arg(2, 'tolerance'));
  expectInteger(skipped, 'makeReport', arg(3, 'skipped'));
  context = ownOptions(context, 'makeReport');
  optional(context, 'skippedWhy', expectObject, 'makeReport');
  optional(context, 'minEvidence', expectInteger, 'makeReport');
  optional(context, 'widened', expectInterval, 'makeReport');
  optional(context, 'hint', expectString, 'makeReport');
  let worst: CheckLine | undefined;
  for (const l of lines) if (worst === undefined || worse(l, worst)) worst = l;
  const skippedWhy: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, context.skippedWhy ?? {});
  const good = lines.filter((l) => l.verdict === 'good').length;
  const bad = lines.some((l) => l.verdict === 'bad');
  const need = Math.max(1, context.minEvidence ?? 1);
  let verdict: ReportVerdict = bad ? 'fail' : good >= need ? 'pass' : 'inconclusive';
  let reason: string | undefined;
  if (verdict === 'inconclusive') {
    const why = mainReason(lines, skippedWhy);
    if (lines.length === 0 && skipped === 0) reason = 'no point was checked';
    else if (good > 0) reason = `evidence at only ${good} point${good === 1 ? '' : 's'} (${need} needed)${why ? `; ${why}` : ''}`;
    else reason = why ?? 'no point gives evidence';
    if (context.hint) reason += `; ${context.hint}`;
  }
  return {
    lines,
    verdict,
    ...(reason !== undefined ? { reason } : {}),
    pass: verdict === 'pass',
    worst,
    tolerance,
    skipped,
    skippedWhy,
    ...(context.widened ? { widened: context.widened } : {}),
  };
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

/**
 * x with at least p significant digits: in fixed notation with at least 6 decimals
 * (the seed's %f) for 1e-4 <= |x| < 1e15, else as %e with a two-digit exponent.
 */
function sig(x: number, p: number): string {
  const s = special(x);
  if (s !== null) return s;
  const a = Math.abs(x);
  if (x === 0 || (a >= 1e-4 && a < 1e15)) {
    const before = x === 0 ? 1 : Math.floor(Math.log10(a)) + 1; // digits before the point
    return x.toFixed(Math.min(100, Math.max(6, p - before)));
  }
  const [mant, e] = x.toExponential(p - 1).split('e') as [string, string];
  return `${mant}e${e.startsWith('-') ? '-' : '+'}${e.replace(/^[+-]/, '').padStart(2, '0')}`;
}

/**
 * Two numbers printed with 7 significant digits (the seed's 3.000000), or with as
 * many more as it takes for different numbers to print differently (up to 17, which
 * round-trips every float64); equal numbers print the same.
 */
export function pairText(a: number, b: number): [string, string] {
  expectNumber(a, 'pairText', arg(1, 'a'));
  expectNumber(b, 'pairText', arg(2, 'b'));
  for (let p = 6; p < 17; p++) {
    const [s, t] = [sig(a, p), sig(b, p)];
    if (s !== t || Object.is(a, b) || a === b) return [s, t];
  }
  return [sig(a, 17), sig(b, 17)]; // 17 digits tell every two float64 apart
}

const pointText = (l: CheckLine): string =>
  typeof l.point === 'number' ? `x = ${l.point}` : `x[${l.index}] of (${l.point.join(', ')})`;

export interface FormatOptions {
  /** Append where each line was checked (default false: exactly the seed's lines). */
  readonly points?: boolean;
  /** End with a summary line (default true). */
  readonly summary?: boolean;
}

const LABEL: Record<LineVerdict, string> = { good: 'Good.', bad: 'Bad.', undecided: 'Undecided.' };

export function formatLine(l: CheckLine, options: FormatOptions = {}): string {
  expectLine(l, 'formatLine', arg(1, 'l'));
  options = formatOptions(options, 'formatLine');
  const [n, a] = l.shown ?? pairText(l.numerical, l.analytic);
  let text = `${LABEL[l.verdict]} numerical: ${n} analytic: ${a}, relative error: ${exp6(l.relError)}`;
  if (l.verdict === 'undecided' && l.reason) text += ` (undecided: ${l.reason})`;
  else if (l.precise) text += ' (decided at high precision)';
  return options.points ? `${text} at ${pointText(l)}` : text;
}

export function formatSummary(r: CheckReport): string {
  expectReport(r, 'formatSummary');
  const n = r.lines.length;
  const failed = r.lines.filter((l) => l.verdict === 'bad').length;
  const undecided = r.lines.filter((l) => l.verdict === 'undecided').length;
  const tol = `tolerance ${exp6(r.tolerance)}`;
  const worst = r.worst;
  const at = worst ? `; worst relative error ${exp6(worst.relError)} at ${pointText(worst)}` : '';
  const und = undecided > 0 ? `, ${undecided} undecided` : '';
  if (r.verdict === 'fail') return `FAILED: ${failed} of ${n} checks (${tol})${at}`;
  if (r.verdict === 'inconclusive') return `INCONCLUSIVE: ${r.reason}`;
  const head = undecided === 0 ? `all ${n} checks passed` : `all ${n - undecided} decided checks passed${und}`;
  return `${head} (${tol})${at}`;
}

export function formatReport(r: CheckReport, options: FormatOptions = {}): string {
  expectReport(r, 'formatReport');
  options = formatOptions(options, 'formatReport');
  const lines = r.lines.map((l) => formatLine(l, options));
  if (options.summary ?? true) lines.push(formatSummary(r));
  return lines.join('\n');
}
