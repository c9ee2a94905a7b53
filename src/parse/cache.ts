// Built-in formulas (the derivative table, the simplifier's rules) are parsed
// once at build time into dist/parse/builtinCache.js, a plain module holding
// the cache as JSON text (no file is read at run time); at run time a source
// found there is rebuilt from the cache instead of parsed again, which keeps
// the command line's start-up fast. The cache files each source under
// sourceKey(source), a hash of its exact text (the texts themselves are in the
// bundle already, in the table and rule modules), so it cannot go stale: a
// source whose key it lacks (an edited rule, tests run from src/) is simply
// parsed. See sourceKey.ts for why an edited source is not served a wrong entry.
import { makeAdd, makeCall, makeMul, makeNum, makePow, makeSym, type Expr } from '../core/expr.js';
import { postorder } from '../core/traverse.js';
import { parse, parseRule } from './parser.js';
import type { Guard, GuardTest, Rule } from './rule.js';
import { sourceKey } from './sourceKey.js';
import { BUILTIN_CACHE } from './builtinCache.js';

/**
 * One node, children as indices of earlier nodes. A number is a JSON number
 * (an integer, when a safe one) or 'p/q'; a symbol, its name (never with a
 * '/'); add, mul and pow ['+' | '*' | '^', ...children]; a call
 * [fn, ...args], with its derivs as a last array when it has some.
 */
type Encoded = number | string | [string, ...(number | number[])[]];

/** A rule: its sides, then each guard as 'variable test' ('?n even'). Its name is its text's up to ':' (buildCache checks). */
type EncodedRule = [number, number, ...string[]];

/**
 * The nodes, then the table formulas and the rules, each as a flat list of
 * sourceKey (in base 32: shorter than in decimal, and parseInt reads it
 * exactly) and entry pairs. Read into maps by number, so a lookup makes no
 * key string.
 */
type CacheFile = [Encoded[], (string | number)[], (string | EncodedRule)[]];

/** Lookups into a cache file's content. */
export interface Cache {
  expr(src: string): Expr | undefined;
  rule(src: string): Rule | undefined;
}

const OPS = new Set(['+', '*', '^']);
const ruleName = (src: string): string => src.slice(0, src.indexOf(':')).trim();
const encodeGuard = (g: Guard): string => `${g.v} ${g.test}`;
function decodeGuard(g: string): Guard {
  const space = g.indexOf(' ');
  return { v: g.slice(0, space), test: g.slice(space + 1) as GuardTest };
}

/** `key` is sourceKey but in tests. */
export function readCache(json: string, key = sourceKey): Cache {
  const [nodes, exprFile, ruleFile] = JSON.parse(json) as CacheFile;
  const built = decode(nodes);
  const exprs = pairs<number>(exprFile);
  const rules = pairs<EncodedRule>(ruleFile);
  return {
    expr: (src) => {
      const i = exprs.get(key(src));
      return i === undefined ? undefined : built[i];
    },
    rule: (src) => {
      const r = rules.get(key(src));
      if (r === undefined) return undefined;
      const guards: Guard[] = [];
      for (let i = 2; i < r.length; i++) guards.push(decodeGuard(r[i] as string));
      return { name: ruleName(src), lhs: built[r[0]]!, rhs: built[r[1]]!, guards, source: src.trim() };
    },
  };
}

let loaded: Cache | null | undefined;

function cache(): Cache | null {
  if (loaded !== undefined) return loaded;
  loaded = BUILTIN_CACHE === null ? null : readCache(BUILTIN_CACHE); // null: tests run from src/, parse instead
  return loaded;
}

// The nodes were canonical when encoded, so the raw makers rebuild them exactly.
function decode(nodes: readonly Encoded[]): Expr[] {
  const out: Expr[] = [];
  for (const n of nodes) out.push(decodeNode(n, out));
  return out;
}

/** parse(src), from the build-time cache when src is there. */
export const cachedParse = (src: string): Expr => cache()?.expr(src) ?? parse(src);

/** parseRule(src), from the build-time cache when src is there. */
export const cachedParseRule = (src: string): Rule => cache()?.rule(src) ?? parseRule(src);

