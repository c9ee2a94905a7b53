// Built-in formulas (the derivative table, the simplifier's rules) are parsed
// once at build time into dist/parse/builtinCache.js, a plain module holding
// the cache as JSON text (no file is read at run time); at run time a source
// found there is rebuilt from the cache instead of parsed again, which keeps
// the command line's start-up fast. The cache is keyed by the exact source
// text, so it cannot go stale: a source it lacks (an edited rule, tests run
// from src/) is simply parsed.
import { makeAdd, makeCall, makeMul, makeNum, makePow, makeSym, type Expr } from '../core/expr.js';
import { postorder } from '../core/traverse.js';
import { parse, parseRule } from './parser.js';
import type { Guard, Rule } from './rule.js';
import { BUILTIN_CACHE } from './builtinCache.js';

/** One node: its kind and fields, children as indices of earlier nodes. */
type Encoded =
  | ['n', string, string]
  | ['s', string]
  | ['a' | 'm', number[]]
  | ['p', number, number]
  | ['c', string, number[], number[]];

interface CacheFile {
  readonly nodes: Encoded[];
  readonly exprs: Record<string, number>;
  readonly rules: Record<string, { name: string; lhs: number; rhs: number; guards: Guard[] }>;
}

/** Lookups into a cache file's content. */
export interface Cache {
  expr(src: string): Expr | undefined;
  rule(src: string): Rule | undefined;
}

export function readCache(json: string): Cache {
  const file = JSON.parse(json) as CacheFile;
  const built = decode(file.nodes);
  // Maps, so a source such as 'constructor' finds nothing inherited
  const exprs = new Map(Object.entries(file.exprs));
  const rules = new Map(Object.entries(file.rules));
  return {
    expr: (src) => {
      const i = exprs.get(src);
      return i === undefined ? undefined : built[i];
    },
    rule: (src) => {
      const r = rules.get(src);
      return r && { name: r.name, lhs: built[r.lhs]!, rhs: built[r.rhs]!, guards: r.guards, source: src.trim() };
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
  const at = (i: number): Expr => out[i]!;
  for (const n of nodes) {
    switch (n[0]) {
      case 'n':
        out.push(makeNum({ p: BigInt(n[1]), q: BigInt(n[2]) }));
        break;
      case 's':
        out.push(makeSym(n[1]));
        break;
      case 'a':
        out.push(makeAdd(n[1].map(at)));
        break;
      case 'm':
        out.push(makeMul(n[1].map(at)));
        break;
      case 'p':
        out.push(makePow(at(n[1]), at(n[2])));
        break;
      case 'c':
        out.push(makeCall(n[1], n[2].map(at), n[3]));
        break;
    }
  }
  return out;
}

/** parse(src), from the build-time cache when src is there. */
export const cachedParse = (src: string): Expr => cache()?.expr(src) ?? parse(src);

/** parseRule(src), from the build-time cache when src is there. */
export const cachedParseRule = (src: string): Rule => cache()?.rule(src) ?? parseRule(src);

/** The cache's content (JSON text) for these expression and rule sources. */
export function buildCache(exprSources: readonly string[], ruleSources: readonly string[]): string {
  const exprs = exprSources.map((s) => parse(s));
  const rules = ruleSources.map((s) => parseRule(s));
  const index = new Map<number, number>();
  const nodes: Encoded[] = [];
  for (const n of postorder(...exprs, ...rules.flatMap((r) => [r.lhs, r.rhs]))) {
    const ix = (e: Expr): number => index.get(e.id)!;
    switch (n.kind) {
      case 'num':
        nodes.push(['n', String(n.value.p), String(n.value.q)]);
        break;
      case 'sym':
        nodes.push(['s', n.name]);
        break;
      case 'add':
        nodes.push(['a', n.args.map(ix)]);
        break;
      case 'mul':
        nodes.push(['m', n.args.map(ix)]);
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
  const file: CacheFile = {
    nodes,
    exprs: Object.fromEntries(exprSources.map((s, i) => [s, index.get(exprs[i]!.id)!])),
    rules: Object.fromEntries(
      ruleSources.map((s, i) => {
        const r = rules[i]!;
        return [s, { name: r.name, lhs: index.get(r.lhs.id)!, rhs: index.get(r.rhs.id)!, guards: [...r.guards] }];
      }),
    ),
  };
  return JSON.stringify(file);
}
