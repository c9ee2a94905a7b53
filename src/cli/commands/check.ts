// leibniz check EXPR [--grad CLAIMED...] [--at x=1,y=2 | --samples n]
// The seed notebook's gradient check from the command line: leibniz's compiled
// gradient against central differences of the compiled function and, when
// given, the claimed gradient against the same differences at the same points.
import { checkGradient } from '../../check/gradcheck.js';
import { formatLine, type CheckLine, type CheckReport, type ReportVerdict } from '../../check/report.js';
import { compile } from '../../compile/compile.js';
import { compileGradient } from '../../compile/gradient.js';
import type { Expr } from '../../core/expr.js';
import { freeSymbols } from '../../core/traverse.js';
import { evaluate } from '../../eval/evaluate.js';
import type { Context, Input, Outcome, Run } from '../command.js';
import { visibleLine } from '../visible.js';
import { InputError, UsageError } from '../errors.js';
import { guardSize, resultJson, vectorJson } from '../output.js';
import type { Style } from '../style.js';
import { chooseVariables, intervalValue, parseExpr, pointValue, positiveNumber } from '../values.js';

const constant = (e: Expr): number => evaluate(e, {});

export const run: Run = (input: Input, ctx: Context): Outcome => {
  const src = input as string;
  const cmd = ctx.command;
  const e = parseExpr(src);
  const vars = chooseVariables([e], ctx.args.lists.get('vars'), cmd);
  if (vars.length === 0) throw new UsageError(`nothing to check: '${src}' has no variables`, cmd);
  const n = vars.length;

  const claimedSrc = ctx.args.lists.get('grad');
  const claimed = claimedSrc?.map((s) => parseExpr(s, '--grad'));
  if (claimed && claimed.length !== n) {
    throw new UsageError(`--grad gives ${claimed.length} derivative${claimed.length === 1 ? '' : 's'} for ${n} variable${n === 1 ? '' : 's'} (${vars.join(', ')}); give one per variable, in that order`, cmd);
  }
  const tolOpt = ctx.args.strings.get('tolerance');
  const domOpt = ctx.args.strings.get('domain');
  const atOpt = ctx.args.lists.get('at');
  if (atOpt && (ctx.args.ints.has('samples') || domOpt !== undefined)) {
    throw new UsageError('--at checks the given points; it cannot be combined with --samples or --domain', cmd);
  }
  const tolerance = tolOpt === undefined ? 1e-7 : positiveNumber(tolOpt, '--tolerance', cmd, constant);
  const points = atOpt?.map((p) => pointArray(pointValue(p, '--at', cmd, constant), vars, cmd));

  const f = compile(e, vars);
  const fx = (x: number[]): number => f(...x);
  const g = compileGradient(e, vars);
  const gx = (x: number[]): Float64Array => {
    const out = new Float64Array(n);
    g(out, ...x);
    return out;
  };
  const common = { tolerance, ...seedOption(ctx) };
  const ours = points
    ? checkGradient(fx, gx, { ...common, points })
    : checkGradient(fx, gx, {
        ...common,
        dim: n,
        samples: ctx.args.ints.get('samples') ?? 10,
        ...(domOpt !== undefined ? { domain: intervalValue(domOpt, '--domain', cmd, constant) } : {}),
      });
  let theirs: CheckReport | undefined;
  if (claimed) {
    const cf = claimed.map((c, i) => compileClaimed(c, claimedSrc![i]!, vars));
    const cx = (x: number[]): number[] => cf.map((h) => h(...x));
    theirs = checkGradient(fx, cx, { ...common, points: points ?? distinctPoints(ours) });
  }

  const verdict = overall(ours, theirs);
  const pass = verdict === 'pass';
  return {
    status: verdict === 'pass' ? 0 : verdict === 'fail' ? 1 : 3,
    // The symbolic gradient is only printed in JSON; text output does not pay for it.
    json: async () => resultJson('check', src, freeSymbols(e), await jsonGradient(e, vars), {
      vars,
      tolerance,
      passed: pass,
      verdict,
      derivative: reportJson(ours, vars),
      ...(theirs ? { claimed: { input: claimedSrc, ...reportJson(theirs, vars) } } : {}),
    }),
    show: () => {
      const s = ctx.style;
      const out: string[] = [s.bold(`leibniz's gradient of ${visibleLine(src)} against central differences:`)];
      out.push(...ours.lines.map((l) => lineText(l, vars, s)));
      if (theirs) {
        out.push(s.bold(`claimed gradient against central differences:`));
        out.push(...theirs.lines.map((l) => lineText(l, vars, s)));
      }
      out.push(summary(ours, theirs, vars, s));
      return out.join('\n');
    },
  };
};

function seedOption(ctx: Context): { seed?: number } {
  const seed = ctx.args.ints.get('seed');
  return seed === undefined ? {} : { seed };
}

