// LaTeX as the Cortex-JS Compute Engine reads it (and the MathJSON it writes)
// converted to leibniz syntax, for bench/suites/compute-engine.js.
//
// The reader builds the same trees as bench/suites/mathematica.js (Mathematica
// heads: Sin, Log, Surd, Abs, ...), so that file's `convert` does the writing:
// leibniz's names, the parentheses it needs, and the reasons for what leibniz
// lacks (Infinity, Indeterminate, I, a function it has not).
//
// What it reads, with the Compute Engine's meanings: + - * / \cdot \times and
// implicit products (2x, xy, x(y + 1), \sin(x)\cos(x): every letter is a
// variable); unary minus below ^ (-x^2 is -(x^2)); * / and implicit products
// at one level, from the left (2/3*5/x is ((2/3)*5)/x); ^{...} or one
// character or one command as the exponent (e^\ln(x) is e^(ln(x)));
// \frac{a}{b} and \frac34; \sqrt{x}, \sqrt3, \sqrt[n]{x} (real odd roots, as
// leibniz's cbrt and nthroot); |x| and \left|x\right|; \left( \right);
// functions with ( ) arguments or one without (\cos\theta, \sin x), and a
// power written on the function (\sin^2(x) is sin(x)^2); \ln, \log_b(x),
// \log(x, b) (base b), \log(x) (base 10, the Compute Engine's), \lg, \lb, \exp;
// \operatorname{...} and \mathrm{...} names; e is Euler's number, i the
// imaginary unit, \pi; Greek letters are variables; one relation (<, >, \le,
// \ge) at the top.

import { convert } from './mathematica.js';

export class LatexSyntaxError extends Error {
  name = 'LatexSyntaxError';
}

/** LaTeX function names (after \, or in \operatorname{...}) and their Mathematica heads. */
const FUNCTIONS = {
  sin: 'Sin', cos: 'Cos', tan: 'Tan', sec: 'Sec', csc: 'Csc', cot: 'Cot',
  arcsin: 'ArcSin', arccos: 'ArcCos', arctan: 'ArcTan', arcsec: 'ArcSec', arccsc: 'ArcCsc', arccot: 'ArcCot',
  // \arcctg is the Compute Engine's arccot; its range is (0, pi), leibniz's acot is atan(1/x).
  arcctg: 'ArcCot',
  sinh: 'Sinh', cosh: 'Cosh', tanh: 'Tanh', sech: 'Sech', csch: 'Csch', coth: 'Coth',
  arsinh: 'ArcSinh', arcosh: 'ArcCosh', artanh: 'ArcTanh', arsech: 'ArcSech', arcsch: 'ArcCsch', arcoth: 'ArcCoth',
  arcsinh: 'ArcSinh', arccosh: 'ArcCosh', arctanh: 'ArcTanh', arcsech: 'ArcSech', arccsch: 'ArcCsch', arccoth: 'ArcCoth',
  exp: 'Exp', ln: 'Log', lg: 'Log10', lb: 'Log2', log: 'log', // log: its base decides (below)
  abs: 'Abs', sign: 'Sign', sgn: 'Sign', erf: 'Erf', Gamma: 'Gamma', floor: 'Floor', ceil: 'Ceiling',
};

/** Named constants and symbols. */
const SYMBOLS = {
  pi: 'Pi', infty: 'Infinity', exponentialE: 'E', imaginaryI: 'I', NaN: 'Indeterminate',
};

const GREEK = new Set(
  // Not \gamma, \zeta, \Gamma, which may name constants or functions.
  'alpha beta delta epsilon varepsilon eta theta vartheta iota kappa lambda mu nu xi rho sigma tau upsilon phi varphi chi psi omega'.split(' '),
);

/** Commands that are spacing only. */
const SPACES = new Set([',', ';', ':', '!', ' ', 'quad', 'qquad']);

const RELATIONS = { '<': '<', '>': '>', lt: '<', gt: '>', le: '<=', leq: '<=', ge: '>=', geq: '>=' };

