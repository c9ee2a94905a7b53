// Mathematica input syntax (the InputForm of the Rubi test suites) read and
// written out in leibniz syntax, for the measurements in bench/suites/.
//
// Reading follows Mathematica's precedences: Power (^) binds tightest and
// groups to the right, then unary minus (-x^2 is -(x^2), -a/b is (-a)/b),
// then Divide, then Times (written * or as a space: a/b c is (a/b)*c), then
// Plus and Subtract. A name followed by [ is a call, f[x]; (* ... *) is a
// comment (nested). The writer parenthesises what leibniz would read
// otherwise and writes every product with * (leibniz reads x(y) as a call).
//
// Only what leibniz has is written; everything else (a function leibniz does
// not have, the imaginary unit I, a rule, a string) is a reason, collected
// for the whole expression, and the expression is not converted.

/** Mathematica functions leibniz has, by number of arguments: leibniz's name and the order of the arguments. */
const FUNCTIONS = {
  Sin: { 1: ['sin'] },
  Cos: { 1: ['cos'] },
  Tan: { 1: ['tan'] },
  Sec: { 1: ['sec'] },
  Csc: { 1: ['csc'] },
  Cot: { 1: ['cot'] },
  ArcSin: { 1: ['asin'] },
  ArcCos: { 1: ['acos'] },
  // ArcTan[x, y] is the angle of the point (x, y): atan2(y, x).
  ArcTan: { 1: ['atan'], 2: ['atan2', [1, 0]] },
  ArcSec: { 1: ['asec'] },
  ArcCsc: { 1: ['acsc'] },
  ArcCot: { 1: ['acot'] }, // both are atan(1/x)
  Sinh: { 1: ['sinh'] },
  Cosh: { 1: ['cosh'] },
  Tanh: { 1: ['tanh'] },
  Sech: { 1: ['sech'] },
  Csch: { 1: ['csch'] },
  Coth: { 1: ['coth'] },
  ArcSinh: { 1: ['asinh'] },
  ArcCosh: { 1: ['acosh'] },
  ArcTanh: { 1: ['atanh'] },
  ArcSech: { 1: ['asech'] },
  ArcCsch: { 1: ['acsch'] },
  ArcCoth: { 1: ['acoth'] },
  Exp: { 1: ['exp'] },
  // Log[b, x] is the logarithm of x to base b; leibniz writes log(x, b).
  Log: { 1: ['log'], 2: ['log', [1, 0]] },
  Log10: { 1: ['log10'] },
  Log2: { 1: ['log2'] },
  Sqrt: { 1: ['sqrt'] },
  CubeRoot: { 1: ['cbrt'] },
  Surd: { 2: ['nthroot'] },
  Abs: { 1: ['abs'] },
  Sign: { 1: ['sign'] },
  Erf: { 1: ['erf'] },
  Gamma: { 1: ['gamma'] },
  PolyGamma: { 1: ['digamma'], 2: ['polygamma'] },
  Factorial: { 1: ['factorial'] },
  Floor: { 1: ['floor'] },
  Ceiling: { 1: ['ceil'] },
};

/** Mathematica's constants leibniz has. */
const CONSTANTS = { E: 'e', Pi: 'pi' };

/** Mathematica's symbols that are not variables and that leibniz has not: a reason to skip. */
const BUILTIN_SYMBOLS = new Set(['I', 'Infinity', 'ComplexInfinity', 'Indeterminate', 'EulerGamma', 'GoldenRatio', 'Catalan', 'Degree', 'Glaisher', 'Khinchin', 'True', 'False', 'Null', 'All', 'None']);

/**
 * Names leibniz reads as something else than a variable: its functions and
 * their other spellings (src/core/functions.ts, checked by
 * test/mathematica-syntax.test.ts), its constants and its keywords. A
 * Mathematica variable of such a name gets a trailing underscore (e is e_).
 */
export const LEIBNIZ_RESERVED = new Set(
  (
    'sin cos tan sec csc cot asin acos atan asec acsc acot sinh cosh tanh sech csch coth asinh acosh atanh asech acsch acoth ' +
    'arcsin arccos arctan arcsec arccsc arccot arcsinh arccosh arctanh arcsech arccsch arccoth arsinh arcosh artanh arsech arcsch arcoth ' +
    'exp log ln log10 log2 log1p expm1 softplus sigmoid logsigmoid logsumexp sqrt cbrt nthroot abs sign min max atan2 arctan2 ' +
    'floor ceil lt le eq ne and or not piecewise heaviside relu erf gamma digamma polygamma factorial fact ' +
    'pi e if'
  ).split(' '),
);

