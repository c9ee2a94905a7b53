// Help texts, rendered from the command table: usage, what the command does,
// its options, and examples that the test suite runs for real.
import type { OptionSpec } from './args.js';
import type { CommandInfo, Example, Format } from './command.js';
import type { Style } from './style.js';

const PROGRAM = 'leibniz';

/** Shell-quotes an argument so an example can be pasted as shown. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_.,=/:@%+-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function exampleLine(cmd: string, ex: Example): string {
  const call = [PROGRAM, cmd, ...ex.args].map((a, i) => (i < 2 ? a : shellQuote(a))).join(' ');
  if (!ex.stdin) return call;
  return `printf '%s\\n' ${ex.stdin.map(shellQuote).join(' ')} | ${call}`;
}

function optionLine(o: OptionSpec): [string, string] {
  const value = o.kind === 'flag' ? '' : o.kind === 'rest' ? ` ${o.value ?? 'VALUE'}...` : ` ${o.value ?? 'VALUE'}`;
  return [`--${o.name}${value}`, o.help];
}

function table(rows: readonly [string, string][], indent = 2): string {
  const width = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([a, b]) => `${' '.repeat(indent)}${a.padEnd(width)}  ${b}`).join('\n');
}

const FORMAT_HELP: Record<Exclude<Format, 'text'>, string> = {
  latex: 'print LaTeX instead of plain text',
  js: 'print a JavaScript expression (Math.*)',
  json: 'print one JSON object per input: {command, input, variables, result: {text, latex}, ...}',
};

export function commandHelp(info: CommandInfo, style: Style): string {
  const h = (s: string): string => style.bold(s);
  const out: string[] = [];
  out.push(`${h(`${PROGRAM} ${info.name}`)}: ${info.summary}`, '');
  out.push(h('Usage'), ...info.usage.map((u) => `  ${PROGRAM} ${u}`), '');
  out.push(info.about.trim().replace(/^/gm, '  '), '');
  if (info.options.length > 0) out.push(h('Options'), table(info.options.map(optionLine)), '');
  const formats = info.formats.filter((f): f is Exclude<Format, 'text'> => f !== 'text');
  const general: [string, string][] = formats.map((f) => [`--${f}`, FORMAT_HELP[f]]);
  general.push(['--color, --no-color', 'colour on or off (default: only on a terminal; never when NO_COLOR is set)']);
  general.push(['-h, --help', 'this help']);
  out.push(h('Output'), table(general), '');
  out.push(h('Examples'));
  for (const ex of info.examples) {
    out.push(`  $ ${exampleLine(info.name, ex)}`);
    if (ex.note) out.push(`    ${style.dim(ex.note)}`);
  }
  out.push('');
  return out.join('\n');
}

export function overviewHelp(commands: readonly CommandInfo[], style: Style, version: string): string {
  const h = (s: string): string => style.bold(s);
  const names = commands.map((c) => c.name);
  return [
    `${h(PROGRAM)} ${version}: symbolic derivatives with a sound simplifier, formula printers, compiled functions and gradient checks`,
    '',
    h('Usage'),
    `  ${PROGRAM} COMMAND EXPR [options]`,
    `  ${PROGRAM} help COMMAND`,
    '',
    h('Commands'),
    table(commands.map((c) => [c.name, c.summary])),
    '',
    h('Input'),
    "  EXPR is one argument; quote it for the shell: 'x^2*sin(x)'. Without EXPR (or with '-'),",
    '  expressions are read from standard input, one per line; blank lines and lines starting',
    '  with # are skipped, and each line gets its own result.',
    '  Syntax: + - * / ^ (or **), implicit products (2x, x y, 2sin(x)), |x|, n!, f(x) for an',
    '  undefined function, f\'(x) and D(f, 1, 2)(x, y) for its derivatives, constants pi and e.',
    '',
    h('Output'),
    '  Plain text by default; --latex, --js or --json where the command has them (--json prints',
    '  one object per input, with the input, the result as text and LaTeX, and the variables).',
    '  Colour only on a terminal, never when NO_COLOR is set (--color / --no-color to choose).',
    '',
    h('Exit status'),
    '  0   success',
    '  1   a check or verification ran and failed',
    '  2   bad input or usage (the message, with a caret under the place, is on stderr)',
    '  3   a check or verification ran but could not decide (inconclusive, undecided: the reason is printed)',
    '  70  internal error: a bug in leibniz (one line on stderr; LEIBNIZ_DEBUG=1 shows the trace)',
    '',
    h('Examples'),
    ...commands.flatMap((c) => (c.examples[0] ? [`  $ ${exampleLine(c.name, c.examples[0])}`] : [])),
    '',
    `Run '${PROGRAM} help COMMAND' (${names.join(', ')}) for its options and more examples.`,
    '',
  ].join('\n');
}
