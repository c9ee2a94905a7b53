// User definitions: `name(params) = body`, e.g. `sigmoid(t) = 1/(1 + exp(-t))`.
//
// A defined function parses like a built-in (arity checked where it is used)
// and stays a call in the core: sigmoid(w*x + b). derivative and its kin
// differentiate through the body (diff/defined.ts) and keep the name where it
// reads better: d/dx sigmoid(x) is sigmoid(x)*(1 - sigmoid(x)). evaluate and
// the compilers put the bodies in place (expandDefinitions). A definition named
// like a built-in replaces it: its body is put in place when parsed.
//
// Checked when defined, each a ParseError that says where: a parameter named
// twice or named pi or e, a name in the body that is not a parameter (no
// hidden globals), a body that is a condition rather than a number, a function
// defined twice, a definition that uses itself (directly or through others).
// A definition may use definitions given before or after it, and built-ins; one
// named like a built-in replaces it (`shadows` says so; the CLI notes it).
import { call, intern, pow, rebuild as rebuildRaw, replaceSymbols } from '../core/build.js';
import { arg, argError, expectExpr } from '../core/check-args.js';
import { describeValue } from '../core/options.js';
import { MathError } from '../core/rational.js';
import type { Expr } from '../core/expr.js';
import { ALIASES, FUNCTIONS } from '../core/functions.js';
import { CONSTANTS, freeSymbols, postorder } from '../core/traverse.js';
import { ParseError } from './errors.js';
import type { Pos, Syn, SynDefinition } from './syntax.js';

export interface Definition {
  readonly name: string;
  readonly params: readonly string[];
  /** The body in the core, other definitions already put in place. */
  readonly body: Expr;
  /** The definition as written. */
  readonly source: string;
  /** Whether the name is a built-in function's, which this definition replaces (its body is then always put in place). */
  readonly shadows: boolean;
}

/** A set of definitions, by name. Build one with `definitions(...)`. */
export interface Definitions {
  readonly kind: 'definitions';
  readonly byName: ReadonlyMap<string, Definition>;
  /** Bodies with every defined call put in place, by name (filled on use). */
  readonly expanded: Map<string, Expr>;
  /** Partial derivatives of each function in its parameters, `name/i` (filled on use by diff/defined.ts). */
  readonly slopes: Map<string, Expr>;
}

/** What the `define` options take: definitions as text (one or a list), or a built set. */
export type DefineInput = string | readonly string[] | Definitions;

/** Names that cannot be defined: the conditions' core names and the words of the grammar. */
const RESERVED: ReadonlySet<string> = new Set(['lt', 'le', 'eq', 'ne', 'and', 'or', 'not', 'piecewise', 'D', 'if']);

const isDefinitions = (x: unknown): x is Definitions => typeof x === 'object' && x !== null && (x as Definitions).kind === 'definitions';

/** A built set of definitions (from definitions(...)), or a MathError naming `fn` and `what`. */
export function expectDefinitions(x: unknown, fn: string, what: string): Definitions {
  if (!isDefinitions(x)) throw argError(fn, what, "definitions from definitions('f(t) = ...')", x);
  return x;
}

interface Parsed {
  readonly src: string;
  readonly syn: SynDefinition;
}

/** Call sites of names in a parse tree, in source order (iterative: bodies may nest deeply). */
function callsIn(root: Syn): Array<{ name: string; at: Pos }> {
  const out: Array<{ name: string; at: Pos }> = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const s = stack.pop();
    if (typeof s !== 'object' || s === null) continue;
    if (Array.isArray(s)) {
      for (let i = s.length - 1; i >= 0; i--) stack.push(s[i]);
      continue;
    }
    const node = s as Record<string, unknown>;
    if (node.t === 'call' && typeof node.name === 'string') out.push({ name: node.name, at: node.at as Pos });
    for (const k of ['l', 'r', 'x', 'args', 'c', 'a', 'b', 'top', 'prev']) if (k in node) stack.push(node[k]);
  }
  return out;
}

/** The first place a symbol is written in a parse tree. */
function symbolAt(root: Syn, name: string): Pos | undefined {
  const stack: unknown[] = [root];
  let best: Pos | undefined;
  while (stack.length > 0) {
    const s = stack.pop();
    if (typeof s !== 'object' || s === null) continue;
    if (Array.isArray(s)) {
      stack.push(...s);
      continue;
    }
    const node = s as Record<string, unknown>;
    if (node.t === 'sym' && node.name === name) {
      const at = node.at as Pos;
      if (best === undefined || at.offset < best.offset) best = at;
    }
    for (const k of ['l', 'r', 'x', 'args', 'c', 'a', 'b', 'top', 'prev']) if (k in node) stack.push(node[k]);
  }
  return best;
}

