// Shaped nodes from elsewhere: a node structured-cloned from a worker (or read
// back from JSON with bigints restored, or made by hand) has the fields of a
// node but its id and key mean nothing here. It is rebuilt from its fields by
// the builders, which check shapes again; what is not a shaped node is a
// MathError saying what. Iterative: any depth.
import { MathError, rat } from '../core/rational.js';
import { eye, isMatrixNode, msym, mnum, mvar, ones, rebuild, zeros, OP_NAMES, type MExpr } from './node.js';
import { parseDim, parseShape } from './shape.js';

/** A node of this realm for x: x itself when this module built it, else x rebuilt from its fields. */
export function internShaped(x: unknown): MExpr {
  if (isMatrixNode(x)) return x;
  const done = new Map<object, MExpr>();
  const stack: unknown[] = [x];
  const own = (n: object): MExpr | undefined => (isMatrixNode(n) ? n : done.get(n));
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (typeof top !== 'object' || top === null) throw foreign(top, 'not an expression node');
    if (own(top)) {
      stack.pop();
      continue;
    }
    const n = top as Record<string, unknown>;
    const ks = children(n);
    let ready = true;
    for (const k of ks) {
      if (typeof k !== 'object' || k === null) throw foreign(k, `an operand of a ${String(n.kind)} node is not an expression node`);
      if (!own(k)) {
        if (stack.length > 50_000_000) throw new MathError('intern: the node graph is too large');
        stack.push(k);
        ready = false;
      }
    }
    if (!ready) continue;
    stack.pop();
    done.set(n, one(n, ks.map((k) => own(k as object)!)));
  }
  return own(x as object)!;
}

function children(n: Record<string, unknown>): unknown[] {
  switch (n.kind) {
    case 'add':
    case 'mul':
    case 'had':
    case 'fn':
      if (!Array.isArray(n.args) || n.args.length === 0) throw foreign(n, 'args must be a non-empty array');
      return n.args as unknown[];
    case 'pow':
      return [n.base, n.exp];
    case 'op':
      return [n.arg];
    default:
      return [];
  }
}

function one(n: Record<string, unknown>, ks: MExpr[]): MExpr {
  const shape = (): readonly (string | number)[] => {
    if (!Array.isArray(n.shape)) throw foreign(n, 'shape must be an array of dimensions');
    return n.shape as (string | number)[];
  };
  switch (n.kind) {
    case 'num': {
      const v = n.value as { p?: unknown; q?: unknown } | null;
      if (typeof v !== 'object' || v === null || typeof v.p !== 'bigint' || typeof v.q !== 'bigint' || v.q === 0n) {
        throw foreign(n, 'a number node needs value { p, q } with bigints and q != 0');
      }
      return mnum(rat(v.p, v.q));
    }
    case 'sym':
    case 'var':
      if (typeof n.name !== 'string' || n.name === '') throw foreign(n, 'a symbol needs a name');
      return n.kind === 'sym' ? msym(n.name) : mvar(n.name, parseShape(shape(), n.name), n.symmetric === true);
    case 'eye': {
      const s = shape();
      if (s.length !== 2 || s[0] !== s[1]) throw foreign(n, 'an identity matrix needs a square shape');
      return eye(parseDim(s[0]!));
    }
    case 'ones':
      return ones(parseShape(shape()));
    case 'zero':
      return zeros(parseShape(shape()));
    case 'fn':
      if (typeof n.fn !== 'string' || n.fn === '') throw foreign(n, 'a function node needs a function name');
      return rebuild(n as unknown as MExpr, ks);
    case 'op':
      if (n.op !== 'T' && !(typeof n.op === 'string' && OP_NAMES.has(n.op))) throw foreign(n, `unknown operation ${JSON.stringify(n.op)}`);
      return rebuild(n as unknown as MExpr, ks);
    case 'add':
    case 'mul':
    case 'had':
    case 'pow':
      return rebuild(n as unknown as MExpr, ks);
    default:
      throw foreign(n, `unknown kind ${JSON.stringify(n.kind)}`);
  }
}

function foreign(x: unknown, why: string): MathError {
  const kind = typeof x === 'object' && x !== null && typeof (x as { kind?: unknown }).kind === 'string' ? ` (kind '${(x as { kind: string }).kind}')` : '';
  return new MathError(`not a leibniz shaped expression${kind}: ${why}; pass an expression built by leibniz, or its text with shapes`);
}