const num = (v) => ({ t: 'num', v });
const sym = (name) => ({ t: 'sym', name });
const call = (head, args) => ({ t: 'call', head, args });
const bin = (op, a, b) => ({ t: 'bin', op, a, b });

class Reader {
  constructor(src) {
    // \left( and \right) are the plain delimiters.
    this.s = src.replace(/\\(left|right)\s*(\\[{}|]|[()[\]|.])/g, (_, side, d) => (d === '.' ? ' ' : d.replace(/^\\/, '')));
    this.i = 0;
    this.absDepth = 0;
    this.reasons = new Set();
  }

  fail(msg) {
    throw new LatexSyntaxError(`${msg} at ${this.i}`);
  }

  /** Skips white space and spacing commands. */
  space() {
    for (;;) {
      while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
      const m = /^\\([A-Za-z]+|.)/.exec(this.s.slice(this.i));
      if (m && SPACES.has(m[1])) this.i += m[0].length;
      else return;
    }
  }

  peek() {
    this.space();
    return this.s[this.i];
  }

  /** The command at the cursor (without the \), or null. */
  peekCommand() {
    this.space();
    const m = /^\\([A-Za-z]+|.)/.exec(this.s.slice(this.i));
    return m ? m[1] : null;
  }

  eat(c) {
    if (this.peek() === c) {
      this.i++;
      return true;
    }
    return false;
  }

  expect(c) {
    if (!this.eat(c)) this.fail(`expected ${c}, got ${this.s[this.i] ?? 'the end'}`);
  }

  top() {
    const a = this.sum();
    let rel = null;
    const ch = this.peek();
    const c = this.peekCommand();
    if (ch === '<' || ch === '>') {
      this.i++;
      rel = this.eat('=') ? `${ch}=` : ch;
    } else if (c !== null && Object.hasOwn(RELATIONS, c)) {
      this.i += c.length + 1;
      rel = RELATIONS[c];
    } else if (ch === '=') {
      this.reasons.add('equation');
      this.i++;
      this.sum();
    }
    const out = rel === null ? a : { rel, a, b: this.sum() };
    if (this.peek() !== undefined) this.fail(`unexpected ${this.s[this.i]}`);
    return out;
  }

  sum() {
    let a = this.term();
    for (;;) {
      if (this.eat('+')) a = bin('+', a, this.term());
      else if (this.eat('-')) a = bin('-', a, this.term());
      else return a;
    }
  }

  term() {
    let a = this.unary();
    for (;;) {
      const c = this.peekCommand();
      if (c === 'cdot' || c === 'times') {
        this.i += c.length + 1;
        a = bin('*', a, this.unary());
      } else if (this.eat('*')) a = bin('*', a, this.unary());
      else if (this.eat('/')) a = bin('/', a, this.unary());
      else if (this.startsPrimary()) a = bin('*', a, this.postfix());
      else return a;
    }
  }

  unary() {
    if (this.eat('-')) return { t: 'neg', a: this.unary() };
    if (this.eat('+')) return this.unary();
    return this.postfix();
  }

