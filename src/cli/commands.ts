// The table of subcommands: help text, options and examples as data. Each
// command's code is a separate module, imported only when that command runs,
// so `leibniz diff` never loads the compiler or the gradient checker.
import type { OptionSpec } from './args.js';
import type { CommandInfo, Format } from './command.js';

const ALL_FORMATS: readonly Format[] = ['text', 'latex', 'js', 'json'];
const REPORT_FORMATS: readonly Format[] = ['text', 'json'];

/** Differentiation orders above this are refused (the result of most expressions grows with the order). */
export const MAX_ORDER = 1_000_000;
/** Taylor polynomials above this degree are refused: every term is computed, and the factorials grow. */
export const MAX_TAYLOR_ORDER = 1000;

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

const simplify: CommandInfo = {
  name: 'simplify',
  summary: 'simplify an expression, soundly',
  usage: ["simplify EXPR [--rule 'name: lhs => rhs' ...] [--trace] [--latex | --js | --json]"],
  about: `
Rewrites EXPR to the cheapest equal form the rules find. Every rewrite holds
wherever EXPR is defined (real numbers): sqrt(x^2) becomes abs(x), never x,
and log(x^2) becomes 2*log(abs(x)). Extra rules in leibniz syntax can be given
with --rule (pattern variables ?a, guards such as 'if ?a > 0'); --trace shows
each rewrite that was kept.`,
  options: [
    { name: 'rule', kind: 'repeat', value: 'RULE', help: "an extra rule, tried first: 'name: lhs => rhs' or '... if ?a > 0' (repeatable)" },
    { name: 'trace', kind: 'flag', help: 'print each rewrite kept (rule: before => after) before the result' },
  ],
  formats: ALL_FORMATS,
  input: 'each',
  examples: [
    { args: ['sin(x)^2 + cos(x)^2'] },
    { args: ['sqrt(x^2)'], note: 'abs(x): sqrt(x^2) is not x for negative x' },
    { args: ['(x^2 - 1)/(x - 1)', '--trace'] },
    { args: ['log(a) + log(b)', '--rule', 'logsum: log(?a) + log(?b) => log(?a*?b) if ?a > 0 and ?b > 0'], note: 'fires: log(a) and log(b) exist only where a > 0 and b > 0' },
    { args: [], stdin: ['x + x', 'exp(log(x))', '2^3*x/4'] },
  ],
  load: () => import('./commands/simplify.js'),
};

const diff: CommandInfo = {
  name: 'diff',
  summary: 'differentiate an expression (n-th order too)',
  usage: ['diff EXPR [--wrt NAME] [--order N] [--latex | --js | --json]'],
  about: `
Differentiates EXPR with respect to --wrt, --order times, and simplifies the
result. Without --wrt, EXPR must have exactly one variable (or none: the
derivative of a constant is 0). Undefined functions keep symbolic derivatives:
the derivative of f(g(x)) is f'(g(x))*g'(x).`,
  options: [WRT, { name: 'order', kind: 'int', value: 'N', min: 0, max: MAX_ORDER, help: 'how many times to differentiate (default 1)' }],
  formats: ALL_FORMATS,
  input: 'each',
  examples: [
    { args: ['x^2*sin(x)'] },
    { args: ['x^3*y^2 + y', '--wrt', 'y'] },
    { args: ['sin(x)', '--order', '4'] },
    { args: ['atan2(y, x)', '--wrt', 'x', '--latex'] },
    { args: ['f(g(x))'], note: 'chain rule with symbolic derivatives' },
    { args: [], stdin: ['x^2', 'exp(2x)', 'log(x)'], note: 'one derivative per line of standard input' },
  ],
  load: () => import('./commands/diff.js'),
};

const grad: CommandInfo = {
  name: 'grad',
  summary: 'gradient: the partial derivative by each variable',
  usage: ['grad EXPR [--vars x,y] [--latex | --js | --json]'],
  about: `
The partial derivatives of EXPR by each variable, in --vars order (default:
the free variables, sorted, x2 before x10), simplified. Text output has one
line per variable (d/dx = ...); LaTeX is a column vector, JS an array.`,
  options: [VARS],
  formats: ALL_FORMATS,
  input: 'each',
  examples: [
    { args: ['sin(x1)*cos(x2)'] },
    { args: ['x^2*y + y^3', '--vars', 'y,x'] },
    { args: ['exp(-(x - mu)^2/(2*sigma^2))', '--json'], note: 'the Gaussian by x, mu and sigma' },
  ],
  load: () => import('./commands/grad.js'),
};

const jacobian: CommandInfo = {
  name: 'jacobian',
  summary: 'Jacobian matrix of several expressions',
  usage: ['jacobian EXPR1 EXPR2 ... [--vars x,y] [--latex | --js | --json]'],
  about: `
The matrix of partial derivatives of the functions EXPR1, EXPR2, ...: one row
per function, one column per variable (--vars order; default: the free
variables of all of them, sorted). Without expressions as arguments, they are
read from standard input, one per line, and form one Jacobian.`,
  options: [VARS],
  formats: ALL_FORMATS,
  input: 'all',
  examples: [
    { args: ['r*cos(t)', 'r*sin(t)', '--vars', 'r,t'], note: 'polar to Cartesian coordinates' },
    { args: ['x*y', 'x + y', 'x/y', '--latex'] },
    { args: ['--vars', 'x1,x2'], stdin: ['sin(x1)*cos(x2)', 'x1*x2'], note: 'the expressions from standard input' },
  ],
  load: () => import('./commands/jacobian.js'),
};

