import { describe, expect, it } from 'vitest';
import { tableFormulas } from '../src/diff/table.js';
import { buildCache, readCache } from '../src/parse/cache.js';
import { parse, parseRule } from '../src/parse/parser.js';
import { RULE_GROUPS } from '../src/simplify/rules/index.js';

describe('the build-time cache of built-in formulas', () => {
  const exprs = tableFormulas();
  const rules = RULE_GROUPS.flatMap((g) => g.rules);
  const cache = readCache(buildCache(exprs, rules));

  it('rebuilds every table formula as the very node parse gives', () => {
    expect(exprs.length).toBeGreaterThan(40);
    for (const src of exprs) expect(cache.expr(src)).toBe(parse(src));
  });

  it('rebuilds every rule with its name, sides and guards', () => {
    for (const src of rules) {
      const want = parseRule(src);
      const got = cache.rule(src)!;
      expect(got.lhs).toBe(want.lhs);
      expect(got.rhs).toBe(want.rhs);
      expect(got).toEqual(want);
    }
  });

  it('knows nothing else', () => {
    expect(cache.expr('x + 1')).toBeUndefined();
    expect(cache.rule('r: ?a => ?a')).toBeUndefined();
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(cache.expr(key)).toBeUndefined();
      expect(cache.rule(key)).toBeUndefined();
    }
  });
});
