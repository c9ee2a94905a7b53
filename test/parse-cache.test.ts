import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CACHE } from '../dist/parse/builtinCache.js';
import { tableFormulas } from '../src/diff/table.js';
import { buildCache, readCache, type Cache } from '../src/parse/cache.js';
import { parse, parseRule } from '../src/parse/parser.js';
import { sourceKey } from '../src/parse/sourceKey.js';
import { RULE_GROUPS } from '../src/simplify/rules/index.js';

const exprs = tableFormulas();
const rules = RULE_GROUPS.flatMap((g) => g.rules);

/** Every built-in formula and rule comes out of `cache` as the very nodes parsing gives. */
function expectAllBuiltins(cache: Cache): void {
  expect(exprs.length).toBeGreaterThan(40);
  expect(rules.length).toBeGreaterThan(100);
  for (const src of exprs) expect(cache.expr(src), src).toBe(parse(src));
  for (const src of rules) {
    const want = parseRule(src);
    const got = cache.rule(src);
    expect(got, src).toBeDefined();
    expect(got!.lhs, src).toBe(want.lhs);
    expect(got!.rhs, src).toBe(want.rhs);
    expect(got, src).toEqual(want); // name, guards and source too
  }
}

/** Sources a little different from `src`: each must be parsed, not served src's entry. */
const edits = (src: string): string[] => [`${src} `, ` ${src}`, src.slice(0, -1), `${src.slice(0, -1)}${src.at(-1) === 'x' ? 'y' : 'x'}`];

describe('the build-time cache of built-in formulas', () => {
  const cache = readCache(buildCache(exprs, rules));

  it('rebuilds every table formula and rule as the very nodes parse gives', () => {
    expectAllBuiltins(cache);
  });

  it('is what the build shipped in dist/parse/builtinCache.js', () => {
    if (BUILTIN_CACHE === null) throw new Error('dist/parse/builtinCache.js holds no cache: run `npm run build` first');
    expectAllBuiltins(readCache(BUILTIN_CACHE));
  });

  it('rebuilds big integers, rationals and derivatives of unknown functions exactly', () => {
    const srcs = ['123456789012345678901234567890*x - 2^53 - 1', 'x/3 - 2^(1/2) + 0.25', "f'(x) + g''(x)^(-7/9)"];
    const c = readCache(buildCache(srcs, []));
    for (const src of srcs) expect(c.expr(src), src).toBe(parse(src));
  });

  it('finds no entry for an unknown or edited source, so it is parsed', () => {
    expect(cache.expr('x + 1')).toBeUndefined();
    expect(cache.rule('r: ?a => ?a')).toBeUndefined();
    for (const src of exprs) for (const e of edits(src)) expect(cache.expr(e), e).toBeUndefined();
    for (const src of rules) for (const e of edits(src)) expect(cache.rule(e), e).toBeUndefined();
    // A guard edited: the rule must come back with the new guard, from the parser
    const guarded = rules.find((r) => r.endsWith(' even'))!;
    expect(cache.rule(guarded.replace(/ even$/, ' odd'))).toBeUndefined();
  });

  it('refuses two different sources on one key, and allows one source twice', () => {
    const one = (): number => 7;
    expect(() => buildCache(['sin(u)', 'cos(u)'], [], one)).toThrow(/'sin\(u\)' and 'cos\(u\)' have one key 7/);
    expect(() => buildCache([], rules.slice(0, 2), one)).toThrow(/have one key 7/);
    const c = readCache(buildCache(['sin(u)', 'sin(u)'], [], one), one);
    expect(c.expr('sin(u)')).toBe(parse('sin(u)'));
  });

  it('finds nothing inherited', () => {
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(cache.expr(key)).toBeUndefined();
      expect(cache.rule(key)).toBeUndefined();
    }
  });

  it('keys every built-in source apart by its text', () => {
    const all = [...new Set([...exprs, ...rules])];
    expect(new Set(all.map(sourceKey)).size).toBe(all.length);
    expect(sourceKey('sin(u)')).toBe(sourceKey('sin(u)'));
    expect(Number.isSafeInteger(sourceKey('sin(u)'))).toBe(true);
  });

  it('tells a source from the same with one unit changed, added or dropped', () => {
    expect(sourceKey('a')).not.toBe(sourceKey('a\0')); // an odd last unit reads as paired with 0
    const changed = fc.tuple(fc.string({ minLength: 1, unit: 'grapheme-ascii' }), fc.nat(), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(changed, ([s, at, unit]) => {
        const i = at % s.length;
        const edits = [s.slice(0, i) + String.fromCharCode(unit) + s.slice(i + 1), s.slice(0, i) + s.slice(i + 1), s + String.fromCharCode(unit)];
        for (const t of edits) if (t !== s) expect(sourceKey(t), JSON.stringify([s, t])).not.toBe(sourceKey(s));
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});