const LEIBNIZ_NAME = /^[A-Za-z_][A-Za-z_0-9]*$/;

/** The leibniz name of a Mathematica variable. */
export function variableName(name) {
  let n = name.replace(/\$/g, '_');
  if (!LEIBNIZ_NAME.test(n)) n = `v_${n.replace(/[^A-Za-z_0-9]/g, '_')}`;
  return LEIBNIZ_RESERVED.has(n) ? `${n}_` : n;
}

export class MathematicaSyntaxError extends Error {
  name = 'MathematicaSyntaxError';
}

// ---------------------------------------------------------------------------
// Reading.

/** The text with its comments (* ... *), nested, replaced by spaces; strings are kept. */
export function stripComments(src) {
  let out = '';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (depth === 0 && inString) {
      out += c;
      if (c === '\\') out += src[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '(' && src[i + 1] === '*') {
      depth++;
      i++;
      out += '  ';
    } else if (depth > 0 && c === '*' && src[i + 1] === ')') {
      depth--;
      i++;
      out += '  ';
    } else if (depth > 0) {
      out += c === '\n' ? '\n' : ' ';
    } else {
      if (c === '"') inString = true;
      out += c;
    }
  }
  return out;
}

const TOKEN = new RegExp(
  [
    String.raw`(?<ws>\s+)`,
    String.raw`(?<num>(?:\d+\.?\d*|\.\d+)(?:\x60[\d.]*)?(?:\*\^[+-]?\d+)?)`,
    String.raw`(?<name>[A-Za-z$][A-Za-z0-9$]*)`,
    String.raw`(?<str>"(?:[^"\\]|\\.)*")`,
    String.raw`(?<op>->|:>|==|!=|<=|>=|&&|\|\||[-+*/^()[\]{},<>!;=&|'.:@#%?~])`,
  ].join('|'),
  'y',
);

function tokenize(src) {
  const out = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(src);
    if (!m) throw new MathematicaSyntaxError(`unexpected character ${JSON.stringify(src[at])} at ${at}`);
    const g = m.groups;
    if (g.ws !== undefined) continue;
    if (g.num !== undefined) out.push({ t: 'num', v: g.num, at });
    else if (g.name !== undefined) out.push({ t: 'name', v: g.name, at });
    else if (g.str !== undefined) out.push({ t: 'str', v: g.str, at });
    else out.push({ t: 'op', v: g.op, at });
  }
  out.push({ t: 'end', v: '', at: src.length });
  return out;
}

// Binding powers (Mathematica's precedences, divided by 10).
const BINARY = {
  '->': [12, 'right'],
  ':>': [12, 'right'],
  '||': [21.4, 'left'],
  '&&': [21.5, 'left'],
  '==': [29, 'left'],
  '!=': [29, 'left'],
  '<': [29, 'left'],
  '>': [29, 'left'],
  '<=': [29, 'left'],
  '>=': [29, 'left'],
  '+': [31, 'left'],
  '-': [31, 'left'],
  '*': [40, 'left'],
  '/': [47, 'left'],
  '^': [59, 'right'],
};
const TIMES = 40;
const PREFIX_MINUS = 48;
const NOT = 23;
const CALL = 100;

/**
 * The syntax tree of one Mathematica expression: { t: 'num', v } (the digits
 * as written), { t: 'sym', name }, { t: 'call', head, args }, { t: 'list',
 * items }, { t: 'bin', op, a, b } (op one of + - * / ^ and the comparisons,
 * rules and connectives), { t: 'neg', a }, { t: 'not', a }, { t: 'str', v }.
 */
