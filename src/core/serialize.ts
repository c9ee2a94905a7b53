// Sending expressions between threads and processes. A node's id is only
// meaningful in the realm that built it, so a node must not be posted to a
// worker as is (a structured clone arrives as a plain object; intern() rebuilds
// it, but the text or this form is the supported way). serialize gives a
// JSON-safe value (numbers as decimal strings, shared subterms once, children
// before parents); deserialize checks it and rebuilds the nodes with the
// normalising builders, so forged data yields a valid expression or a MathError.
import { arg, expectExpr } from './check-args.js';
import { add, call, derivativeCall, intern, mul, num, pow, sym } from './build.js';
import type { Expr } from './expr.js';
import { describeValue } from './options.js';
import { MathError } from './rational.js';
import { postorder } from './traverse.js';

type Encoded =
  | readonly ['n', string, string]
  | readonly ['s', string]
  | readonly ['a' | 'm', readonly number[]]
  | readonly ['p', number, number]
  | readonly ['c', string, readonly number[], readonly number[]];

/** What serialize returns: plain JSON data (JSON.stringify it, or post it to a worker). */
export interface SerializedExpr {
  readonly format: 'leibniz-expr';
  readonly version: 1;
  /** The distinct nodes, each child before its parents. */
  readonly nodes: readonly Encoded[];
}

/** The expression as plain JSON-safe data; deserialize(serialize(e)) === e. */
export function serialize(e: Expr): SerializedExpr {
  const root = intern(expectExpr(e, 'serialize', arg(1, 'e')));
  const index = new Map<number, number>();
  const nodes: Encoded[] = [];
  const ix = (n: Expr): number => index.get(n.id)!;
  for (const n of postorder(root)) {
    switch (n.kind) {
      case 'num':
        nodes.push(['n', String(n.value.p), String(n.value.q)]);
        break;
      case 'sym':
        nodes.push(['s', n.name]);
        break;
      case 'add':
      case 'mul':
        nodes.push([n.kind === 'add' ? 'a' : 'm', n.args.map(ix)]);
        break;
      case 'pow':
        nodes.push(['p', ix(n.base), ix(n.exp)]);
        break;
      case 'call':
        nodes.push(['c', n.fn, n.args.map(ix), [...n.derivs]]);
        break;
    }
    index.set(n.id, nodes.length - 1);
  }
  return { format: 'leibniz-expr', version: 1, nodes };
}

const bad = (why: string): MathError => new MathError(`deserialize: ${why}`);

/** The expression serialize encoded (from this or another thread, process or version 1 writer). */
export function deserialize(data: unknown): Expr {
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data) as unknown;
    } catch (err) {
      throw bad(`the text is not JSON (${(err as Error).message}); pass what serialize returned, or JSON.stringify of it`);
    }
  }
  if (typeof data !== 'object' || data === null) throw bad(`expected the value serialize returned, got ${describeValue(data)}`);
  const d = data as Record<string, unknown>;
  if (!Object.hasOwn(d, 'format') || d.format !== 'leibniz-expr') throw bad("not a serialized leibniz expression (format is not 'leibniz-expr')");
  if (d.version !== 1) throw bad(`unknown version ${describeValue(d.version)} (this leibniz reads version 1)`);
  const nodes = d.nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) throw bad('nodes must be a non-empty array');
  const out: Expr[] = [];
  const at = (k: unknown, i: number): Expr => {
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= i) throw bad(`node ${i} refers to ${describeValue(k)}, not an earlier node`);
    return out[k]!;
  };
  const list = (ks: unknown, i: number): Expr[] => {
    if (!Array.isArray(ks)) throw bad(`node ${i}: children must be an array`);
    return ks.map((k) => at(k, i));
  };
  const int = (s: unknown, i: number): bigint => {
    if (typeof s !== 'string' || !/^-?[0-9]+$/.test(s)) throw bad(`node ${i}: a number must be written as integer strings, got ${describeValue(s)}`);
    return BigInt(s);
  };
  nodes.forEach((n: unknown, i) => {
    if (!Array.isArray(n)) throw bad(`node ${i} is not an array`);
    switch (n[0]) {
      case 'n': {
        const q = int(n[2], i);
        if (q === 0n) throw bad(`node ${i}: zero denominator`);
        out.push(num({ p: int(n[1], i), q }));
        break;
      }
      case 's':
        if (typeof n[1] !== 'string' || n[1] === '') throw bad(`node ${i}: a symbol needs a name`);
        out.push(sym(n[1]));
        break;
      case 'a':
      case 'm': {
        const args = list(n[1], i);
        if (args.length < 2) throw bad(`node ${i}: a ${n[0] === 'a' ? 'sum' : 'product'} needs two or more operands`);
        out.push(n[0] === 'a' ? add(...args) : mul(...args));
        break;
      }
      case 'p':
        out.push(pow(at(n[1], i), at(n[2], i)));
        break;
      case 'c': {
        if (typeof n[1] !== 'string' || n[1] === '') throw bad(`node ${i}: a call needs a function name`);
        const args = list(n[2], i);
        const derivs = n[3] ?? [];
        if (!Array.isArray(derivs) || !derivs.every((x) => typeof x === 'number')) throw bad(`node ${i}: derivs must be numbers`);
        out.push(derivs.length > 0 ? derivativeCall(n[1], args, derivs as number[]) : call(n[1], ...args));
        break;
      }
      default:
        throw bad(`node ${i}: unknown tag ${describeValue(n[0])}`);
    }
  });
  return out[out.length - 1]!;
}