  /** Whether what follows starts a factor of an implicit product. */
  startsPrimary(noFunctions = false) {
    const ch = this.peek();
    if (ch === undefined) return false;
    if (/[0-9.A-Za-z({]/.test(ch)) return true;
    if (ch === '|') return this.absDepth === 0; // inside |...| a bar after an operand closes it
    if (ch !== '\\') return false;
    const c = this.peekCommand();
    if (c === 'cdot' || c === 'times' || Object.hasOwn(RELATIONS, c) || c === '}' || c === '{') return false;
    if (noFunctions && (Object.hasOwn(FUNCTIONS, c) || c === 'operatorname' || c === 'mathrm')) return false;
    return true;
  }

  postfix() {
    let a = this.primary();
    for (;;) {
      if (this.eat('^')) a = bin('^', a, this.script());
      else if (this.eat('!')) a = call('Factorial', [a]);
      else if (this.peek() === '_') {
        this.i++;
        this.script();
        this.reasons.add('subscript');
      } else return a;
    }
  }

  /** A superscript or subscript: {...}, one character, or one command with its arguments. */
  script() {
    const ch = this.peek();
    if (ch === '{') return this.group();
    if (ch === '\\') return this.primary();
    if (ch === '-') {
      this.i++;
      return { t: 'neg', a: this.script() };
    }
    return this.single();
  }

  /** One character: a digit or a letter. */
  single() {
    const ch = this.peek();
    if (ch === undefined) this.fail('expected an argument, got the end');
    this.i++;
    if (/[0-9]/.test(ch)) return num(ch);
    if (/[A-Za-z]/.test(ch)) return this.letter(ch);
    this.fail(`unexpected ${ch}`);
  }

  letter(ch) {
    if (ch === 'e') return sym('E');
    if (ch === 'i') return sym('I');
    return sym(ch);
  }

  /** The argument of \frac or \sqrt: {...}, one character, or one command. */
  macroArg() {
    const ch = this.peek();
    if (ch === '{') return this.group();
    if (ch === '\\') return this.primary();
    return this.single();
  }

  group() {
    this.expect('{');
    const saved = this.absDepth;
    this.absDepth = 0;
    const a = this.sum();
    this.absDepth = saved;
    this.expect('}');
    return a;
  }

  primary() {
    const ch = this.peek();
    if (ch === undefined) this.fail('expected an operand, got the end');
    if (/[0-9.]/.test(ch)) {
      const m = /^(\d+\.?\d*|\.\d+)/.exec(this.s.slice(this.i));
      if (!m) this.fail(`unexpected ${ch}`);
      this.i += m[0].length;
      return num(m[0].replace(/\.$/, ''));
    }
    if (/[A-Za-z]/.test(ch)) {
      this.i++;
      return this.letter(ch);
    }
    if (ch === '(') {
      this.i++;
      const saved = this.absDepth;
      this.absDepth = 0;
      const a = this.sum();
      this.absDepth = saved;
      if (this.peek() === ',') this.fail('a tuple');
      this.expect(')');
      return a;
    }
    if (ch === '{') return this.group();
    if (ch === '|') {
      this.i++;
      this.absDepth++;
      const a = this.sum();
      this.absDepth--;
      this.expect('|');
      return call('Abs', [a]);
    }
    if (ch !== '\\') this.fail(`unexpected ${ch}`);
    const c = this.peekCommand();
    this.i += c.length + 1;
    if (c === 'frac' || c === 'dfrac' || c === 'tfrac') {
      const a = this.macroArg();
      return bin('/', a, this.macroArg());
    }
    if (c === 'sqrt') {
      let index = null;
      if (this.eat('[')) {
        index = this.sum();
        this.expect(']');
      }
      const x = this.macroArg();
      if (index === null || (index.t === 'num' && index.v === '2')) return call('Sqrt', [x]);
      if (index.t === 'num' && index.v === '3') return call('CubeRoot', [x]);
      return call('Surd', [x, index]);
    }
    if (c === 'tilde') {
      const next = this.macroArg();
      if (next.t === 'sym' && next.name === 'Infinity') return sym('ComplexInfinity');
      this.reasons.add('\\tilde');
      return next;
    }
    if (c === 'operatorname' || c === 'mathrm') {
      const m = /^\{\s*([A-Za-z0-9]+)\s*\}/.exec(this.s.slice(this.i));
      if (!m) this.fail(`expected {name} after \\${c}`);
      this.i += m[0].length;
      return this.named(m[1]);
    }
    if (c === '{' || c === '}') this.fail(`unexpected \\${c}`);
    return this.named(c);
  }

  /** A command's or an operator name's meaning: a constant, a variable, or a function applied. */
  named(name) {
    if (Object.hasOwn(SYMBOLS, name)) return sym(SYMBOLS[name]);
    if (GREEK.has(name)) return sym(name);
    if (Object.hasOwn(FUNCTIONS, name)) return this.apply(name);
    this.reasons.add(`\\${name}`);
    if (this.peek() === '(') return this.primary(); // the argument, so that the rest reads
    return sym('MISSING');
  }

  /** A function: its power (\sin^2) and base (\log_2), then ( ) arguments or one factor. */
  apply(name) {
    let power = null;
    let base = null;
    for (;;) {
      if (this.eat('^')) power = this.script();
      else if (this.eat('_')) base = this.script();
      else break;
    }
    let args;
    if (this.peek() === '(') {
      this.i++;
      const saved = this.absDepth;
      this.absDepth = 0;
      args = [this.sum()];
      while (this.eat(',')) args.push(this.sum());
      this.absDepth = saved;
      this.expect(')');
    } else if (this.peek() === '{') {
      args = [this.group()];
    } else {
      // \cos\theta, \sin 2x: the factors up to + - / or the next function.
      let a = this.postfix();
      while (this.startsPrimary(true)) a = bin('*', a, this.postfix());
      args = [a];
    }
    let head = FUNCTIONS[name];
    if (head === 'log') {
      // \log_b(x) and \log(x, b) are to base b; \log(x) is to base 10.
      if (base !== null && args.length === 1) args = [base, args[0]];
      else if (base === null && args.length === 2) args = [args[1], args[0]];
      else if (base === null && args.length === 1) head = 'Log10';
      else this.fail('\\log with a base and two arguments');
      if (head === 'log') head = 'Log';
    } else if (base !== null) this.reasons.add(`\\${name} with a subscript`);
    let out = call(head, args);
    if (power !== null) {
      if (power.t === 'neg' && power.a.t === 'num' && power.a.v === '1') this.reasons.add(`\\${name}^{-1}`);
      out = bin('^', out, power);
    }
    return out;
  }
}

/**
 * The tree of a LaTeX formula (the trees of bench/suites/mathematica.js),
 * { tree, reasons }; a relation at the top is { rel, a, b }. Throws a
 * LatexSyntaxError when it cannot be read.
 */
export function readLatex(src) {
  const r = new Reader(src);
  const tree = r.top();
  return { tree, reasons: [...r.reasons].sort() };
}

/** convert's reasons (Mathematica's names) for the constants, as the Compute Engine writes them. */
const REASON_NAMES = { Infinity: '\\infty', ComplexInfinity: '\\tilde\\infty', Indeterminate: 'NaN', I: 'i (the imaginary unit)' };

/** Writes a tree (or a top relation) as leibniz syntax: { text, reasons } as mathematica.js's convert. */
function write(tree, reasons) {
  const parts = tree.rel ? [tree.a, tree.b] : [tree];
  const conv = parts.map((p) => convert(p));
  const named = (r) => (Object.hasOwn(REASON_NAMES, r) ? REASON_NAMES[r] : r);
  const all = [...new Set([...reasons, ...conv.flatMap((c) => c.reasons.map(named))])].sort();
  if (all.length > 0) return { text: null, reasons: all };
  return { text: tree.rel ? `${conv[0].text} ${tree.rel} ${conv[1].text}` : conv[0].text, reasons: [] };
}

/** LaTeX to leibniz syntax: { text, reasons } (text null when reasons is not empty); a syntax error is a reason. */
export function latexToLeibniz(src) {
  let read;
  try {
    read = readLatex(src);
  } catch (e) {
    if (e instanceof LatexSyntaxError) return { text: null, reasons: [`LaTeX syntax: ${e.message}`] };
    throw e;
  }
  return write(read.tree, read.reasons);
}

// ---------------------------------------------------------------------------
// MathJSON (the Compute Engine's expressions as JSON: ["Power", "x", 2]).

/** MathJSON heads leibniz has, as the Mathematica heads `convert` knows (the others are passed on, and refused there). */
const MATHJSON_HEADS = {
  Sqrt: 'Sqrt', Abs: 'Abs', Exp: 'Exp', Ln: 'Log', Sign: 'Sign', Floor: 'Floor', Ceil: 'Ceiling', Erf: 'Erf', Gamma: 'Gamma', Factorial: 'Factorial',
  Sin: 'Sin', Cos: 'Cos', Tan: 'Tan', Sec: 'Sec', Csc: 'Csc', Cot: 'Cot',
  Arcsin: 'ArcSin', Arccos: 'ArcCos', Arctan: 'ArcTan', Arcsec: 'ArcSec', Arccsc: 'ArcCsc', Arccot: 'ArcCot',
  Sinh: 'Sinh', Cosh: 'Cosh', Tanh: 'Tanh', Sech: 'Sech', Csch: 'Csch', Coth: 'Coth',
  Arsinh: 'ArcSinh', Arcosh: 'ArcCosh', Artanh: 'ArcTanh', Arsech: 'ArcSech', Arcsch: 'ArcCsch', Arcoth: 'ArcCoth',
};

const MATHJSON_SYMBOLS = { Pi: 'Pi', ExponentialE: 'E', ImaginaryUnit: 'I', PositiveInfinity: 'Infinity', NegativeInfinity: 'Infinity', ComplexInfinity: 'ComplexInfinity', NaN: 'Indeterminate' };

function numberTree(text) {
  const m = /^(-?)(\d+(?:\.\d+)?)$/.exec(text);
  if (!m) return null;
  return m[1] ? { t: 'neg', a: num(m[2]) } : num(m[2]);
}

/** The tree of a MathJSON expression, { tree, reasons }. */
export function readMathJson(json) {
  const reasons = new Set();
  const fold = (op, xs) => xs.reduce((a, b) => bin(op, a, b));
  const go = (x) => {
    if (typeof x === 'number') {
      if (Number.isNaN(x)) return sym('Indeterminate');
      if (!Number.isFinite(x)) return sym('Infinity');
      const t = numberTree(String(x));
      if (t) return t;
      reasons.add('number with an exponent');
      return num('0');
    }
    if (typeof x === 'string') return Object.hasOwn(MATHJSON_SYMBOLS, x) ? sym(MATHJSON_SYMBOLS[x]) : sym(x);
    if (x && typeof x === 'object' && !Array.isArray(x)) {
      const t = typeof x.num === 'string' ? numberTree(x.num) : null;
      if (t) return t;
      reasons.add(`MathJSON ${JSON.stringify(x)}`);
      return num('0');
    }
    if (!Array.isArray(x) || x.length === 0 || typeof x[0] !== 'string') {
      reasons.add('MathJSON that is not an expression');
      return num('0');
    }
    const [head, ...rest] = x;
    const args = rest.map(go);
    const arity = (n) => {
      if (args.length !== n) reasons.add(`${head} of ${args.length} arguments`);
      return args.length === n;
    };
    switch (head) {
      case 'Add':
        return args.length > 0 ? fold('+', args) : num('0');
      case 'Multiply':
        return args.length > 0 ? fold('*', args) : num('1');
      case 'Subtract':
        return arity(2) ? bin('-', args[0], args[1]) : num('0');
      case 'Divide':
      case 'Rational':
        return arity(2) ? bin('/', args[0], args[1]) : num('0');
      case 'Negate':
        return arity(1) ? { t: 'neg', a: args[0] } : num('0');
      case 'Power':
        return arity(2) ? bin('^', args[0], args[1]) : num('0');
      case 'Square':
        return arity(1) ? bin('^', args[0], num('2')) : num('0');
      case 'Root':
        return arity(2) ? call('Surd', args) : num('0');
      case 'Log':
        // Log(x) is to base 10, Log(x, b) to base b.
        if (args.length === 1) return call('Log10', args);
        return arity(2) ? call('Log', [args[1], args[0]]) : num('0');
      default:
        return call(Object.hasOwn(MATHJSON_HEADS, head) ? MATHJSON_HEADS[head] : head, args);
    }
  };
  const tree = go(json);
  return { tree, reasons: [...reasons].sort() };
}

/** MathJSON to leibniz syntax: { text, reasons } as latexToLeibniz. */
export function mathJsonToLeibniz(json) {
  const read = readMathJson(json);
  return write(read.tree, read.reasons);
}
