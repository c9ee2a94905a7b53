// Where expressions come from: one argument, or standard input with one
// expression per line (blank lines and lines starting with # are skipped), so
// a file of expressions can be piped through. Lines are processed as they
// arrive, so a long file streams and an interactive `leibniz diff -` answers
// each line as it is typed. Standard input and node:readline are touched only
// when expressions come from there: opening the stream and loading readline
// cost a start-up that gives its expression as an argument a few ms.
import type { CommandInfo, Input } from './command.js';
import { UsageError } from './errors.js';

export interface SourcedInput {
  readonly input: Input;
  /** 1-based line number on standard input, for error messages. */
  readonly line?: number;
}

export async function* inputs(
  info: CommandInfo,
  positionals: readonly string[],
  stdin: () => NodeJS.ReadableStream & { isTTY?: boolean },
): AsyncGenerator<SourcedInput> {
  const fromStdin = positionals.length === 0 || (positionals.length === 1 && positionals[0] === '-');
  if (!fromStdin) {
    if (positionals.includes('-')) throw new UsageError(`'-' (read standard input) cannot be mixed with expressions`, info.name);
    if (info.input === 'all') {
      yield { input: positionals };
      return;
    }
    if (positionals.length > 1) {
      throw new UsageError(
        `expected one expression, got ${positionals.length} arguments (${positionals.slice(0, 4).map((p) => `'${p}'`).join(' ')}${positionals.length > 4 ? ' ...' : ''}); ` +
          `quote the expression so the shell passes it as one argument, for example: leibniz ${info.name} '${positionals.join(' ')}'`,
        info.name,
      );
    }
    yield { input: positionals[0]! };
    return;
  }
  if (positionals.length === 0 && stdin().isTTY === true) {
    throw new UsageError(`missing EXPR: give the expression as an argument, or pipe expressions to standard input (or use '-' to type them)`, info.name);
  }
  const collected: string[] = [];
  let firstLine: number | undefined;
  let seen = 0;
  for await (const { text, line } of stdinLines(stdin())) {
    seen++;
    if (info.input === 'each') {
      yield { input: text, line };
      continue;
    }
    firstLine ??= line;
    collected.push(text);
  }
  if (seen === 0) throw new UsageError('no expression on standard input', info.name);
  if (info.input === 'each') return;
  if (collected.length === 0) throw new UsageError('no expression on standard input', info.name);
  if (info.input === 'one') {
    if (collected.length > 1) throw new UsageError(`expected one expression on standard input, got ${collected.length} lines`, info.name);
    yield { input: collected[0]!, line: firstLine };
    return;
  }
  yield { input: collected };
}

async function* stdinLines(stdin: NodeJS.ReadableStream): AsyncGenerator<{ text: string; line: number }> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: stdin, crlfDelay: Infinity, terminal: false });
  let line = 0;
  for await (const raw of rl) {
    line++;
    const text = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (text === '' || text.startsWith('#')) continue;
    yield { text, line };
  }
}
