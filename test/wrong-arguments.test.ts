// Wrong argument types at every public entry point: a MathError that names the
// function and the argument and says what was given, never an internal TypeError
// ("Cannot read properties of null"), a stack overflow or a hang. Compiled
// functions throw a TypeError in the same words (compile/args.ts). One row per
// export of leibniz and leibniz/testing: a new export without a row fails here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as L from '../src/index.js';
import * as T from '../src/testing/index.js';

type Case = readonly [label: string, call: () => unknown, error: ErrorConstructor | typeof L.MathError, message: RegExp];

const x = L.sym('x');
const fxy = L.parse('x^2*y');
const sinx = L.parse('sin(x)');
const shaped = () => L.parse('A*x', { shapes: { x: ['n'], A: ['n', 'n'] } });
const quad = () => L.parse('x^T*A*x', { shapes: { x: ['n'], A: ['n', 'n'] } });
const sq = (v: number[]): number => v[0]! * v[0]!;
const report = () => L.checkDerivative(Math.sin, Math.cos, { points: [0.5] });
const M = L.MathError;
const bad = <F extends (...a: never[]) => unknown>(f: F, ...args: unknown[]) => () => (f as unknown as (...a: unknown[]) => unknown)(...args);
const unary = (name: keyof typeof L): Case[] => [
  [`${name}(symbol)`, bad(L[name] as () => unknown, Symbol('s')), M, /a builder's argument .* must be an expression or a number, got a symbol/],
  [`${name}('x')`, bad(L[name] as () => unknown, 'x'), M, /must be an expression or a number, got the string "x"/],
];

/** Exports that are not functions to call (constants, error classes): what each is. */
const NOT_CALLED: Record<string, (v: unknown) => void> = {
  ALIASES: (v) => expect((v as Map<string, string>).get('ln')).toBe('log'),
  FUNCTIONS: (v) => expect((v as Map<string, unknown>).has('sin')).toBe(true),
  MATRIX_RULES: (v) => expect((v as unknown[]).length).toBeGreaterThan(0),
  E: (v) => expect(L.toText(v as L.Expr)).toBe('e'),
  PI: (v) => expect(L.toText(v as L.Expr)).toBe('pi'),
  ONE: (v) => expect(L.toText(v as L.Expr)).toBe('1'),
  ZERO: (v) => expect(L.toText(v as L.Expr)).toBe('0'),
  DEFAULT_SEED: (v) => expect(v).toBe(231),
  DEFAULT_TOLERANCE: (v) => expect(v).toBe(1e-7),
  MARGIN: (v) => expect(v).toBe(4),
  MAX_INPUT_LENGTH: (v) => expect(v).toBe(200_000),
  UNDECIDED: (v) => expect(Object.isFrozen(v)).toBe(true),
  WIDENING: (v) => expect((v as unknown[])[0]).toEqual([-10, 10]),
  shapedRuntime: (v) => expect(() => (v as typeof L.shapedRuntime).run({} as never, [], (() => 0) as never, null as never)).toThrow(TypeError),
  MathError: (v) => expect(new (v as typeof L.MathError)('m')).toBeInstanceOf(Error),
  BudgetError: (v) => expect(new (v as typeof L.BudgetError)('m', 'steps', 1)).toBeInstanceOf(L.MathError),
  EvaluationError: (v) => expect(new (v as typeof L.EvaluationError)('m')).toBeInstanceOf(L.MathError),
  ShapeError: (v) => expect(new (v as typeof L.ShapeError)('m')).toBeInstanceOf(L.MathError),
  ParseError: (v) => expect(new (v as typeof L.ParseError)('x', { offset: 0, line: 1, col: 1 }, 'm')).toBeInstanceOf(Error),
  ALL_FUNCTIONS: (v) => expect((v as string[]).includes('sin')).toBe(true),
};

/** Functions of leibniz: each with wrong arguments, the error class and what the message says. */
const ROWS: Record<string, Case[]> = {
  abs: unary('abs'), acos: unary('acos'), asin: unary('asin'), atan: unary('atan'), cos: unary('cos'), cosh: unary('cosh'),
  exp: unary('exp'), sin: unary('sin'), sinh: unary('sinh'), sqrt: unary('sqrt'), tan: unary('tan'), tanh: unary('tanh'), neg: unary('neg'),
  add: [['add(x, undefined)', bad(L.add, x, undefined), M, /builder's argument .* got undefined/]],
  mul: [['mul(x, () => 1)', bad(L.mul, x, () => 1), M, /builder's argument .* got a function/]],
  sub: [['sub(undefined, x)', bad(L.sub, undefined, x), M, /builder's argument .* got undefined/]],
  div: [['div(x, undefined)', bad(L.div, x, undefined), M, /builder's argument .* got undefined/]],
  pow: [['pow(undefined, 2)', bad(L.pow, undefined, 2), M, /builder's argument .* got undefined/]],
  log: [['log(symbol)', bad(L.log, Symbol('s')), M, /builder's argument .* got a symbol/]],
  num: [
    ['num(null)', bad(L.num, null), M, /^num: argument 1 \(p\) must be a number, a bigint or a rational .*, got null/],
    ['num(1, {})', bad(L.num, 1, {}), M, /^num: argument 2 \(q\) must be a whole number \(the denominator\), got an object/],
    ['num(1, NaN)', bad(L.num, 1, NaN), M, /^num: argument 2 \(q\) .* got NaN/],
  ],
  sym: [['sym(3)', bad(L.sym, 3), M, /^sym: argument 1 \(name\) must be a name \(a string\), got the number 3/]],
  call: [['call(null, x)', bad(L.call, null, x), M, /^call: argument 1 \(fnName\) must be a function's name, got null/]],
  derivativeCall: [
    ['derivativeCall(null, ...)', bad(L.derivativeCall, null, [x], [0]), M, /^derivativeCall: argument 1 \(fn\)/],
    ['derivativeCall(f, 3, ...)', bad(L.derivativeCall, 'f', 3, [0]), M, /^derivativeCall: argument 2 \(args\) must be an array of expressions, got the number 3/],
    ['derivativeCall(f, [x], null)', bad(L.derivativeCall, 'f', [x], null), M, /^derivativeCall: argument 3 \(derivs\)/],
  ],
  intern: [['intern(3)', bad(L.intern, 3), M, /not a leibniz expression/]],
  isBuilt: [],
  serialize: [['serialize(null)', bad(L.serialize, null), M, /^serialize: argument 1 \(e\) must be an expression .*, got null/]],
  deserialize: [
    ["deserialize('x+')", bad(L.deserialize, 'x+'), M, /^deserialize: the text is not JSON/],
    ['deserialize(3)', bad(L.deserialize, 3), M, /^deserialize: expected the value serialize returned, got the number 3/],
  ],
  freeSymbols: [['freeSymbols(null)', bad(L.freeSymbols, null), M, /^freeSymbols: argument 1 \(root\) must be an expression/]],
  postorder: [['postorder(x, 3)', bad(L.postorder, x, 3), M, /^postorder: argument 2 \(root\) .* got the number 3/]],
  dagSize: [['dagSize(undefined)', bad(L.dagSize, undefined), M, /^dagSize: argument 1 \(root\) .* got undefined/]],
  parse: [
    ['parse(3)', bad(L.parse, 3), M, /^parse: argument 1 \(src\) must be the text of an expression .*, got the number 3/],
    ['parse(x, {define: null})', bad(L.parse, 'x', { define: null }), M, /define takes a definition .*, got null/],
    ['parse(x, {maxSteps: "x"})', bad(L.parse, 'x', { maxSteps: 'x' }), M, /^parse: the option maxSteps must be a positive number .*, got the string "x"/],
  ],
  parseRule: [['parseRule(null)', bad(L.parseRule, null), M, /^parseRule: argument 1 \(src\) must be a rule's text/]],
  definitions: [['definitions([null])', bad(L.definitions, [null]), M, /define takes a definition .*, got null/]],
  expandDefinitions: [
    ['expandDefinitions(null, defs)', bad(L.expandDefinitions, null, L.definitions('f(t) = t')), M, /^expandDefinitions: argument 1 \(e\)/],
    ['expandDefinitions(x, 3)', bad(L.expandDefinitions, x, 3), M, /^expandDefinitions: argument 2 \(defs\) must be definitions from definitions/],
  ],
  foldDefinitions: [['foldDefinitions(x, null)', bad(L.foldDefinitions, x, null), M, /^foldDefinitions: argument 2 \(defs\)/]],
  evaluate: [
    ['evaluate(x, null)', bad(L.evaluate, x, null), M, /^evaluate: argument 2 \(scope\) must be an object of the variables' values/],
    ['evaluate(null)', bad(L.evaluate, null), M, /^evaluate: argument 1 \(e\) must be an expression/],
    ['evaluate(x, {}, {define: {}})', bad(L.evaluate, x, { x: 1 }, { define: {} }), M, /^evaluate: the option define must be definitions/],
    ['shaped evaluate(A*x, null)', bad(L.evaluate, shaped(), null), M, /^evaluate: argument 2 \(scope\)/],
  ],
  toText: [
    ['toText(null)', bad(L.toText, null), M, /^toText: argument 1 \(e\) must be an expression .*, got null/],
    ['toText(x, {order: 3})', bad(L.toText, x, { order: 3 }), M, /the print option order must be 'descending' or 'ascending', got the number 3/],
  ],
  toLatex: [['toLatex(x, {wrt: 3, order: "ascending"})', bad(L.toLatex, x, { order: 'ascending', wrt: 3 }), M, /the print option wrt must be a variable name, got the number 3/]],
  toJS: [
    ['toJS(3)', bad(L.toJS, 3), M, /^toJS: argument 1 \(e\)/],
    ['toJS(x, {name: 3})', bad(L.toJS, x, { name: 3 }), M, /^toJS: the name option must be a function, got the number 3/],
  ],
  derivative: [
    ['derivative(null, x)', bad(L.derivative, null, 'x'), M, /^derivative: argument 1 \(e\) must be an expression or its text/],
    ['derivative(e, 3)', bad(L.derivative, fxy, 3), M, /^derivative: the variable to differentiate by must be a name, got the number 3/],
    ['derivative(e, x, symbol)', bad(L.derivative, fxy, 'x', Symbol('s')), M, /^derivative: the order .* got a symbol/],
    ['derivative(e, x, 1, {define: 3})', bad(L.derivative, fxy, 'x', 1, { define: 3 }), M, /^derivative: the option define must be definitions/],
    ['derivative(e, x, 1, {trace: 3})', bad(L.derivative, fxy, 'x', 1, { trace: 3 }), M, /^derivative: the option trace must be a function/],
    ['derivative(e, x, 1, {signal: 3})', bad(L.derivative, fxy, 'x', 1, { signal: 3 }), M, /^derivative: the option signal must be an AbortSignal, got the number 3/],
    ['shaped derivative(A*x, x, 2)', bad(L.derivative, shaped(), 'x', 2), M, /^derivative: argument 3 \(options\) must be an options object: a shaped expression takes/],
    ['shaped derivative(A*x, null)', bad(L.derivative, shaped(), null), M, /^derivative: argument 2 \(wrt\) must be the name of a variable/],
  ],
  gradient: [
    ["gradient(e, 'x')", bad(L.gradient, fxy, 'x'), M, /^gradient: argument 2 \(vars\) must be an array of variable names, got the string "x"/],
    ['gradient(e, [1])', bad(L.gradient, fxy, [1]), M, /^gradient: entry 0 of argument 2 \(vars\) must be a name \(a string\), got the number 1/],
    ['gradient(e, [x], {define: null})', bad(L.gradient, fxy, ['x'], { define: null }), M, /^gradient: the option define/],
    ['shaped gradient(x^T*A*x, {})', bad(L.gradient, quad(), {}), M, /^gradient: argument 2 \(wrt\)/],
    ['shaped gradient(x^T*A*x, x, {shapes: 3})', bad(L.gradient, quad(), 'x', { shapes: 3 }), M, /^gradient: the option shapes must be an object/],
  ],
  jacobian: [
    ['jacobian(3)', bad(L.jacobian, 3), M, /^jacobian: argument 1 \(es\) must be an array of expressions/],
    ['jacobian([null])', bad(L.jacobian, [null]), M, /^jacobian: entry 0 of argument 1 \(es\) must be an expression or its text/],
    ['jacobian(es, 3)', bad(L.jacobian, ['x'], 3), M, /^jacobian: argument 2 \(vars\)/],
  ],
  hessian: [['hessian(e, {})', bad(L.hessian, fxy, {}), M, /^hessian: argument 2 \(vars\) must be an array of variable names, got an object/]],
  taylor: [
    ['taylor(e, x, {}, 3)', bad(L.taylor, sinx, 'x', {}, 3), M, /^taylor: argument 3 \(at\) must be a number or the text of a point/],
    ["taylor(e, x, 0, '3')", bad(L.taylor, sinx, 'x', 0, '3'), M, /^taylor: the order .* got the string "3"/],
    ['taylor(e, x, 0, 3, {maxNodes: "x"})', bad(L.taylor, sinx, 'x', 0, 3, { maxNodes: 'x' }), M, /^taylor: the option maxNodes must be a number/],
    ['shaped taylor(x^T*A*x, x, NaN, 2)', bad(L.taylor, quad(), 'x', NaN, 2), M, /^taylor: argument 3 \(at\) must be a finite number or the name of a vector, got NaN/],
  ],
  partials: [['partials(null)', bad(L.partials, null), M, /^partials: argument 1 \(e\) must be an expression .*, got null/]],
  partial: [
    ['partial(sin(x), 1)', bad(L.partial, L.sin(x), 1), M, /^partial: argument 2 \(i\) must be the index of one of its 1 children \(0 to 0\), got the number 1/],
    ['partial(x, 0)', bad(L.partial, x, 0), M, /^partial: argument 2 \(i\) must be an index of a child, but a symbol has none/],
  ],
  substitute: [
    ['substitute(e, null)', bad(L.substitute, fxy, null), M, /^substitute: argument 2 \(bindings\) must be an object of values, like \{ x: 2 \}, or a Map, got null/],
    ['substitute(null, {})', bad(L.substitute, null, {}), M, /^substitute: argument 1 \(e\)/],
  ],
  simplify: [
    ['simplify(e, null)', bad(L.simplify, 'x+x', null), M, /^simplify: the options must be an object, got null/],
    ['simplify(e, {rules: [null]})', bad(L.simplify, 'x+x', { rules: [null] }), M, /^simplify: rule 1 must be a rule's text .*, got null/],
    ['simplify(e, {maxSteps: "x"})', bad(L.simplify, 'x+x', { maxSteps: 'x' }), M, /^simplify: the option maxSteps must be a positive number .*, got the string "x"/],
    ['simplify(e, {stats: 3})', bad(L.simplify, 'x+x', { stats: 3 }), M, /^simplify: the option stats must be an object, got the number 3/],
    ['simplify(3)', bad(L.simplify, 3), M, /^simplify: argument 1 \(e\)/],
  ],
  listRules: [],
  resetSimplifyMemo: [],
  cost: [['cost(3)', bad(L.cost, 3), M, /^cost: argument 1 \(e\) .* got the number 3/]],
  compile: [
    ['compile(e, "x")', bad(L.compile, fxy, 'x'), M, /^compile: argument 2 \(vars\) must be an array of variable names, got the string "x"/],
    ['compile(null)', bad(L.compile, null), M, /^compile: argument 1 \(e\) must be an expression or its text/],
    ['compile(e, vars, {exact: "yes"})', bad(L.compile, fxy, ['x', 'y'], { exact: 'yes' }), M, /^compile: the option exact must be true or false/],
    ['compile(e, vars, {define: {}})', bad(L.compile, fxy, ['x', 'y'], { define: {} }), M, /^compile: the option define must be definitions/],
    ["compile('x+1')('3')", bad(L.compile('x+1')), TypeError, /^f: argument 1 \(x\) must be a number, got undefined/],
    ['compile(A*x)(null)', bad(L.compile(shaped()), null), TypeError, /^f: the argument must be one scope object .*, got null/],
  ],
  compileGradient: [
    ['compileGradient(e, 3)', bad(L.compileGradient, fxy, 3), M, /^compileGradient: argument 2 \(vars\)/],
    ['compileGradient(e)(null, 1, 2)', bad(L.compileGradient(fxy, ['x', 'y']), null, 1, 2), TypeError, /^grad: out \(argument 1\) must be a Float64Array/],
  ],
  compileJacobian: [
    ['compileJacobian(3)', bad(L.compileJacobian, 3), M, /^compileJacobian: argument 1 \(es\) must be an array of expressions/],
    ['compileJacobian([null])', bad(L.compileJacobian, [null]), M, /^compileJacobian: entry 0 of argument 1 \(es\)/],
  ],
  compileHessian: [['compileHessian(e, vars, {args: 3})', bad(L.compileHessian, fxy, ['x', 'y'], { args: 3 }), M, /the option args must be 'positional' or 'array', not the number 3/]],
  moduleSource: [['moduleSource(e, vars, {gradient: "yes"})', bad(L.moduleSource, fxy, ['x', 'y'], { gradient: 'yes' }), M, /^moduleSource: the option gradient must be true or false/]],
  verifyDerivative: [
    ['verifyDerivative(null, f)', bad(L.verifyDerivative, null, 'x^2'), M, /^verifyDerivative: argument 1 \(claimed\)/],
    ['verifyDerivative(c, f, 3)', bad(L.verifyDerivative, '2*x', 'x^2', 3), M, /^verifyDerivative: argument 3 \(wrt\) must be a variable name/],
    ['verifyDerivative(c, f, x, {samples: "x"})', bad(L.verifyDerivative, '2*x', 'x^2', 'x', { samples: 'x' }), M, /^verifyDerivative: the option samples must be a whole number >= 1, got the string "x"/],
    ['verifyDerivative(c, f, x, {tolerance: NaN})', bad(L.verifyDerivative, '2*x', 'x^2', 'x', { tolerance: NaN }), M, /^verifyDerivative: the option tolerance must be a number >= 0, got NaN/],
  ],
  checkExpression: [
    ['checkExpression(null)', bad(L.checkExpression, null), M, /^checkExpression: argument 1 \(f\)/],
    ['checkExpression(f, {vars: "x"})', bad(L.checkExpression, 'x', { vars: 'x' }), M, /^checkExpression: the option vars must be an array of variable names/],
    ['checkExpression(f, {let: 3})', bad(L.checkExpression, 'x', { let: 3 }), M, /^checkExpression: the option let must be an object of fixed values/],
    ['checkExpression(f, {points: [null]})', bad(L.checkExpression, 'x', { points: [null] }), M, /^checkExpression: entry 0 of the option points must be a point/],
  ],
  checkDerivative: [
    ['checkDerivative(3, df)', bad(L.checkDerivative, 3, Math.cos), M, /^checkDerivative: argument 1 \(f\) must be a function, got the number 3/],
    ['checkDerivative(f, df, null)', bad(L.checkDerivative, Math.sin, Math.cos, null), M, /^checkDerivative: the options must be an object, got null/],
    ['checkDerivative(f, df, {points: "1"})', bad(L.checkDerivative, Math.sin, Math.cos, { points: '1' }), M, /^checkDerivative: the option points must be an array of numbers/],
    ['checkDerivative(f, df, {samples: null})', bad(L.checkDerivative, Math.sin, Math.cos, { samples: null }), M, /^checkDerivative: the option samples must be a whole number >= 1, got null/],
  ],
  checkGradient: [
    ['checkGradient(f, null)', bad(L.checkGradient, sq, null), M, /^checkGradient: argument 2 \(grad\) must be a function, got null/],
    ['checkGradient(f, g, {dim: "1"})', bad(L.checkGradient, sq, (v: number[]) => [2 * v[0]!], { dim: '1' }), M, /^checkGradient: the option dim must be a whole number >= 1/],
    ['checkGradient(f, g, {points: [[null]]})', bad(L.checkGradient, sq, (v: number[]) => [2 * v[0]!], { points: [[null]] }), M, /^checkGradient: entry 0 of entry 0 of the option points must be a number, got null/],
  ],
  gradCheckSparse: [
    ['gradCheckSparse(f, "1", [2])', bad(L.gradCheckSparse, sq, '1', [2]), M, /^gradCheckSparse: argument 2 \(x\) must be an array of numbers/],
    ['gradCheckSparse(f, [1], [2], 3, {seed: "s"})', bad(L.gradCheckSparse, sq, [1], [2], 3, { seed: 's' }), M, /^gradCheckSparse: the option seed must be a finite number/],
  ],
  compareDerivative: [['compareDerivative(1, undefined, null, ...)', bad(L.compareDerivative, 1, undefined, null, 1, 1), M, /^compareDerivative: argument 3 \(numerical\) must be an estimate/]],
  judge: [['judge(est, "1", 1)', bad(L.judge, { value: 1, error: 0 }, '1', 1), M, /^judge: argument 2 \(analytic\) must be a number/]],
  trueRelError: [['trueRelError(symbol, 1)', bad(L.trueRelError, Symbol('s'), 1), M, /^trueRelError: argument 1 \(a\) must be a number, got a symbol/]],
  own: [['own(null, "a")', bad(L.own, null, 'a'), M, /^own: argument 1 \(o\) must be an object, got null/]],
  relError: [
    ["relError('3', '3')", bad(L.relError, '3', '3'), M, /^relError: argument 1 \(a\) must be a number or an array .*, got the string "3"/],
    ['relError([1], [null])', bad(L.relError, [1], [null]), M, /^relError: argument 2 \(b\) .* got null/],
  ],
  relErrorScalar: [['relErrorScalar(1, "2")', bad(L.relErrorScalar, 1, '2'), M, /^relErrorScalar: argument 2 \(b\) must be a number/]],
  numericalDerivative: [
    ['numericalDerivative(null, 1)', bad(L.numericalDerivative, null, 1), M, /^numericalDerivative: argument 1 \(f\) must be a function/],
    ['numericalDerivative(f, 1, NaN)', bad(L.numericalDerivative, Math.sin, 1, NaN), M, /^numericalDerivative: argument 3 \(h\) must be a finite number > 0/],
  ],
  numericalGradient: [['numericalGradient(f, null)', bad(L.numericalGradient, sq, null), M, /^numericalGradient: argument 2 \(x\) must be an array of numbers, got null/]],
  numericalGradientArray: [['numericalGradientArray(f, [1], 3)', bad(L.numericalGradientArray, (v: number[]) => v, [1], 3), M, /^numericalGradientArray: argument 3 \(dout\)/]],
  numericalGradientEstimate: [['numericalGradientEstimate(3, [1])', bad(L.numericalGradientEstimate, 3, [1]), M, /^numericalGradientEstimate: argument 1 \(f\)/]],
  numericalPartial: [['numericalPartial(f, [1], 1)', bad(L.numericalPartial, sq, [1], 1), M, /^numericalPartial: argument 3 \(i\) must be a coordinate of the point, 0 to 0, got the number 1/]],
  ridders: [['ridders(f, 1, 0.1, 0)', bad(L.ridders, Math.sin, 1, 0.1, 0), M, /^ridders: argument 4 \(levels\) must be a whole number >= 1/]],
  roundingNoise: [['roundingNoise({}, 1)', bad(L.roundingNoise, {}, 1), M, /^roundingNoise: argument 1 \(g\) must be a function, got an object/]],
  makeReport: [['makeReport([null], 1e-7)', bad(L.makeReport, [null], 1e-7), M, /^makeReport: entry 0 of argument 1 \(lines\) must be a line of a check report/]],
  formatLine: [['formatLine(3)', bad(L.formatLine, 3), M, /^formatLine: argument 1 \(l\) must be a line of a check report/]],
  formatReport: [
    ['formatReport(null)', bad(L.formatReport, null), M, /^formatReport: argument 1 \(r\) must be a check report/],
    ['formatReport(r, {points: 1})', bad(L.formatReport, report(), { points: 1 }), M, /^formatReport: the option points must be true or false/],
  ],
  formatSummary: [['formatSummary({})', bad(L.formatSummary, {}), M, /^formatSummary: argument 1 \(r\) must be a check report/]],
  pairText: [['pairText(null, 1)', bad(L.pairText, null, 1), M, /^pairText: argument 1 \(a\) must be a number, got null/]],
  createRandom: [['createRandom("s")', bad(L.createRandom, 's'), M, /^createRandom: argument 1 \(seed\) must be a finite number/]],
  preciseDerivative: [['preciseDerivative(f, x, {x: 1})', bad(L.preciseDerivative, sinx, 'x', { x: 1 }), M, /^preciseDerivative: argument 3 \(scope\)\.x must be an exact value/]],
  recheckLine: [['recheckLine(line, null)', bad(L.recheckLine, report().lines[0], null), M, /^recheckLine: argument 2 \(input\) must be a re-check input/]],
  parseShaped: [
    ['parseShaped(3, shapes)', bad(L.parseShaped, 3, { x: ['n'] }), M, /^parseShaped: argument 1 \(src\)/],
    ['parseShaped(src, null)', bad(L.parseShaped, 'x', null), M, /shapes must be an object like .*, got null/],
  ],
  shapeOf: [['shapeOf(3)', bad(L.shapeOf, 3), M, /^shapeOf: argument 1 \(e\) must be an expression, a shaped expression or a tensor, got the number 3/]],
};

/** Functions of leibniz/testing that are not those of leibniz itself. */
const TESTING_ROWS: Record<string, Case[]> = {
  numberArb: [['numberArb({min: 0.5})', bad(T.numberArb, { min: 0.5 }), M, /^numberArb: the option min must be a whole number/]],
  exprArb: [
    ['exprArb({maxDepth: null})', bad(T.exprArb, { maxDepth: null }), M, /^exprArb: the option maxDepth must be a whole number >= 0, got null/],
    ['exprArb({maxDepth: 1e6})', bad(T.exprArb, { maxDepth: 1e6 }), M, /^exprArb: the option maxDepth must be at most 50/],
    ['exprArb({vars: "x"})', bad(T.exprArb, { vars: 'x' }), M, /^exprArb: the option vars must be an array of names/],
  ],
  coordinateArb: [],
  pointArb: [
    ['pointArb(null)', bad(T.pointArb, null), M, /^pointArb: argument 1 \(e\) must be an expression/],
    ['pointArb(e, [x], {tries: 0})', bad(T.pointArb, sinx, ['x'], { tries: 0 }), M, /^pointArb: the option tries must be a whole number >= 1/],
  ],
  maybePointArb: [['maybePointArb(e, [x], {require: [3]})', bad(T.maybePointArb, sinx, ['x'], { require: [3] }), M, /^maybePointArb: entry 0 of the option require must be an expression/]],
  exprWithPointArb: [['exprWithPointArb({values: [1]})', bad(T.exprWithPointArb, { values: [1] }), M, /^exprWithPointArb: the option values must be a fast-check arbitrary/]],
  bindingsArb: [
    ['bindingsArb(3)', bad(T.bindingsArb, 3), M, /^bindingsArb: argument 1 \(target\) must be a rule/],
    ['bindingsArb(rule, {guards: [null]})', bad(T.bindingsArb, L.parseRule('r: ?a => ?a'), { guards: [null] }), M, /^bindingsArb: the option guards must be an array of guards/],
  ],
  checkRule: [
    ['checkRule(r, {maxDepth: null})', bad(T.checkRule, 'r: ?a + ?a => 2*?a', { maxDepth: null }), M, /^checkRule: the option maxDepth must be a whole number >= 0, got null/],
    ['checkRule(r, {tolerance: NaN})', bad(T.checkRule, 'r: ?a + ?a => 2*?a', { tolerance: NaN }), M, /^checkRule: the option tolerance must be a number >= 0, got NaN/],
    ['checkRule({})', bad(T.checkRule, {}), M, /^checkRule: argument 1 \(rule\) must be a rule's text/],
  ],
  agreeAt: [['agreeAt(x, x, null)', bad(T.agreeAt, x, x, null), M, /^agreeAt: argument 3 \(at\) must be a point/]],
  derivativeProperty: [['derivativeProperty(f, null)', bad(T.derivativeProperty, Math.sin, null), M, /^derivativeProperty: argument 2 \(df\) must be a function, got null/]],
  gradientProperty: [
    ['gradientProperty(f, g, "1")', bad(T.gradientProperty, sq, (v: number[]) => [2 * v[0]!], '1'), M, /^gradientProperty: argument 3 \(dim\) must be a whole number >= 1/],
    ['gradientProperty(f, g, 1, {domain: [1, 0]})', bad(T.gradientProperty, sq, (v: number[]) => [2 * v[0]!], 1, { domain: [1, 0] }), M, /^gradientProperty: the option domain must be an interval/],
  ],
  exprReporter: [['exprReporter(null)', bad(T.exprReporter, null), M, /^exprReporter: argument 1 \(out\)/]],
};

describe('every export has a row', () => {
  it('leibniz: each export is a row of calls or a described constant', () => {
    const missing = Object.keys(L).filter((k) => !Object.hasOwn(ROWS, k) && !Object.hasOwn(NOT_CALLED, k));
    expect(missing).toEqual([]);
    // and no row names an export that is gone
    expect(Object.keys(ROWS).filter((k) => !Object.hasOwn(L, k))).toEqual([]);
  });

  it('leibniz/testing: each export is a row, a described constant, or the same function as leibniz exports', () => {
    const missing = Object.entries(T).filter(
      ([k, v]) => !Object.hasOwn(TESTING_ROWS, k) && !Object.hasOwn(NOT_CALLED, k) && !(Object.hasOwn(L, k) && (L as Record<string, unknown>)[k] === v),
    );
    expect(missing.map(([k]) => k)).toEqual([]);
  });

  it('the constants and classes are what they say', () => {
    for (const [k, check] of Object.entries(NOT_CALLED)) check((Object.hasOwn(L, k) ? L : T)[k as never]);
  });
});

const all = [...Object.entries(ROWS), ...Object.entries(TESTING_ROWS)].flatMap(([fn, cases]) => cases.map((c) => [fn, ...c] as const));

describe('wrong arguments: the error names the function and the argument', () => {
  it.each(all)('%s: %s', (_fn, _label, call, error, message) => {
    let thrown: unknown;
    try {
      const r = call();
      // A lazy result (an arbitrary, a property) is used: a bad option must not wait until then.
      if (r instanceof fc.Arbitrary) fc.sample(r, { numRuns: 1, seed: 1 });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(error);
    expect((thrown as Error).message.split('\n')[0]).toMatch(message);
  });
});

describe('wrong values of any kind', () => {
  // Functions that take one expression: whatever else is given (fast-check's
  // anything: numbers, strings, arrays, objects, null...) is a MathError naming them.
  const TAKES_EXPR: Record<string, (v: unknown) => unknown> = {
    toText: (v) => L.toText(v as L.Expr),
    toLatex: (v) => L.toLatex(v as L.Expr),
    toJS: (v) => L.toJS(v as L.Expr),
    serialize: (v) => L.serialize(v as L.Expr),
    cost: (v) => L.cost(v as L.Expr),
    partials: (v) => L.partials(v as L.Expr),
    freeSymbols: (v) => L.freeSymbols(v as L.Expr),
    dagSize: (v) => L.dagSize(v as L.Expr),
    substitute: (v) => L.substitute(v as L.Expr, {}),
  };
  const notExpr = fc.anything().filter((v) => typeof v !== 'string' && !(typeof v === 'object' && v !== null && 'kind' in v));

  it.each(Object.keys(TAKES_EXPR))('%s refuses anything but an expression with a MathError naming it', (fn) => {
    fc.assert(
      fc.property(notExpr, (v) => {
        expect(() => TAKES_EXPR[fn]!(v)).toThrow(new RegExp(`^${fn}: argument 1 \\((e|root)\\) must be an expression`));
      }),
      { numRuns: 200 },
    );
  });

  it('gradient, hessian and compile refuse any vars but an array of names', () => {
    const notNames = fc.anything().filter((v) => v !== undefined && !(Array.isArray(v) && v.every((s) => typeof s === 'string')));
    fc.assert(
      fc.property(notNames, (v) => {
        for (const [fn, call] of [
          ['gradient', () => L.gradient('x*y', v as string[])],
          ['hessian', () => L.hessian('x*y', v as string[])],
          ['compile', () => L.compile('x*y', v as string[])],
        ] as const) {
          expect(call, fn).toThrow(L.MathError);
          expect(call, fn).toThrow(new RegExp(`^${fn}: (entry \\d+ of )?argument 2 \\(vars\\)`));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('valid calls are unchanged: the same answers with the checks in place', () => {
    expect(L.toText(L.derivative('x^2*y', 'x'))).toBe('2*x*y');
    expect(L.gradient('x^2*y', ['x', 'y']).map((e) => L.toText(e))).toEqual(['2*x*y', 'x^2']);
    expect(L.partial(L.sin(x), 0)).toBe(L.cos(x));
    expect(L.cost(L.parse('x+1'))).toBe(1);
    expect(L.substitute(fxy, { x: 2 })).toBe(L.parse('4*y'));
    expect(L.num(1, 2)).toBe(L.parse('1/2'));
    expect(L.relError([1, 2], [1, 2])).toBe(0);
    expect(L.toText(x, 3 as never)).toBe('x'); // es.map(toText): an index is no options
  });
});
