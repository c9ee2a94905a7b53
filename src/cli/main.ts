// The `leibniz` command line. This module is loaded on every start, so it
// imports only light modules (the command table, argument parsing, help);
// the parser, differentiator, simplifier and compiler are loaded by the one
// subcommand that needs them.
import { readFileSync } from 'node:fs';
import { parseArgs, closest, type OptionSpec, type ParsedArgs } from './args.js';
import type { Definitions } from '../parse/definitions.js';
import type { CommandInfo, Context, Format } from './command.js';
import { COMMANDS, findCommand } from './commands.js';
import { classify, EXIT, UsageError, worseStatus, type ExitStatus, type Reported } from './errors.js';
import { lookalikeWarnings } from './lookalikes.js';
import { commandHelp, overviewHelp } from './help.js';
import { inputs } from './input.js';
import { colorWanted, makeStyle, type ColorChoice, type Style } from './style.js';
import { visible } from './visible.js';

export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Read only when expressions come from standard input (bin/leibniz.js passes a getter of process.stdin). */
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'help', kind: 'flag', help: 'this help' },
  { name: 'text', kind: 'flag', help: 'plain text output (the default)' },
  { name: 'latex', kind: 'flag', help: 'LaTeX output' },
  { name: 'js', kind: 'flag', help: 'JavaScript output' },
  { name: 'json', kind: 'flag', help: 'JSON output' },
  { name: 'shape', kind: 'repeat', value: 'x=n', help: 'declare a vector or matrix: --shape x=n --shape A=m,n --shape S=n,n,symmetric (repeatable); x^T, x\' and * as the matrix product' },
  { name: 'define', kind: 'repeat', value: "'f(x) = ...'", help: "a function: --define 'sigmoid(t) = 1/(1 + exp(-t))' (repeatable)" },
  { name: 'defines', kind: 'repeat', value: 'FILE', help: 'functions from a file, one definition a line (# comments)' },
  { name: 'decimal', kind: 'flag', help: 'numbers as decimals (6.28318*x, not 314159*x/50000); inside they stay exact' },
  { name: 'color', kind: 'flag', help: 'colour even when not on a terminal' },
  { name: 'no-color', kind: 'flag', help: 'no colour' },
];

const FORMATS: readonly Format[] = ['text', 'latex', 'js', 'json'];
/** With --shape these are operations of the matrix layer, not lookalikes of other libraries' names. */
const SHAPED_FUNCTIONS: ReadonlySet<string> = new Set(['sum', 'inv', 'tr', 'det', 'logdet', 'norm', 'diag', 'softmax', 'logsumexp', 'hadamard', 'transpose']);

export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Runs the command line; resolves to the exit status. Never throws. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const errStyle = makeStyle(colorWanted(io.stderr, io.env, colorChoice(argv)));
  const outStyle = makeStyle(colorWanted(io.stdout, io.env, colorChoice(argv)));
  const write = (s: string): void => void io.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
  try {
    return await dispatch(argv, io, outStyle, errStyle, write);
  } catch (err) {
    if (io.env.LEIBNIZ_DEBUG && err instanceof Error) io.stderr.write(`${err.stack}\n`);
    const rep = classify(err);
    reportError(io, errStyle, rep);
    return rep.status;
  }
}

function colorChoice(argv: readonly string[]): ColorChoice {
  const end = argv.indexOf('--');
  const opts = end < 0 ? argv : argv.slice(0, end);
  if (opts.includes('--no-color')) return 'never';
  return opts.includes('--color') ? 'always' : 'auto';
}