const hessian: CommandInfo = {
  name: 'hessian',
  summary: 'Hessian matrix: all second partial derivatives',
  usage: ['hessian EXPR [--vars x,y] [--latex | --js | --json]'],
  about: `
The symmetric matrix of second partial derivatives of EXPR, in --vars order
(default: the free variables, sorted); each pair is derived once.`,
  options: [VARS],
  formats: ALL_FORMATS,
  input: 'each',
  examples: [{ args: ['x^3*y + y^2'] }, { args: ['exp(x*y)', '--latex'] }, { args: ['x^2 + x*y*z', '--vars', 'z,y,x', '--js'] }],
  load: () => import('./commands/hessian.js'),
};

const taylor: CommandInfo = {
  name: 'taylor',
  summary: 'Taylor polynomial about a point',
  usage: ['taylor EXPR [--wrt NAME] [--at VALUE] [--order N] [--latex | --js | --json]'],
  about: `
The Taylor polynomial of EXPR in --wrt (default: the only variable) about
--at (a number or an expression without the variable, such as pi/2 or a;
default 0), up to degree --order (default 5), with exact coefficients, as a
sum of powers of (x - a), not expanded. An expansion point where EXPR or one
of its derivatives is undefined is an error.`,
  options: [
    WRT,
    { name: 'at', kind: 'string', value: 'VALUE', help: 'the expansion point (default 0)' },
    { name: 'order', kind: 'int', value: 'N', min: 0, max: MAX_TAYLOR_ORDER, help: 'the highest power (default 5)' },
  ],
  formats: ALL_FORMATS,
  input: 'each',
  examples: [
    { args: ['sin(x) + cos(x)', '--at', '0', '--order', '5'] },
    { args: ['exp(x)', '--order', '3', '--latex'] },
    { args: ['log(x)', '--at', '1', '--order', '4'] },
    { args: ['sqrt(x)', '--at', 'a', '--order', '2'], note: 'about a symbolic point' },
  ],
  load: () => import('./commands/taylor.js'),
};

const check: CommandInfo = {
  name: 'check',
  summary: 'check the compiled gradient, and a claimed one, against finite differences',
  usage: ['check EXPR [--vars x,y] [--let s=3] [--grad CLAIMED...] [--at x=1,y=2 ... | --samples N [--domain x=LO,HI ...]]'],
  about: `
Compiles EXPR and its gradient and compares every partial derivative with
central finite differences (Ridders' extrapolation), at the points given with
--at or at --samples random points (default 10, seeded, from [-10, 10] or
--domain; points where EXPR or its gradient is not finite are skipped and
counted). With --grad, a claimed gradient (one expression per variable, in
--vars order) is compared with the same differences at the same points.
One line per comparison, as in the seed notebook:
  Good. numerical: 0.841471 analytic: 0.841471, relative error: 1.234567e-11  [at x = 1]
and a summary line: PASS (evidence, and no line Bad), FAIL (a line is Bad: the
difference exceeds the tolerance and every error bound), or INCONCLUSIVE with
the reason (every value underflows, the derivative is 0, f is too noisy there).
A line is Undecided, never Bad, where rounding or truncation could explain the
difference; sampled points without evidence are skipped, and without --domain
the sample widens to [-100, 100] and [-1000, 1000] to find some.
Exit status 1 when a check fails, 3 when it is inconclusive.`,
  options: [
    VARS,
    { name: 'grad', kind: 'rest', value: 'CLAIMED', help: 'claimed partial derivatives, one per variable (takes the arguments that follow)' },
    { name: 'at', kind: 'repeat', value: 'x=1,y=2', help: 'check at this point (repeatable); values may be constant expressions such as pi/4' },
    { name: 'samples', kind: 'int', value: 'N', min: 1, max: 100_000, help: 'number of random points (default 10)' },
    { name: 'domain', kind: 'repeat', value: 'x=LO,HI', help: 'interval a variable is sampled from (repeatable; default -10,10, widened when it gives no evidence); LO,HI alone is for every variable' },
    { name: 'let', kind: 'repeat', value: 's=3,u=42', help: 'hold these symbols fixed at these values (parameters, data); only the --vars are checked' },
    { name: 'tolerance', kind: 'string', value: 'TOL', help: 'largest relative error that passes (default 1e-7)' },
    { name: 'seed', kind: 'int', value: 'N', min: 0, max: 2 ** 32 - 1, help: 'seed of the random points (default 231)' },
  ],
  formats: REPORT_FORMATS,
  input: 'each',
  examples: [
    { args: ['x^2*sin(x)', '--samples', '3'] },
    { args: ['exp(-(x - u)^2/(2*s^2))', '--vars', 'x', '--let', 's=3,u=42', '--domain', 'x=36,48', '--samples', '3'], note: 'a Gaussian in x, its parameters held fixed' },
    { args: ['sin(x1)*cos(x2)', '--at', 'x1=0.5,x2=1'] },
    { args: ['1/(1 + exp(-x))', '--grad', 'exp(-x)/(1 + exp(-x))^2', '--samples', '3'], note: "the sigmoid's derivative, claimed and checked" },
    {
      args: ['log(x^4)*sin(x^3)', '--grad', '4/x*sin(x^3) + 3x^2*log(x^4)*cos(x^3) + 1/(x^4 + 0.0001)', '--at', 'x=0.1'],
      note: "the seed notebook's fudge term is caught: exit status 1",
      status: 1,
    },
  ],
  load: () => import('./commands/check.js'),
};