/**
 * Reads definitions: `definitions(['sigmoid(t) = 1/(1 + exp(-t))', 'swish(t) = t*sigmoid(t)'])`.
 * `parseDefinition` and `lowerBody` are the parser's (passed in to keep the import graph acyclic).
 */
export function buildDefinitions(
  input: DefineInput,
  parseDefinition: (src: string) => SynDefinition,
  lowerBody: (src: string, body: Syn, defs: ReadonlyMap<string, Definition>) => Expr,
): Definitions {
  if (isDefinitions(input)) return input;
  const list = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(list) || list.some((d) => typeof d !== 'string')) {
    const bad = Array.isArray(list) ? list.find((d) => typeof d !== 'string') : list;
    throw new MathError(`define takes a definition such as 'f(x) = x^2', a list of them, or the result of definitions(...), got ${describeValue(bad)}`);
  }
  const parsed = new Map<string, Parsed>();
  for (const src of list as readonly string[]) {
    const syn = parseDefinition(src);
    const name = syn.name;
    if (name.endsWith("'")) throw new ParseError(src, syn.at, `${name}: a definition's name has no primes (differentiate the function instead)`);
    if (RESERVED.has(name)) throw new ParseError(src, syn.at, `'${name}' is reserved; choose another name for the function`);
    const earlier = parsed.get(name);
    if (earlier) throw new ParseError(src, syn.at, `${name} is defined twice (first as ${earlier.src.trim()})`);
    const seen = new Set<string>();
    for (const p of syn.params) {
      if (seen.has(p.name)) throw new ParseError(src, p.at, `parameter ${p.name} is named twice in the definition of ${name}`);
      if (CONSTANTS.has(p.name)) throw new ParseError(src, p.at, `${p.name} is a constant; it cannot be a parameter`);
      seen.add(p.name);
    }
    parsed.set(name, { src, syn });
  }
  // Put each body in the core once the definitions it uses are; a cycle is recursion.
  const done = new Map<string, Definition>();
  const visiting: string[] = [];
  const resolve = (name: string): void => {
    if (done.has(name)) return;
    const { src, syn } = parsed.get(name)!;
    visiting.push(name);
    for (const c of callsIn(syn.body)) {
      if (!parsed.has(c.name)) continue;
      if (visiting.includes(c.name)) {
        const cycle = [...visiting.slice(visiting.indexOf(c.name)), c.name].join(' -> ');
        throw new ParseError(src, c.at, `recursive definition (${cycle}): a defined function cannot use itself`);
      }
      resolve(c.name);
    }
    visiting.pop();
    const body = lowerBody(src, syn.body, done);
    const params = syn.params.map((p) => p.name);
    const stray = freeSymbols(body).filter((s) => !params.includes(s));
    if (stray.length > 0) {
      const at = symbolAt(syn.body, stray[0]!) ?? syn.at;
      const all = stray.map((s) => `'${s}'`).join(', ');
      throw new ParseError(
        src,
        at,
        `the body of ${name} uses ${all}, which ${stray.length === 1 ? 'is not a parameter' : 'are not parameters'}: ` +
          `add ${stray.length === 1 ? 'it' : 'them'} to the parameters (${name}(${[...params, ...stray].join(', ')}) = ...)`,
      );
    }
    const canonical = ALIASES.get(name) ?? name;
    done.set(name, Object.freeze({ name, params, body, source: src.trim(), shadows: FUNCTIONS.has(canonical) }));
  };
  for (const name of parsed.keys()) resolve(name);
  return Object.freeze({ kind: 'definitions', byName: done, expanded: new Map(), slopes: new Map() });
}

/** e with every call of a defined function replaced by its body (to evaluate or compile it). */
export function expandDefinitions(e: Expr, defs: Definitions): Expr {
  e = intern(expectExpr(e, 'expandDefinitions', arg(1, 'e')));
  expectDefinitions(defs, 'expandDefinitions', arg(2, 'defs'));
  if (defs.byName.size === 0) return e;
  const memo = new Map<number, Expr>();
  for (const n of postorder(e)) {
    const ks = kidsOf(n);
    const kids = ks.map((k) => memo.get(k.id)!);
    const def = n.kind === 'call' && n.derivs.length === 0 ? defs.byName.get(n.fn) : undefined;
    let out: Expr;
    if (def) out = instantiate({ ...def, body: expandedBody(def, defs) }, kids);
    else out = kids.every((k, i) => k === ks[i]) ? n : rebuildRaw(n, kids);
    memo.set(n.id, out);
  }
  return memo.get(e.id)!;
}

