// Text with declared shapes -> matrix-layer nodes. The grammar and the parse
// tree are the scalar parser's (one grammar for everything); only lowering
// differs: here `*` is the matrix product, x^T and x' transpose, A^-1 is
// inv(A), X^-T is inv(X)^T, .* ./ .^ work entry by entry, and every builder
// checks shapes, so a mismatch is a ParseError at the operator.
import { arg, expectString } from '../core/check-args.js';
import { ALIASES, FUNCTIONS } from '../core/functions.js';
import { arityText } from '../core/build.js';
import { MathError, parseDecimal } from '../core/rational.js';
import { ParseError } from '../parse/errors.js';
import { isTransposeLink } from '../parse/lower.js';
import { parseTrees } from '../parse/parser.js';
import type { Link, Pos, Syn } from '../parse/syntax.js';
import {
  MINUS_ONE,
  OP_NAMES,
  add,
  div,
  had,
  fn,
  mnum,
  msym,
  mul,
  mvar,
  neg,
  op,
  pow,
  sub,
  transpose,
  type MExpr,
  type OpName,
} from './node.js';
import { isScalar, isSquare, parseShape, shapeText, type Dim, type Shape } from './shape.js';
import { describeValue } from '../core/options.js';

/**
 * Declared shapes: symbol name -> dimensions (names or positive integers);
 * undeclared symbols are scalars. A square matrix may add 'symmetric' as a third
 * entry (`A: ['n', 'n', 'symmetric']`): then A^T is A.
 */
export type Shapes = Readonly<Record<string, readonly (Dim | 'symmetric')[]>>;

/** A declared variable: its shape, and whether it is a symmetric matrix. */
export interface Declared {
  readonly shape: Shape;
  readonly symmetric: boolean;
}

export interface ShapedParseOptions {
  readonly shapes: Shapes;
}

class At extends Error {
  constructor(
    readonly at: Pos,
    message: string,
  ) {
    super(message);
  }
}

/** Own-property shapes, checked and normalised. */
export function readShapes(shapes: Shapes): Map<string, Declared> {
  if (typeof shapes !== 'object' || shapes === null || Array.isArray(shapes)) throw new MathError(`shapes must be an object like { x: ['n'], A: ['m', 'n'] }, got ${describeValue(shapes)}`);
  const out = new Map<string, Declared>();
  for (const name of Object.keys(shapes)) {
    if (!/^[A-Za-z_\u00C0-\u024F\u0370-\u03FF][A-Za-z_0-9\u00C0-\u024F\u0370-\u03FF]*$/.test(name)) {
      throw new MathError(`cannot declare a shape for '${name}': not a name`);
    }
    if (name === 'T') throw new MathError(`T cannot have a shape: x^T is the transpose`);
    const dims = shapes[name]!;
    const symmetric = Array.isArray(dims) && dims.length === 3 && dims[2] === 'symmetric';
    const shape = parseShape((symmetric ? dims.slice(0, 2) : dims) as readonly Dim[], name);
    if (symmetric && !isSquare(shape)) throw new MathError(`${name} is declared symmetric, so it must be square, not a ${shapeText(shape)}`);
    out.set(name, { shape, symmetric });
  }
  return out;
}

/** Parses `src` with shaped symbols. Throws ParseError (syntax, shapes, unknown operations). */
export function parseShaped(src: string, shapes: Shapes): MExpr {
  expectString(src, 'parseShaped', arg(1, 'src'), "the text of an expression (like 'A*x')");
  const declared = readShapes(shapes);
  const trees = parseTrees(src, 'main');
  if (trees.length > 1) throw new Error(`internal error: ${trees.length} parses of ${JSON.stringify(src)}`);
  try {
    return lowerShaped(trees[0] as Syn, declared, src);
  } catch (e) {
    if (e instanceof At) throw new ParseError(src, e.at, e.message);
    if (e instanceof RangeError) throw new ParseError(src, { offset: 0, line: 1, col: 1 }, 'expression nests too deeply for shaped parsing');
    throw e;
  }
}