function pointArray(point: ReadonlyMap<string, number>, vars: readonly string[], cmd: string): number[] {
  const missing = vars.filter((v) => !point.has(v));
  if (missing.length > 0) throw new UsageError(`--at gives no value for ${missing.join(', ')} (the variables are ${vars.join(', ')})`, cmd);
  const extra = [...point.keys()].filter((v) => !vars.includes(v));
  if (extra.length > 0) throw new UsageError(`--at gives ${extra.join(', ')}, which is not among the variables (${vars.join(', ')})`, cmd);
  return vars.map((v) => point.get(v)!);
}

function compileClaimed(c: Expr, src: string, vars: readonly string[]): (...x: number[]) => number {
  const extra = freeSymbols(c).filter((v) => !vars.includes(v));
  if (extra.length > 0) {
    throw new InputError(`the claimed derivative '${src}' uses ${extra.join(', ')}, which is not among the variables (${vars.join(', ')})`);
  }
  return compile(c, vars);
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

/** The simplified symbolic gradient for --json, or null when it is too large to print. */
async function jsonGradient(e: Expr, vars: readonly string[]): Promise<ReturnType<typeof vectorJson> | null> {
  // Loaded here: text output never needs the symbolic gradient or the simplifier.
  const [{ derivative }, { simplify }] = await Promise.all([import('../../diff/derivative.js'), import('../../simplify/simplify.js')]);
  const grad = vars.map((v) => simplify(derivative(e, v)));
  try {
    guardSize('gradient', ...grad);
  } catch (err) {
    if (err instanceof InputError) return null;
    throw err;
  }
  return vectorJson(grad);
}

const pointOf = (l: CheckLine): readonly number[] => (typeof l.point === 'number' ? [l.point] : l.point);
const where = (l: CheckLine, vars: readonly string[]): string => {
  const at = pointOf(l)
    .map((x, i) => `${vars[i]} = ${x}`)
    .join(', ');
  return vars.length === 1 ? `at ${at}` : `d/d${vars[l.index ?? 0]} at ${at}`;
};

/** Fail when either check fails; pass when both pass; else inconclusive. */
function overall(ours: CheckReport, theirs: CheckReport | undefined): ReportVerdict {
  const all = theirs ? [ours.verdict, theirs.verdict] : [ours.verdict];
  return all.includes('fail') ? 'fail' : all.every((v) => v === 'pass') ? 'pass' : 'inconclusive';
}

function lineText(l: CheckLine, vars: readonly string[], s: Style): string {
  const paint = l.verdict === 'good' ? s.green : l.verdict === 'bad' ? s.red : s.yellow;
  const text = formatLine(l).replace(/^(Good|Bad|Undecided)\./, (m) => paint(m));
  return `${text}  [${where(l, vars)}]`;
}

function reportJson(r: CheckReport, vars: readonly string[]): Record<string, unknown> {
  return {
    passed: r.pass,
    verdict: r.verdict,
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    skipped: r.skipped,
    skippedWhy: { ...r.skippedWhy },
    ...(r.widened ? { widened: r.widened } : {}),
    checks: r.lines.map((l) => ({
      variable: vars[l.index ?? 0],
      point: Object.fromEntries(pointOf(l).map((x, i) => [vars[i], x])),
      numerical: l.numerical,
      analytic: l.analytic,
      relError: l.relError,
      bound: l.bound,
      verdict: l.verdict,
      ...(l.reason !== undefined ? { reason: l.reason } : {}),
      passed: l.pass,
    })),
  };
}

function part(name: string, r: CheckReport, vars: readonly string[]): string {
  const n = r.lines.length;
  if (r.verdict === 'inconclusive') return `${name}: inconclusive: ${r.reason}`;
  const failed = r.lines.filter((l) => l.verdict === 'bad').length;
  const undecided = r.lines.filter((l) => l.verdict === 'undecided').length;
  const worst = r.worst!;
  const count = failed === 0 ? `${n - undecided} of ${n} checks pass` : `${failed} of ${n} checks FAIL`;
  const und = undecided > 0 && failed === 0 ? ` (${undecided} undecided)` : '';
  return `${name}: ${count}${und}, worst relative error ${short(worst.relError)} (${where(worst, vars)})`;
}

function summary(ours: CheckReport, theirs: CheckReport | undefined, vars: readonly string[], s: Style): string {
  const verdict = overall(ours, theirs);
  const parts = [part("leibniz's gradient", ours, vars)];
  if (theirs) parts.push(part('claimed gradient', theirs, vars));
  const skipped = ours.skipped > 0 ? `; ${ours.skipped} sampled points skipped (${skippedText(ours)})` : '';
  const widened = ours.widened ? `; sampled up to [${ours.widened.join(', ')}] to find evidence` : '';
  const head = verdict === 'pass' ? s.green('PASS') : verdict === 'fail' ? s.red('FAIL') : s.yellow('INCONCLUSIVE');
  return `${head}: ${parts.join('; ')}; tolerance ${short(ours.tolerance)}${skipped}${widened}`;
}

function skippedText(r: CheckReport): string {
  return Object.entries(r.skippedWhy)
    .map(([why, n]) => `${n}: ${why}`)
    .join('; ');
}

const short = (x: number): string => (Number.isFinite(x) ? x.toExponential(1).replace('.0e', 'e') : String(x));
