// Gradient checks of expressions: leibniz's own gradient of f, and optionally a
// claimed one, against finite differences of f, with parameters held fixed
// (`let`), per-variable sampling domains, and a high-precision re-check
// (recheck.ts) of every line float64 calls bad, and of every undecided line at
// a point the caller chose. What the CLI's `check` runs.
import { arg, entry, argError, expectBoolean, expectExprOrText, expectObject, expectStrings, opt, optional } from '../core/check-args.js';
import { describeValue } from '../core/options.js';
import { intern } from '../core/build.js';
import { compile } from '../compile/compile.js';
import { compileGradient } from '../compile/gradient.js';
import type { Expr } from '../core/expr.js';
import { MathError } from '../core/rational.js';
import { freeSymbols } from '../core/traverse.js';
import { derivative } from '../diff/derivative.js';
import { parse } from '../parse/parser.js';
import { checkGradient, checkOptions, own, UNDECIDED, type CheckOptions, type GradientCheckOptions, type Interval } from './gradcheck.js';
import { recheckLine } from './recheck.js';
import type { CheckLine, CheckReport, ReportVerdict } from './report.js';

export interface ExpressionCheckOptions extends CheckOptions {
  /** The variables to differentiate by (default: every free symbol not held fixed, sorted). */
  readonly vars?: readonly string[];
  /** Symbols held fixed at these values (parameters, data): `{ s: 3, u: 42 }`. */
  readonly let?: Readonly<Record<string, number>>;
  /** Sampling interval of every variable, or one per variable (`{ x: [36, 48] }`; unnamed ones [-10, 10]). Default: [-10, 10], widened when it gives no evidence. */
  readonly domain?: Interval | Readonly<Record<string, Interval>>;
  /** Check exactly these points (each gives every variable); then nothing is sampled. */
  readonly points?: readonly Readonly<Record<string, number>>[];
  /** How many points to sample (default 10). */
  readonly samples?: number;
  /** A claimed gradient: one derivative per variable, in `vars` order. */
  readonly claimed?: readonly (Expr | string)[];
  /** Re-check doubtful lines at high precision (default true). */
  readonly precise?: boolean;
}

export interface ExpressionCheck {
  readonly vars: readonly string[];
  /** Fail when either check fails, pass when every check passes, else inconclusive. */
  readonly verdict: ReportVerdict;
  /** leibniz's gradient against finite differences. */
  readonly derivative: CheckReport;
  /** The claimed gradient against finite differences, at the points of `derivative`. */
  readonly claimed?: CheckReport;
}

const toExpr = (e: Expr | string): Expr => (typeof e === 'string' ? parse(e) : intern(e));
const FN = 'checkExpression';

/** Own entries of a record option (never inherited ones), in a null-prototype copy. */
function ownRecord<T>(r: Readonly<Record<string, T>> | undefined): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (r) for (const k of Object.keys(r)) out[k] = r[k]!;
  return out;
}