async function dispatch(
  argv: readonly string[],
  io: Io,
  outStyle: Style,
  errStyle: Style,
  write: (s: string) => void,
): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(overviewHelp(COMMANDS, errStyle, version()));
    return EXIT.usage;
  }
  if (first === '--version' || first === '-V') {
    write(version());
    return EXIT.ok;
  }
  if (first === '-h' || first === '--help' || first === 'help') {
    const topic = first === 'help' ? rest.find((a) => !a.startsWith('-')) : undefined;
    if (topic === undefined) {
      write(overviewHelp(COMMANDS, outStyle, version()));
      return EXIT.ok;
    }
    write(commandHelp(lookup(topic), outStyle));
    return EXIT.ok;
  }
  const info = lookup(first);
  const args = parseArgs(rest, [...GLOBAL_OPTIONS, ...info.options], info.name);
  if (args.flags.has('help')) {
    write(commandHelp(info, outStyle));
    return EXIT.ok;
  }
  const format = chooseFormat(info, args.flags);
  const print = { numbers: args.flags.has('decimal') ? 'decimal' : 'exact' } as const;
  const define = await readDefinitions(args, info.name, io);
  const ctx: Context = { command: info.name, args, format, style: outStyle, print, ...(define ? { define } : {}) };

  let status: ExitStatus = EXIT.ok;
  // Defined functions are no lookalikes of other libraries' names.
  const known = new Set([...(args.lists.has('shape') ? SHAPED_FUNCTIONS : []), ...(define ? define.byName.keys() : [])]);
  const warned = new Set<string>();
  const warn = (texts: readonly string[]): void => {
    for (const w of lookalikeWarnings(texts, known)) {
      if (warned.has(w)) continue;
      warned.add(w);
      io.stderr.write(`${errStyle.bold(errStyle.yellow('warning: '))}${w}\n`);
    }
  };
  warn(rest);
  let run: Awaited<ReturnType<CommandInfo['load']>>['run'] | undefined;
  for await (const item of inputs(info, args.positionals, () => io.stdin)) {
    run ??= args.lists.has('shape') ? (await import('./shaped.js')).runShaped : (await info.load()).run;
    warn(typeof item.input === 'string' ? [item.input] : item.input);
    try {
      const outcome = await run(item.input, ctx);
      write(format === 'json' ? JSON.stringify(await outcome.json()) : outcome.show(format));
      status = worseStatus(status, outcome.status);
    } catch (err) {
      if (io.env.LEIBNIZ_DEBUG && err instanceof Error) io.stderr.write(`${err.stack}\n`);
      const rep = classify(err);
      reportError(io, errStyle, rep, item.line);
      if (format === 'json') write(JSON.stringify({ command: info.name, input: item.input, error: errorJson(rep) }));
      status = worseStatus(status, rep.status);
    }
  }
  return status;
}

function lookup(name: string): CommandInfo {
  const info = findCommand(name);
  if (info) return info;
  const near = closest(name, COMMANDS.map((c) => c.name)).map((n) => `'${n}'`);
  if (near.length > 0) throw new UsageError(`unknown command '${name}'; did you mean ${near.join(' or ')}?`);
  if (/^[a-z]+$/i.test(name)) throw new UsageError(`unknown command '${name}'`);
  // The first argument looks like an expression: show how to use it.
  throw new UsageError(`'${name}' is not a command; to differentiate it, run: leibniz diff '${name}'`);
}

function chooseFormat(info: CommandInfo, flags: ReadonlySet<string>): Format {
  const chosen = FORMATS.filter((f) => flags.has(f));
  if (chosen.length > 1) throw new UsageError(`choose one output format, not ${chosen.map((f) => `--${f}`).join(' and ')}`, info.name);
  const format = chosen[0] ?? 'text';
  if (!info.formats.includes(format)) {
    throw new UsageError(`'${info.name}' has no --${format} output (it has ${info.formats.map((f) => `--${f}`).join(', ')})`, info.name);
  }
  return format;
}

function reportError(io: Io, style: Style, rep: Reported, line?: number): void {
  const where = line !== undefined ? `line ${line}: ` : '';
  let message = visible(rep.message);
  if (rep.position) {
    // The caret line is the last line of a ParseError's message.
    const lines = message.split('\n');
    const last = lines.length - 1;
    if (last > 0) lines[last] = style.red(lines[last]!);
    message = lines.join('\n');
  }
  const label = rep.status === EXIT.internal ? '' : style.bold(style.red('error: '));
  let text = `${label}${where}${message}`;
  if (rep.type === 'UsageError') text += `\n${style.dim(`Run 'leibniz ${commandOf(rep)}' for usage and examples.`)}`;
  io.stderr.write(`${text}\n`);
}

// A UsageError knows its command; others (unknown command) point to the overview.
function commandOf(rep: Reported): string {
  return rep.command ? `help ${rep.command}` : '--help';
}

function errorJson(rep: Reported): Record<string, unknown> {
  return { type: rep.type, message: rep.message, ...(rep.position ?? {}) };
}

/** The functions of --define and --defines (undefined when there are none). */
async function readDefinitions(args: ParsedArgs, command: string, io: Io): Promise<Definitions | undefined> {
  const texts = [...(args.lists.get('define') ?? [])];
  for (const file of args.lists.get('defines') ?? []) {
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`--defines ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`, command);
    }
    for (const line of content.split(/\r?\n/)) {
      const t = line.trim();
      if (t !== '' && !t.startsWith('#')) texts.push(t);
    }
  }
  if (texts.length === 0) return undefined;
  if (args.lists.has('shape')) throw new UsageError('--define is not available with --shape', command);
  const { definitions } = await import('../parse/parser.js'); // the parser loads only when needed
  const defs = definitions(texts);
  for (const d of defs.byName.values()) {
    if (d.shadows) io.stderr.write(`note: --define ${d.name} replaces the built-in ${d.name}; its body is used in its place\n`);
  }
  return defs;
}