function expandedBody(def: Definition, defs: Definitions): Expr {
  let b = defs.expanded.get(def.name);
  if (b === undefined) {
    b = expandDefinitions(def.body, defs);
    defs.expanded.set(def.name, b);
  }
  return b;
}

/** The body of `def` with its parameters replaced by `args`. */
export function instantiate(def: Definition, args: readonly Expr[]): Expr {
  const index = new Map(def.params.map((p, i) => [p, i]));
  return replaceSymbols(def.body, (name) => {
    const i = index.get(name);
    return i === undefined ? undefined : args[i];
  });
}

// ---------------------------------------------------------------------------
// Folding bodies back into calls, for printing.

/** Tries at most this many candidate arguments per node (the node's own subterms). */
const MAX_CANDIDATES = 400;

/** The argument lists for which instantiate(def, args) might be `n`: each parameter read at its first place in the body. */
function candidates(def: Definition, n: Expr): Expr[][] {
  if (def.params.length === 1) {
    const nodes = postorder(n);
    if (nodes.length > MAX_CANDIDATES) return [];
    return nodes.filter((u) => u !== n && u.kind !== 'num').map((u) => [u]);
  }
  // Several parameters: follow the path to each parameter's first place in the body.
  const args: Expr[] = [];
  for (const p of def.params) {
    const path = pathTo(def.body, p);
    if (path === undefined) return [];
    let cur: Expr | undefined = n;
    for (const i of path) cur = cur ? childAt(cur, i) : undefined;
    if (cur === undefined) return [];
    args.push(cur);
  }
  return [args];
}

const kidsOf = (e: Expr): readonly Expr[] =>
  e.kind === 'add' || e.kind === 'mul' || e.kind === 'call' ? e.args : e.kind === 'pow' ? [e.base, e.exp] : [];
const childAt = (e: Expr, i: number): Expr | undefined => kidsOf(e)[i];

function pathTo(e: Expr, name: string): number[] | undefined {
  if (e.kind === 'sym') return e.name === name ? [] : undefined;
  const ks = kidsOf(e);
  for (let i = 0; i < ks.length; i++) {
    const p = pathTo(ks[i]!, name);
    if (p) return [i, ...p];
  }
  return undefined;
}

/** The arguments `n` is the body of `def` at, if it is (checked exactly: same node). */
function matchBody(def: Definition, n: Expr): Expr[] | undefined {
  const b = def.body;
  if (n.kind !== b.kind || n.height < b.height - 1) return undefined;
  if (n.kind === 'call' && b.kind === 'call' && n.fn !== b.fn) return undefined;
  for (const args of candidates(def, n)) if (instantiate(def, args) === n) return args;
  return undefined;
}

/**
 * e with bodies of definitions written as calls: 1/(1 + exp(-x)) as
 * sigmoid(x), (1 + exp(-x))^-2 as sigmoid(x)^2. Exact: each call stands for
 * exactly the node it replaces. For printing only (the result's calls are not
 * known functions).
 */
export function foldDefinitions(e: Expr, defs: Definitions): Expr {
  e = intern(expectExpr(e, 'foldDefinitions', arg(1, 'e')));
  expectDefinitions(defs, 'foldDefinitions', arg(2, 'defs'));
  const list = [...defs.byName.values()];
  if (list.length === 0) return e;
  // For a body b^p (p an integer), b^q is the call to the power q/p when that is an integer.
  const powered = list.flatMap((d) =>
    d.body.kind === 'pow' && d.body.exp.kind === 'num' && d.body.exp.value.q === 1n ? [{ d, base: d.body.base, p: d.body.exp.value.p }] : [],
  );
  const memo = new Map<number, Expr>();
  for (const n of postorder(e)) {
    let out: Expr | undefined;
    for (const d of list) {
      const args = n.kind === 'num' || n.kind === 'sym' ? undefined : matchBody(d, n);
      if (args) {
        out = call(d.name, ...args.map((a) => memo.get(a.id) ?? a));
        break;
      }
    }
    if (out === undefined && n.kind === 'pow' && n.exp.kind === 'num' && n.exp.value.q === 1n) {
      const q = n.exp.value.p;
      for (const { d, base, p } of powered) {
        if (q % p !== 0n || q === p) continue;
        const args = matchBody({ ...d, body: base }, n.base);
        if (args) {
          out = pow(call(d.name, ...args.map((a) => memo.get(a.id) ?? a)), Number(q / p));
          break;
        }
      }
    }
    if (out === undefined) {
      const ks = kidsOf(n);
      const folded = ks.map((k) => memo.get(k.id)!);
      out = folded.every((k, i) => k === ks[i]) ? n : rebuildRaw(n, folded);
    }
    memo.set(n.id, out);
  }
  return memo.get(e.id)!;
}
