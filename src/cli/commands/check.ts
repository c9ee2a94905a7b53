// leibniz check EXPR [--grad CLAIMED...] [--at x=1,y=2 | --samples n]
// The seed notebook's gradient check from the command line: leibniz's compiled
// gradient against central differences of the compiled function and, when
// given, the claimed gradient against the same differences at the same points.
import { checkExpression } from '../../check/exprcheck.js';
import type { Interval } from '../../check/gradcheck.js';
import { formatLine, type CheckLine, type CheckReport, type ReportVerdict } from '../../check/report.js';
import { compileGradient } from '../../compile/gradient.js';
import type { Expr } from '../../core/expr.js';
import { freeSymbols } from '../../core/traverse.js';
import { evaluate } from '../../eval/evaluate.js';
import type { Context, Input, Outcome, Run } from '../command.js';
import { visibleLine } from '../visible.js';
import { InputError, UsageError } from '../errors.js';
import { guardSize, resultJson, vectorJson } from '../output.js';
import type { Style } from '../style.js';
import { chooseVariables, intervalValue, parseInlined, pointValue, positiveNumber, variableName } from '../values.js';

const constant = (e: Expr): number => evaluate(e, {});

export const run: Run = (input: Input, ctx: Context): Outcome => {
  const src = input as string;
  const cmd = ctx.command;
  const e = parseInlined(src, undefined, ctx.define);
  const fixed = letOption(ctx.args.lists.get('let'), cmd);
  const given = ctx.args.lists.get('vars');
  const vars = given ? chooseVariables([e], given, cmd) : freeSymbols(e).filter((v) => !fixed.has(v));
  const both = vars.find((v) => fixed.has(v));
  if (both !== undefined) throw new UsageError(`${both} is both in --vars and in --let; a symbol is either checked or held fixed`, cmd);
  if (vars.length === 0) throw new UsageError(`nothing to check: '${src}' has no variables${fixed.size > 0 ? ' besides those held fixed by --let' : ''}`, cmd);
  const loose = freeSymbols(e).filter((v) => !vars.includes(v) && !fixed.has(v));
  if (loose.length > 0) {
    const are = loose.length === 1 ? 'is' : 'are';
    throw new UsageError(`${loose.join(', ')} ${are} neither checked (--vars) nor held fixed; give values with --let ${loose.map((v) => `${v}=1`).join(',')}`, cmd);
  }
  const n = vars.length;

  const claimedSrc = ctx.args.lists.get('grad');
  const claimed = claimedSrc?.map((s) => parseInlined(s, '--grad', ctx.define));
  if (claimed && claimed.length !== n) {
    throw new UsageError(`--grad gives ${claimed.length} derivative${claimed.length === 1 ? '' : 's'} for ${n} variable${n === 1 ? '' : 's'} (${vars.join(', ')}); give one per variable, in that order`, cmd);
  }
  claimed?.forEach((c, i) => {
    const extra = freeSymbols(c).filter((v) => !vars.includes(v) && !fixed.has(v));
    if (extra.length > 0) {
      throw new InputError(`the claimed derivative '${claimedSrc![i]}' uses ${extra.join(', ')}, which is not among the variables (${vars.join(', ')})${fixed.size > 0 ? ' or the fixed symbols' : ''}`);
    }
  });
  const tolOpt = ctx.args.strings.get('tolerance');
  const domOpt = ctx.args.lists.get('domain');
  const atOpt = ctx.args.lists.get('at');
  if (atOpt && (ctx.args.ints.has('samples') || domOpt !== undefined)) {
    throw new UsageError('--at checks the given points; it cannot be combined with --samples or --domain', cmd);
  }
  const tolerance = tolOpt === undefined ? 1e-7 : positiveNumber(tolOpt, '--tolerance', cmd, constant);
  const points = atOpt?.map((p) => pointRecord(pointValue(p, '--at', cmd, constant), vars, fixed, cmd));
  const domain = domOpt === undefined ? undefined : domainValue(domOpt, vars, cmd);
  const letRecord = Object.fromEntries(fixed);
  if (points) for (const p of points) outsideDomain(e, src, vars, { ...p, ...letRecord });

  const result = checkExpression(e, {
    vars,
    let: letRecord,
    tolerance,
    ...seedOption(ctx),
    ...(claimed ? { claimed } : {}),
    ...(points ? { points } : { samples: ctx.args.ints.get('samples') ?? 10, ...(domain ? { domain } : {}) }),
  });
  const ours = result.derivative;
  const theirs = result.claimed;
  const verdict = result.verdict;
  const pass = verdict === 'pass';
  return {
    status: verdict === 'pass' ? 0 : verdict === 'fail' ? 1 : 3,
    // The symbolic gradient is only printed in JSON; text output does not pay for it.
    json: async () => resultJson('check', src, freeSymbols(e), await jsonGradient(e, vars), {
      vars,
      ...(fixed.size > 0 ? { let: letRecord } : {}),
      tolerance,
      passed: pass,
      verdict,
      derivative: reportJson(ours, vars),
      ...(theirs ? { claimed: { input: claimedSrc, ...reportJson(theirs, vars) } } : {}),
    }),
    show: () => {
      const s = ctx.style;
      const held = fixed.size > 0 ? ` with ${[...fixed].map(([k, v]) => `${k} = ${v}`).join(', ')} held fixed` : '';
      const out: string[] = [s.bold(`leibniz's gradient of ${visibleLine(src)}${held} against central differences:`)];
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

/** --let s=3,u=42 (repeatable): the symbols held fixed. */
function letOption(items: readonly string[] | undefined, cmd: string): Map<string, number> {
  const fixed = new Map<string, number>();
  for (const item of items ?? []) {
    for (const [k, v] of pointValue(item, '--let', cmd, constant)) {
      if (fixed.has(k)) throw new UsageError(`--let gives '${k}' twice`, cmd);
      fixed.set(k, v);
    }
  }
  return fixed;
}

/** --domain LO,HI (every variable) or --domain x=LO,HI (repeatable, one variable each). */
function domainValue(items: readonly string[], vars: readonly string[], cmd: string): Interval | Record<string, Interval> {
  const named = items.filter((d) => /^\s*[^=,]+=/.test(d));
  if (named.length === 0) {
    if (items.length > 1) throw new UsageError('--domain LO,HI is given twice; name the variables to give one each: --domain x=LO,HI --domain y=LO,HI', cmd);
    return intervalValue(items[0]!, '--domain', cmd, constant);
  }
  if (named.length !== items.length) throw new UsageError('--domain: give either LO,HI for every variable or NAME=LO,HI for each, not both', cmd);
  const per: Record<string, Interval> = Object.create(null) as Record<string, Interval>;
  for (const item of items) {
    const eq = item.indexOf('=');
    const name = variableName(item.slice(0, eq), '--domain', cmd);
    if (!vars.includes(name)) throw new UsageError(`--domain gives ${name}, which is not among the variables (${vars.join(', ')})`, cmd);
    if (name in per) throw new UsageError(`--domain gives '${name}' twice`, cmd);
    per[name] = intervalValue(item.slice(eq + 1), '--domain', cmd, constant);
  }
  return per;
}

function pointRecord(point: ReadonlyMap<string, number>, vars: readonly string[], fixed: ReadonlyMap<string, number>, cmd: string): Record<string, number> {
  const missing = vars.filter((v) => !point.has(v));
  if (missing.length > 0) throw new UsageError(`--at gives no value for ${missing.join(', ')} (the variables are ${vars.join(', ')})`, cmd);
  const extra = [...point.keys()].filter((v) => !vars.includes(v));
  if (extra.length > 0) {
    const held = extra.filter((v) => fixed.has(v));
    if (held.length > 0) throw new UsageError(`--at gives ${held.join(', ')}, which --let holds fixed`, cmd);
    throw new UsageError(`--at gives ${extra.join(', ')}, which is not among the variables (${vars.join(', ')})`, cmd);
  }
  return Object.fromEntries(vars.map((v) => [v, point.get(v)!]));
}

/**
 * A point where f or leibniz's derivative is not finite is outside what can be
 * checked: bad input (exit 2), not a verdict on anyone's gradient.
 */
function outsideDomain(e: Expr, src: string, vars: readonly string[], scope: Record<string, number>): void {
  const at = vars.map((v) => `${v} = ${scope[v]}`).join(', ');
  let value: number;
  try {
    value = evaluate(e, scope);
  } catch {
    value = NaN;
  }
  if (!Number.isFinite(value)) throw new InputError(`${at} is outside the domain of ${visibleLine(src)} (its value there is ${value}): there is no derivative to check`);
  const names = Object.keys(scope);
  const out = new Float64Array(names.length);
  compileGradient(e, names)(out, ...names.map((k) => scope[k]!));
  const bad = vars.findIndex((v) => !Number.isFinite(out[names.indexOf(v)]!));
  if (bad >= 0) {
    throw new InputError(`at ${at}, ${visibleLine(src)} is not differentiable in ${vars[bad]} (its derivative there is ${out[names.indexOf(vars[bad]!)]}): choose a point inside the domain`);
  }
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
  const why = ours.verdict === 'inconclusive' && Object.keys(ours.skippedWhy).length === 1 ? '' : ` (${skippedText(ours)})`;
  const skipped = ours.skipped > 0 ? `; ${ours.skipped} sampled points skipped${why}` : '';
  const hint = ours.verdict === 'inconclusive' && ours.lines.length === 0 && ours.skipped > 0 ? `; try --domain ${vars[0]}=LO,HI where f is not negligible` : '';
  const widened = ours.widened ? `; sampled up to [${ours.widened.join(', ')}] to find evidence` : '';
  const head = verdict === 'pass' ? s.green('PASS') : verdict === 'fail' ? s.red('FAIL') : s.yellow('INCONCLUSIVE');
  return `${head}: ${parts.join('; ')}; tolerance ${short(ours.tolerance)}${skipped}${widened}${hint}`;
}

function skippedText(r: CheckReport): string {
  return Object.entries(r.skippedWhy)
    .map(([why, n]) => `${n}: ${why}`)
    .join('; ');
}

const short = (x: number): string => (Number.isFinite(x) ? x.toExponential(1).replace('.0e', 'e') : String(x));