// Indexing rather than destructuring: this runs at start-up, before the
// code is optimised, where iterating an array costs more than reading it.
function decodeNode(n: Encoded, out: readonly Expr[]): Expr {
  if (typeof n === 'number') return makeNum({ p: BigInt(n), q: 1n });
  if (typeof n === 'string') {
    const slash = n.indexOf('/');
    return slash < 0 ? makeSym(n) : makeNum({ p: BigInt(n.slice(0, slash)), q: BigInt(n.slice(slash + 1)) });
  }
  const head = n[0];
  const last = n[n.length - 1];
  const end = Array.isArray(last) ? n.length - 1 : n.length;
  const args: Expr[] = [];
  for (let i = 1; i < end; i++) args.push(out[n[i] as number]!);
  if (head === '+') return makeAdd(args);
  if (head === '*') return makeMul(args);
  if (head === '^') return makePow(args[0]!, args[1]!);
  return Array.isArray(last) ? makeCall(head, args, last) : makeCall(head, args);
}

function encodeNode(n: Expr, ix: (e: Expr) => number): Encoded {
  switch (n.kind) {
    case 'num': {
      const { p, q } = n.value;
      return q === 1n && Number.isSafeInteger(Number(p)) ? Number(p) : `${p}/${q}`;
    }
    case 'sym':
      if (n.name.includes('/')) throw new Error(`formula cache: symbol ${n.name} would read as a number`);
      return n.name;
    case 'add':
      return ['+', ...n.args.map(ix)];
    case 'mul':
      return ['*', ...n.args.map(ix)];
    case 'pow':
      return ['^', ix(n.base), ix(n.exp)];
    case 'call':
      if (OPS.has(n.fn)) throw new Error(`formula cache: function ${n.fn} would read as an operator`);
      return n.derivs.length === 0 ? [n.fn, ...n.args.map(ix)] : [n.fn, ...n.args.map(ix), [...n.derivs]];
  }
}

/** The map of a flat list of key and entry pairs. */
function pairs<T>(flat: readonly (string | T)[]): Map<number, T> {
  const out = new Map<number, T>();
  for (let i = 0; i < flat.length; i += 2) out.set(parseInt(flat[i] as string, 32), flat[i + 1] as T);
  return out;
}

/** Each source's key and entry, flat; two sources on one key are refused. */
function byKey<T>(sources: readonly string[], entry: (i: number) => T, key: (src: string) => number): (string | T)[] {
  const out = new Map<number, { src: string; entry: T }>();
  sources.forEach((src, i) => {
    const k = key(src);
    const had = out.get(k);
    if (had !== undefined && had.src !== src) throw new Error(`formula cache: '${had.src}' and '${src}' have one key ${k}`);
    out.set(k, { src, entry: entry(i) });
  });
  return [...out].flatMap(([k, v]) => [k.toString(32), v.entry]);
}

/** The cache's content (JSON text) for these expression and rule sources. `key` is sourceKey but in tests. */
export function buildCache(exprSources: readonly string[], ruleSources: readonly string[], key = sourceKey): string {
  const exprs = exprSources.map((s) => parse(s));
  const rules = ruleSources.map((s) => parseRule(s));
  const index = new Map<number, number>();
  const nodes: Encoded[] = [];
  const ix = (e: Expr): number => index.get(e.id)!;
  for (const n of postorder(...exprs, ...rules.flatMap((r) => [r.lhs, r.rhs]))) {
    nodes.push(encodeNode(n, ix));
    index.set(n.id, nodes.length - 1);
  }
  rules.forEach((r, i) => {
    if (r.name !== ruleName(ruleSources[i]!)) throw new Error(`formula cache: rule ${r.name}'s name is not its text's up to ':'`);
  });
  const file: CacheFile = [
    nodes,
    byKey(exprSources, (i) => ix(exprs[i]!), key),
    byKey(ruleSources, (i): EncodedRule => [ix(rules[i]!.lhs), ix(rules[i]!.rhs), ...rules[i]!.guards.map(encodeGuard)], key),
  ];
  return JSON.stringify(file);
}