export function checkExpression(f: Expr | string, options: ExpressionCheckOptions = {}): ExpressionCheck {
  const e = toExpr(expectExprOrText(f, FN, arg(1, 'f')));
  options = checkOptions(options, FN);
  optional(options, 'vars', (v, fn, what) => expectStrings(v, fn, what, 'an array of variable names'), FN);
  optional(options, 'let', (v, fn, what) => expectObject(v, fn, what, 'an object of fixed values, like { s: 3 }'), FN);
  optional(options, 'precise', expectBoolean, FN);
  const pts = own(options, 'points');
  if (pts !== undefined) {
    if (!Array.isArray(pts)) throw argError(FN, opt('points'), 'an array of points, like [{ x: 1, y: 2 }]', pts);
    pts.forEach((p, i) => expectObject(p, FN, entry(i, opt('points')), 'a point, like { x: 1, y: 2 }'));
  }
  const cl = own(options, 'claimed');
  if (cl !== undefined) {
    if (!Array.isArray(cl)) throw argError(FN, opt('claimed'), 'an array of derivatives, one per variable', cl);
    cl.forEach((c, i) => expectExprOrText(c, FN, entry(i, opt('claimed'))));
  }
  const dom = own(options, 'domain');
  if (dom !== undefined && (typeof dom !== 'object' || dom === null)) throw argError(FN, opt('domain'), 'an interval [lo, hi] or one per variable, like { x: [0, 1] }', dom);
  const fixed = ownRecord(own(options, 'let'));
  const fixedNames = Object.keys(fixed);
  for (const [k, v] of Object.entries(fixed)) if (typeof v !== 'number' || !Number.isFinite(v)) throw new MathError(`${FN}: let: ${k} = ${describeValue(v)} is not a finite number`);
  const vars = [...(own(options, 'vars') ?? freeSymbols(e).filter((v) => !(v in fixed)))];
  const both = vars.find((v) => v in fixed);
  if (both !== undefined) throw new MathError(`${FN}: ${both} is both a variable and held fixed`);
  const claimed = own(options, 'claimed')?.map(toExpr);
  if (claimed && claimed.length !== vars.length) throw new MathError(`${FN}: the claimed gradient has ${claimed.length} entries for ${vars.length} variables`);
  const names = [...vars, ...fixedNames];
  for (const g of [e, ...(claimed ?? [])]) {
    const loose = freeSymbols(g).filter((v) => !names.includes(v));
    if (loose.length > 0) throw new MathError(`${loose.join(', ')} is neither a variable nor held fixed`);
  }
  const values = fixedNames.map((k) => fixed[k]!);
  const fc = compile(e, names);
  const fx = (x: number[]): number => fc(...x, ...values);
  const gc = compileGradient(e, names);
  const out = new Float64Array(names.length);
  const gx = (x: number[]): number[] => {
    gc(out, ...x, ...values);
    return Array.from(out.subarray(0, vars.length));
  };

  const explicit = own(options, 'points');
  const points = explicit?.map((p) => vars.map((v) => {
    if (!Object.hasOwn(p, v)) throw new MathError(`${FN}: a point gives no value for ${v}`);
    return p[v]!;
  }));
  const precise = own(options, 'precise') ?? true;
  // The derivatives the re-check evaluates: leibniz's, symbolically, or the claimed ones.
  const recheckWith = (derivs: () => readonly Expr[]) => {
    let cache: readonly Expr[] | undefined;
    return (line: CheckLine): CheckLine | undefined => {
      const doubtful = line.verdict === 'bad' || (points !== undefined && line.verdict === 'undecided' && line.reason !== UNDECIDED.domain);
      if (!precise || !doubtful) return undefined;
      try {
        cache ??= derivs();
      } catch {
        return undefined; // no symbolic derivative to re-check with: float64 stands
      }
      const i = line.index ?? 0;
      const at = line.point as readonly number[];
      const scope: Record<string, number> = { ...fixed };
      vars.forEach((v, k) => (scope[v] = at[k]!));
      return recheckLine(line, { f: e, claim: cache[i]!, v: vars[i]!, scope }, options);
    };
  };
  const common: GradientCheckOptions = {
    ...pick(options, ['tolerance', 'atol', 'h', 'seed', 'noiseScale', 'samples']),
  };
  const derivativeReport = checkGradient(fx, gx, {
    ...common,
    recheck: recheckWith(() => vars.map((v) => derivative(e, v))),
    ...(points ? { points } : { dim: vars.length, ...domainOption(own(options, 'domain'), vars) }),
  });
  let claimedReport: CheckReport | undefined;
  if (claimed) {
    const cf = claimed.map((c) => compile(c, names));
    const cx = (x: number[]): number[] => cf.map((h) => h(...x, ...values));
    claimedReport = checkGradient(fx, cx, { ...common, recheck: recheckWith(() => claimed), points: points ?? distinctPoints(derivativeReport) });
  }
  const all = claimedReport ? [derivativeReport.verdict, claimedReport.verdict] : [derivativeReport.verdict];
  const verdict: ReportVerdict = all.includes('fail') ? 'fail' : all.every((v) => v === 'pass') ? 'pass' : 'inconclusive';
  return { vars, verdict, derivative: derivativeReport, ...(claimedReport ? { claimed: claimedReport } : {}) };
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (Object.hasOwn(o, k) && o[k] !== undefined) out[k] = o[k];
  return out;
}

/** The domain option of checkGradient: one interval for all, or one per variable ([-10, 10] where unnamed). */
function domainOption(domain: ExpressionCheckOptions['domain'], vars: readonly string[]): { domain?: Interval | Interval[] } {
  if (domain === undefined) return {};
  if (Array.isArray(domain)) return { domain: domain as Interval };
  const per = ownRecord(domain as Readonly<Record<string, Interval>>);
  const unknown = Object.keys(per).filter((k) => !vars.includes(k));
  if (unknown.length > 0) throw new MathError(`${FN}: the domain names ${unknown.join(', ')}, which is not among the variables (${vars.join(', ')})`);
  return { domain: vars.map((v) => per[v] ?? [-10, 10]) };
}

/** The points a report checked, once each, in order. */
function distinctPoints(r: CheckReport): number[][] {
  const seen = new Set<string>();
  const out: number[][] = [];
  for (const l of r.lines) {
    const p = typeof l.point === 'number' ? [l.point] : [...l.point];
    const key = p.join(',');
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}