function lowerShaped(root: Syn, shapes: ReadonlyMap<string, Declared>, src: string): MExpr {
  const at = <T>(p: Pos, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof MathError) throw new At(p, e.message);
      throw e;
    }
  };
  const go = (s: Syn): MExpr => {
    switch (s.t) {
      case 'num':
        return mnum(parseDecimal(s.text));
      case 'sym': {
        const d = shapes.get(s.name);
        return d ? mvar(s.name, d.shape, d.symmetric) : msym(s.name);
      }
      case 'neg':
        return neg(go(s.x));
      case 'fact': {
        const x = go(s.x);
        return at(s.at, () => fn('factorial', x));
      }
      case 'prime': {
        const x = go(s.x);
        if (isScalar(x.shape)) throw new At(s.at, `' transposes a vector or matrix, but this is a scalar (declare a shape for it)`);
        return transpose(x);
      }
      case 'bin':
        return chain(s);
      case 'tower':
        return tower(s.top);
      case 'call':
        return callOf(s);
      case 'dcall':
        throw new At(s.at, `D(...) of an undefined function is not available with shapes`);
      case 'cmp':
      case 'logic':
      case 'not':
      case 'ternary':
        throw new At(s.at, `conditions and conditionals are not available with shapes`);
    }
  };

  // a + b - c and a*b/c .* d: left to right, each operator checked where it is.
  const chain = (s: Syn & { t: 'bin' }): MExpr => {
    const items: Array<{ op: string; x: Syn; at: Pos }> = [];
    let cur: Syn = s;
    const additive = s.op === '+' || s.op === '-';
    while (cur.t === 'bin' && (additive ? cur.op === '+' || cur.op === '-' : cur.op !== '+' && cur.op !== '-' && cur.op !== '^')) {
      items.push({ op: cur.op, x: cur.r, at: cur.at });
      cur = cur.l;
    }
    let acc = go(cur);
    for (let i = items.length - 1; i >= 0; i--) {
      const { op: o, x, at: p } = items[i]!;
      const r = go(x);
      const l = acc;
      acc = at(p, () => {
        switch (o) {
          case '+':
            return add(l, r);
          case '-':
            return sub(l, r);
          case '*':
            return mul(l, r);
          case '.*':
            return had(l, r);
          case './':
            return isScalar(r.shape) ? div(l, r) : had(l, pow(r, MINUS_ONE));
          default: // '/'
            if (!isScalar(r.shape)) throw new MathError(`cannot divide by a ${shapeText(r.shape)}: use inv(...) or ./ for entry by entry`);
            return div(l, r);
        }
      });
    }
    return acc;
  };

  // Right-associative, folded from the top; a link's signs negate everything above it
  // (a^-b^c = a^(-(b^c))). A bare T on top transposes (x^T, X^-T); nowhere else.
  const tower = (top: Link): MExpr => {
    const links: Link[] = [];
    for (let l: Link | null = top; l; l = l.prev) links.push(l);
    links.reverse(); // links[0] holds the base
    const minus = (l: Link): boolean => l.signs.filter((t) => t.text !== '+').length % 2 === 1;
    let end = links.length - 1;
    let t: { inv: boolean; at: Pos } | null = null;
    if (isTransposeLink(links[end]!, src)) {
      t = { inv: minus(links[end]!), at: links[end]!.at };
      end--;
    }
    for (let i = 1; i <= end; i++) {
      if (isTransposeLink(links[i]!, src)) throw new At(links[i]!.at, `a transpose ^T must be the last exponent: write (A^T)^k`);
    }
    let acc = go(links[end]!.x);
    for (let i = end - 1; i >= 0; i--) {
      const l = links[i + 1]!;
      if (minus(l)) acc = neg(acc);
      acc = power(go(links[i]!.x), acc, l);
    }
    return applyTop(acc, t);
  };

  const applyTop = (x: MExpr, t: { inv: boolean; at: Pos } | null): MExpr => {
    if (!t) return x;
    if (isScalar(x.shape)) throw new At(t.at, `^T transposes a vector or matrix, but this is a scalar (declare its shape, or write ^(T) for a power)`);
    return at(t.at, () => transpose(t.inv ? op('inv', x) : x));
  };

  // base^x: a scalar power, an elementwise .^, A^-1 = inv(A), A^k = A*...*A.
  const power = (base: MExpr, x: MExpr, l: Link): MExpr =>
    at(l.at, () => {
      if (isScalar(base.shape) || l.dot) return pow(base, x);
      if (x.kind === 'num' && x.value.q === 1n && isSquare(base.shape)) {
        const k = x.value.p;
        if (k === -1n) return op('inv', base);
        if (k >= 1n && k <= 64n) return mul(...new Array<MExpr>(Number(k)).fill(base));
        if (k <= -2n && k >= -64n) return op('inv', mul(...new Array<MExpr>(Number(-k)).fill(base)));
      }
      throw new MathError(
        `^ of a ${shapeText(base.shape)}: powers of shaped values are A^k for a square A and whole k, A^-1, x^T; use .^ entry by entry, or norm(x)^2`,
      );
    });

  const callOf = (s: Syn & { t: 'call' }): MExpr => {
    const name = ALIASES.get(s.name) ?? s.name;
    if (s.primes > 0) throw new At(s.at, `${s.name}${"'".repeat(s.primes)}(...): derivatives of undefined functions are not available with shapes`);
    const args = s.args.map(go);
    if (OP_NAMES.has(name)) {
      if (args.length !== 1) throw new At(s.at, `${name} takes 1 argument, but was given ${args.length}`);
      return at(s.at, () => op(name as Exclude<OpName, 'T'>, args[0]!));
    }
    if (name === 'hadamard') {
      if (args.length < 2) throw new At(s.at, `hadamard takes 2 or more arguments, but was given ${args.length}`);
      return at(s.at, () => had(...args));
    }
    if (name === 'transpose') {
      if (args.length !== 1) throw new At(s.at, `transpose takes 1 argument`);
      return applyTop(args[0]!, { inv: false, at: s.at });
    }
    const known = FUNCTIONS.get(name);
    if (!known) throw new At(s.at, `unknown function ${s.name}: undefined functions are not available with shapes`);
    if (args.length < known.minArgs || args.length > known.maxArgs) {
      throw new At(s.at, `${s.name} takes ${arityText(known.minArgs, known.maxArgs)}, but was given ${args.length}`);
    }
    return at(s.at, () => fn(name, ...args));
  };

  return go(root);
}