export function parseMathematica(src) {
  const toks = tokenize(stripComments(src));
  let k = 0;
  const peek = () => toks[k];
  const next = () => toks[k++];
  const expect = (v) => {
    const t = next();
    if (t.v !== v || t.t !== 'op') throw new MathematicaSyntaxError(`expected ${v} at ${t.at}, got ${t.v || 'the end'}`);
  };
  const startsOperand = (t) => t.t === 'num' || t.t === 'name' || t.t === 'str' || (t.t === 'op' && (t.v === '(' || t.v === '{'));

  function sequence(close) {
    const items = [];
    if (peek().t === 'op' && peek().v === close) {
      next();
      return items;
    }
    for (;;) {
      items.push(expr(0));
      const t = next();
      if (t.t === 'op' && t.v === close) return items;
      if (!(t.t === 'op' && t.v === ',')) throw new MathematicaSyntaxError(`expected , or ${close} at ${t.at}, got ${t.v || 'the end'}`);
    }
  }

  function nud() {
    const t = next();
    if (t.t === 'num') return { t: 'num', v: t.v };
    if (t.t === 'name') return { t: 'sym', name: t.v };
    if (t.t === 'str') return { t: 'str', v: t.v };
    if (t.t === 'op') {
      if (t.v === '(') {
        const e = expr(0);
        expect(')');
        return e;
      }
      if (t.v === '{') return { t: 'list', items: sequence('}') };
      if (t.v === '-') return { t: 'neg', a: expr(PREFIX_MINUS) };
      if (t.v === '+') return expr(PREFIX_MINUS);
      if (t.v === '!') return { t: 'not', a: expr(NOT) };
    }
    throw new MathematicaSyntaxError(`unexpected ${t.v || 'end of input'} at ${t.at}`);
  }

  function expr(minBp) {
    let left = nud();
    for (;;) {
      const t = peek();
      if (t.t === 'op' && t.v === '[') {
        if (CALL < minBp) break;
        next();
        if (left.t !== 'sym') throw new MathematicaSyntaxError(`a call of something not a name at ${t.at}`);
        left = { t: 'call', head: left.name, args: sequence(']') };
        continue;
      }
      if (t.t === 'op' && t.v === '!' && toks[k + 1]?.v !== '=') {
        if (61 < minBp) break;
        next();
        left = { t: 'call', head: 'Factorial', args: [left] };
        continue;
      }
      if (t.t === 'op' && Object.hasOwn(BINARY, t.v)) {
        const [bp, assoc] = BINARY[t.v];
        if (bp < minBp) break;
        next();
        const right = expr(assoc === 'left' ? bp + 0.01 : bp);
        left = { t: 'bin', op: t.v, a: left, b: right };
        continue;
      }
      if (startsOperand(t)) {
        // juxtaposition: a product
        if (TIMES < minBp) break;
        const right = expr(TIMES + 0.01);
        left = { t: 'bin', op: '*', a: left, b: right };
        continue;
      }
      break;
    }
    return left;
  }

  const e = expr(0);
  if (peek().t !== 'end') throw new MathematicaSyntaxError(`unexpected ${peek().v} at ${peek().at}`);
  return e;
}

/**
 * The top-level expressions of a file (the problems of a test suite: one list
 * each), with comments removed; an expression ends at a newline where its
 * brackets are balanced. Each is { src, line } (line 1-based).
 */
