// The stable primitives (log1p, expm1, softplus, sigmoid, logsigmoid,
// logsumexp): values over the whole real line against independent values.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/eval/evaluate.js';
import { L } from '../src/eval/runtime.js';
import { parse } from '../src/parse/parser.js';

describe('stable primitives: values where the naive forms overflow or cancel', () => {
  it('softplus(t) = log(1 + e^t): t far out on both sides', () => {
    expect(L.softplus(800)).toBe(800);
    expect(L.softplus(0)).toBe(Math.LN2);
    // e^-700 (1 - e^-700/2 + ...): the correction is far below an ulp
    expect(L.softplus(-700)).toBe(Math.exp(-700));
    expect(L.softplus(-800)).toBe(0); // e^-800 underflows: the true value is below the least double
    expect(L.softplus(Infinity)).toBe(Infinity);
    expect(L.softplus(-Infinity)).toBe(0);
    expect(L.softplus(NaN)).toBeNaN();
  });

  it('sigmoid and logsigmoid far out on both sides', () => {
    expect(L.sigmoid(0)).toBe(0.5);
    expect(L.sigmoid(800)).toBe(1);
    expect(L.sigmoid(-700)).toBe(Math.exp(-700));
    expect(L.sigmoid(-Infinity)).toBe(0);
    expect(L.sigmoid(NaN)).toBeNaN();
    expect(L.logsigmoid(-800)).toBe(-800);
    expect(L.logsigmoid(700)).toBe(-Math.exp(-700));
    expect(L.logsigmoid(0)).toBe(-Math.LN2);
  });

  it('logsumexp shifts by the largest argument', () => {
    expect(L.logsumexp(1000, 0, 0)).toBe(1000);
    expect(L.logsumexp(-1000, -1000)).toBe(-1000 + Math.LN2);
    expect(L.logsumexp(3)).toBe(3);
    expect(L.logsumexp(-Infinity, -Infinity)).toBe(-Infinity);
    expect(L.logsumexp(-Infinity, 2)).toBe(2);
    expect(L.logsumexp(Infinity, 2)).toBe(Infinity);
    expect(L.logsumexp(Infinity, -Infinity)).toBe(Infinity);
    expect(L.logsumexp(NaN, Infinity)).toBeNaN();
    // log(1 + 2e-20) = 2e-20 (to an ulp), not 0 after a rounded log(1 + ...)
    expect(L.logsumexp(0, Math.log(1e-20), Math.log(1e-20))).toBeCloseTo(2e-20, 30);
  });

  it('evaluate knows them by name', () => {
    expect(evaluate(parse('log1p(x)'), { x: 1e-17 })).toBe(1e-17);
    expect(evaluate(parse('expm1(x)'), { x: 1e-17 })).toBe(1e-17);
    expect(evaluate(parse('logsumexp(a, b, c)'), { a: 1000, b: 0, c: 0 })).toBe(1000);
  });
});
