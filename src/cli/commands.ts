// The table of subcommands: help text, options and examples as data. Each
// command's code is a separate module, imported only when that command runs,
// so `leibniz diff` never loads the compiler or the gradient checker.
import type { OptionSpec } from './args.js';
import type { CommandInfo, Format } from './command.js';

const ALL_FORMATS: readonly Format[] = ['text', 'latex', 'js', 'json'];
const REPORT_FORMATS: readonly Format[] = ['text', 'json'];

/** Differentiation orders above this are refused (the result of most expressions grows with the order). */
export const MAX_ORDER = 1_000_000;

const WRT: OptionSpec = { name: 'wrt', kind: 'string', value: 'NAME', help: 'the variable (default: the only variable in EXPR)' };
const VARS: OptionSpec = {
  name: 'vars',
  kind: 'list',
  value: 'x,y',
  help: 'the variables, in this order (default: the free variables, sorted)',
};

const parse: CommandInfo = {
  name: 'parse',
  summary: 'read an expression and print it back in canonical form',
  usage: ['parse EXPR [--latex | --js | --json]'],
  about: `
Reads EXPR and prints it as leibniz holds it: subtraction and division are
lowered, like terms collected and numbers kept exact (0.1 is 1/10). A syntax
error is shown with a caret under the place, and the exit status is 2.`,
  options: [],
  formats: ALL_FORMATS,
  input: 'each',
  examples: [
    { args: ['2x + 3x - y/2'] },
    { args: ['sqrt(x^2 + 1)/2', '--latex'] },
    { args: ['|x| + 2^-x', '--js'] },
    { args: ['x sin(x)', '--json'] },
    { args: [], stdin: ['x*x', '(a+b)^2', '1.5e-3'], note: 'one expression per line of standard input' },
  ],
  load: () => import('./commands/parse.js'),
};

/** The commands in help order. Only commands that work are listed. */
export const COMMANDS: readonly CommandInfo[] = [parse];

export const findCommand = (name: string): CommandInfo | undefined => COMMANDS.find((c) => c.name === name);
