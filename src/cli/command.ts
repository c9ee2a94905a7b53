// What a subcommand is: its options, help text and examples (data, loaded at
// startup), and a `run` function in its own module (loaded only when used).
import type { OptionSpec, ParsedArgs } from './args.js';
import type { Style } from './style.js';
import type { PrintOptions } from '../print/decimal.js';
import type { Definitions } from '../parse/definitions.js';

export type Format = 'text' | 'latex' | 'js' | 'json';

/** Everything a subcommand's run function needs besides its input. */
export interface Context {
  readonly command: string;
  readonly args: ParsedArgs;
  readonly format: Format;
  /** Colour for stdout (reports only; results are never coloured). */
  readonly style: Style;
  /** How results print (--decimal). */
  readonly print: PrintOptions;
  /** Functions from --define and --defines. */
  readonly define?: Definitions;
}

/** The result for one input: its JSON object and its rendering in the other formats (each built only when asked for). */
export interface Outcome {
  /** 0; 1 when a check or verification ran and failed; 3 when it could not decide. */
  readonly status: 0 | 1 | 3;
  readonly json: () => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** The output for a non-JSON format (one of the command's formats). */
  readonly show: (format: Exclude<Format, 'json'>) => string;
}

/** One input: an expression, or the list of expressions (jacobian). */
export type Input = string | readonly string[];

export type Run = (input: Input, ctx: Context) => Outcome | Promise<Outcome>;

export interface Example {
  readonly args: readonly string[];
  /** Lines piped to standard input. */
  readonly stdin?: readonly string[];
  readonly note?: string;
  /** Expected exit status, when not 0. */
  readonly status?: 0 | 1 | 3;
}

export interface CommandInfo {
  readonly name: string;
  readonly summary: string;
  /** Usage line(s), without the leading "leibniz ". */
  readonly usage: readonly string[];
  /** A paragraph or two on what the command does and its defaults. */
  readonly about: string;
  readonly options: readonly OptionSpec[];
  readonly formats: readonly Format[];
  /**
   * How stdin lines become inputs: 'each' line is one input; 'all' lines
   * together are one input (a list); 'one' accepts a single expression.
   */
  readonly input: 'each' | 'all' | 'one';
  readonly examples: readonly Example[];
  readonly load: () => Promise<{ run: Run }>;
}