export function topLevelExpressions(fileText) {
  const text = stripComments(fileText);
  const out = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (start < 0 && c !== undefined && !/\s/.test(c)) {
      start = i;
      startLine = line;
    }
    if (c === '"') inString = true;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    if ((c === '\n' || c === undefined) && depth <= 0 && start >= 0) {
      const src = text.slice(start, i).trim();
      if (src) out.push({ src, line: startLine });
      start = -1;
      depth = 0;
    }
    if (c === '\n') line++;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Writing leibniz syntax.

const PREC = { add: 1, mul: 2, neg: 3, pow: 4, atom: 5 };

function precOf(n) {
  switch (n.k) {
    case 'add':
      return PREC.add;
    case 'mul':
      return PREC.mul;
    case 'neg':
      return PREC.neg;
    case 'pow':
      return PREC.pow;
    default:
      return PREC.atom;
  }
}

const paren = (s) => `(${s})`;

/** A factor after * or a negated operand: a power or tighter, or a product that does not start with a sign. */
function factor(n) {
  const s = write(n);
  if (precOf(n) >= PREC.pow) return s;
  return n.k === 'mul' && !s.startsWith('-') ? s : paren(s);
}

function write(n) {
  switch (n.k) {
    case 'num':
      return n.v;
    case 'sym':
      return n.name;
    case 'call':
      return `${n.fn}(${n.args.map(write).join(', ')})`;
    case 'neg':
      return `-${factor(n.a)}`;
    case 'pow': {
      const base = precOf(n.a) >= PREC.atom ? write(n.a) : paren(write(n.a));
      const exp = precOf(n.b) >= PREC.pow ? write(n.b) : paren(write(n.b));
      return `${base}^${exp}`;
    }
    case 'mul': {
      const left = precOf(n.a) >= PREC.mul ? write(n.a) : paren(write(n.a));
      if (n.op === '*') return `${left}*${factor(n.b)}`;
      const right = precOf(n.b) >= PREC.pow ? write(n.b) : paren(write(n.b));
      return `${left}/${right}`;
    }
    case 'add':
      return n.terms
        .map(({ minus, e }, i) => {
          let s = write(e);
          if (precOf(e) <= PREC.add || (i > 0 && s.startsWith('-'))) s = paren(s);
          return i === 0 ? (minus ? `-${s.startsWith('-') ? paren(s) : s}` : s) : `${minus ? ' - ' : ' + '}${s}`;
        })
        .join('');
  }
  throw new Error(`unknown node ${n.k}`);
}

/** Flattened sum terms of a + b or a - b: Mathematica's a - b - c is (a - b) - c. */
function terms(n, minus, out) {
  if (n.k === 'add' && !minus) out.push(...n.terms);
  else if (n.k === 'neg') out.push({ minus: !minus, e: n.a });
  else out.push({ minus, e: n });
  return out;
}

/** A comparison of $VersionNumber with a number, as Mathematica 13 decides it; undefined for anything else. */
function versionTest(c, version) {
  if (c.t !== 'bin' || c.a.t !== 'sym' || c.a.name !== '$VersionNumber' || c.b.t !== 'num') return undefined;
  const v = Number(c.b.v);
  return { '<': version < v, '<=': version <= v, '>': version > v, '>=': version >= v, '==': version === v, '!=': version !== v }[c.op];
}

/**
 * The leibniz form of a Mathematica syntax tree: { text, reasons } where
 * reasons lists, sorted, what leibniz does not have (empty when text is the
 * conversion). `If[$VersionNumber < 9, a, b]` (the suites' choice between
 * forms by version) is decided as Mathematica 13 would.
 */
export function convert(tree, { version = 13 } = {}) {
  const reasons = new Set();
  const miss = (why) => {
    reasons.add(why);
    return { k: 'sym', name: 'MISSING' };
  };
  const go = (n) => {
    switch (n.t) {
      case 'num':
        if (/[`*]/.test(n.v)) return miss('number with precision or exponent');
        return { k: 'num', v: n.v.endsWith('.') ? n.v.slice(0, -1) : n.v };
      case 'sym':
        if (Object.hasOwn(CONSTANTS, n.name)) return { k: 'sym', name: CONSTANTS[n.name] };
        if (BUILTIN_SYMBOLS.has(n.name) || n.name.startsWith('$')) return miss(n.name);
        return { k: 'sym', name: variableName(n.name) };
      case 'neg':
        return { k: 'neg', a: go(n.a) };
      case 'bin': {
        if (n.op === '^') return { k: 'pow', a: go(n.a), b: go(n.b) };
        if (n.op === '*' || n.op === '/') return { k: 'mul', op: n.op, a: go(n.a), b: go(n.b) };
        if (n.op === '+' || n.op === '-') {
          const a = go(n.a);
          const b = go(n.b);
          return { k: 'add', terms: terms(b, n.op === '-', terms(a, false, [])) };
        }
        return miss(n.op === '->' || n.op === ':>' ? 'Rule' : `operator ${n.op}`);
      }
      case 'call': {
        if (n.head === 'If' && n.args.length === 3) {
          const pick = versionTest(n.args[0], version);
          if (pick !== undefined) return go(pick ? n.args[1] : n.args[2]);
        }
        if (n.head === 'Power' && n.args.length === 2) return { k: 'pow', a: go(n.args[0]), b: go(n.args[1]) };
        const f = Object.hasOwn(FUNCTIONS, n.head) ? FUNCTIONS[n.head] : undefined;
        if (!f) return miss(/^[A-Z]/.test(n.head) ? n.head : `undefined function ${n.head}`);
        const spec = f[n.args.length];
        if (!spec) return miss(`${n.head} of ${n.args.length} arguments`);
        const [fn, order] = spec;
        const args = n.args.map(go);
        return { k: 'call', fn, args: order ? order.map((i) => args[i]) : args };
      }
      case 'list':
        return miss('list');
      case 'not':
        return miss('operator !');
      case 'str':
        return miss('string');
    }
    return miss(`syntax ${n.t}`);
  };
  const out = go(tree);
  if (reasons.size > 0) return { text: null, reasons: [...reasons].sort() };
  return { text: write(out), reasons: [] };
}

/** Mathematica source to leibniz syntax: the text, or null and the reasons (as `convert`); a syntax error is a reason too. */
export function toLeibniz(src, options) {
  let tree;
  try {
    tree = parseMathematica(src);
  } catch (e) {
    if (e instanceof MathematicaSyntaxError) return { text: null, reasons: [`Mathematica syntax: ${e.message}`] };
    throw e;
  }
  return convert(tree, options);
}