const verify: CommandInfo = {
  name: 'verify',
  summary: 'is a hand-derived derivative right? (and if not, where it is wrong)',
  usage: ['verify EXPR --claimed DERIVATIVE [--wrt NAME]'],
  about: `
Decides whether DERIVATIVE is the derivative of EXPR with respect to --wrt
(default: the only variable of EXPR). Symbolically where the simplifier can
(claimed minus true derivative simplifies to 0); otherwise at rational points
(near zero, negative and large values included), exactly or in certain
high-precision intervals, never by float64 alone. Undefined functions (f(x),
f'(x)) are replaced by concrete functions. Prints "correct", "wrong" with the
point and both values, or "undecided" with the reason.
Exit status 0 correct, 1 wrong, 3 undecided.`,
  options: [
    { name: 'claimed', kind: 'string', value: 'DERIVATIVE', help: 'the derivative to verify (required)' },
    WRT,
    { name: 'samples', kind: 'int', value: 'N', min: 1, max: 1_000_000, help: 'most points to try when undecided symbolically (default 60)' },
    { name: 'tolerance', kind: 'string', value: 'TOL', help: 'relative difference of two float64 values that counts as agreement, where no certified evaluation exists (default 1e-12)' },
    { name: 'seed', kind: 'int', value: 'N', min: 0, max: 2 ** 32 - 1, help: 'seed of the sampled points (default 231)' },
  ],
  formats: REPORT_FORMATS,
  input: 'each',
  examples: [
    { args: ['1/(1 + exp(-x))', '--claimed', 'exp(-x)/(1 + exp(-x))^2'] },
    { args: ['exp(-(x - mu)^2/(2*s^2))', '--wrt', 'x', '--claimed', '-(x - mu)/s^2*exp(-(x - mu)^2/(2*s^2))'] },
    {
      args: ['exp(-(x - mu)^2/(2*s^2))', '--wrt', 'x', '--claimed', '-(x - mu)*(-1/2*s^2)*exp(-(x - mu)^2/(2*s^2))'],
      note: "the seed notebook's -1/2*s**2 slip (meant -1/(2*s**2)): wrong, exit status 1",
      status: 1,
    },
    { args: ['x^3', '--claimed', '3x^3'], note: 'wrong: prints a point where the two differ', status: 1 },
  ],
  load: () => import('./commands/verify.js'),
};

const compile: CommandInfo = {
  name: 'compile',
  summary: 'print a self-contained ES module computing the expression (and its gradient)',
  usage: ['compile EXPR [--vars x,y] [--grad] [--hessian] [--array]'],
  about: `
Prints an ES module with no imports that exports f(...args), the value of
EXPR, with the arguments in --vars order (default: the free variables,
sorted). With --grad it also exports grad(out, ...args), which writes the
gradient into out (a Float64Array) and returns the value, in one pass; with
--hessian, hess(out, ...args), which writes the n x n Hessian row-major.
With --array every function takes the variables as one array instead:
f(x), grad(out, x), hess(out, x), with x[k] the k-th variable (no limit on
their number). Paste it into a project or save it: leibniz compile EXPR > f.mjs`,
  options: [
    VARS,
    { name: 'grad', kind: 'flag', help: 'also export grad(out, ...args): value and gradient in one pass' },
    { name: 'hessian', kind: 'flag', help: 'also export hess(out, ...args): the Hessian, row-major' },
    { name: 'array', kind: 'flag', help: 'take the variables as one array: f(x), grad(out, x), hess(out, x)' },
  ],
  formats: REPORT_FORMATS,
  input: 'one',
  examples: [
    { args: ['x^2 + sin(y)'] },
    { args: ['log(1 + exp(w*x + b))', '--vars', 'w,b,x', '--grad'] },
    { args: ['x^2*y + y^3', '--hessian', '--array'], note: 'f(x), hess(out, x) with x = [x, y]' },
  ],
  load: () => import('./commands/compile.js'),
};

/** The commands in help order. Only commands that work are listed. */
export const COMMANDS: readonly CommandInfo[] = [parse, simplify, diff, grad, jacobian, hessian, taylor, check, verify, compile];

export const findCommand = (name: string): CommandInfo | undefined => COMMANDS.find((c) => c.name === name);
