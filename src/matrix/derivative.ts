// Derivatives of shaped expressions, in matrix notation.
// - gradient (scalar f): reverse accumulation of adjoints over the shared
//   graph; the result has the variable's shape (d/dx x^T A x = (A + A^T) x).
// - jacobian (vector f, vector or scalar x): J^T w is the gradient of w^T f
//   for a fresh vector w, linear in w; reading off its coefficient gives J
//   (numerator layout: m x n for f of length m and x of length n).
// - differential (any f): forward mode, dF in the direction D (tensor.ts
//   turns it into index notation and numbers).
// What has no rule here is a MathError that names the part: never a silent 0.
import { call as coreCall, sym as coreSym } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { MathError } from '../core/rational.js';
import { postorder as corePostorder } from '../core/traverse.js';
import { derivative as coreDerivative } from '../diff/derivative.js';
import {
  MINUS_ONE,
  ONE,
  add,
  contains,
  eye,
  fn,
  had,
  kids,
  mnum,
  msym,
  mul,
  mvar,
  ones,
  op,
  pow,
  postorder,
  substitute,
  transpose,
  zeros,
  type MExpr,
  type OpName,
} from './node.js';
import { MATRIX_RULES, type MatrixRule } from './rules.js';
import { parseShaped } from './parse.js';
import { toTextShaped } from './print.js';
import { isColumn, isRow, isScalar, shapeText, type Shape } from './shape.js';
import { isRecoverable } from '../core/budget.js';

/** A rule line parsed once, with the nodes its placeholders stand for. */
interface Template {
  readonly differential: MExpr;
  readonly adjoint: MExpr;
  readonly X: MExpr;
  readonly D: MExpr;
  readonly G: MExpr;
  readonly I: MExpr;
  readonly J: MExpr;
}
let templates: Map<OpName, Template> | null = null;
function template(name: OpName): Template {
  if (!templates) {
    templates = new Map();
    for (const r of MATRIX_RULES) templates.set(r.op, parseRule(r));
  }
  return templates.get(name)!;
}
function parseRule(r: MatrixRule): Template {
  const X = r.shapes.X!;
  const shapes = { ...r.shapes, I: [X[0]!, X[0]!], J: X };
  const v = (n: string): MExpr => mvar(n, shapes[n as keyof typeof shapes]!.map(String).map((d) => d) as Shape);
  return {
    differential: parseShaped(r.differential, shapes),
    adjoint: parseShaped(r.adjoint, shapes),
    X: v('X'),
    D: v('D'),
    G: isScalar(r.shapes.G!) ? msym('G') : v('G'),
    I: v('I'),
    J: v('J'),
  };
}
function instantiate(t: Template, which: 'differential' | 'adjoint', x: MExpr, other: MExpr): MExpr {
  const map = new Map<number, MExpr>([
    [t.X.id, x],
    [which === 'adjoint' ? t.G.id : t.D.id, other],
  ]);
  if (!isScalar(x.shape)) {
    map.set(t.I.id, eye(x.shape[0]!));
    map.set(t.J.id, ones(x.shape));
  }
  return substitute(t[which], map);
}

// Partial derivatives of scalar functions, from the scalar table, as
// elementwise expressions in the actual arguments.
const partialCache = new Map<string, Expr>();
function scalarPartial(name: string, args: readonly MExpr[], k: number): MExpr {
  const key = `${name}/${args.length}/${k}`;
  let d = partialCache.get(key);
  if (!d) {
    const params = args.map((_, i) => coreSym(`u${i + 1}`));
    d = coreDerivative(coreCall(name, ...params), `u${k + 1}`);
    if (partialCache.size > 1000) partialCache.clear(); // bounded: user functions' names come and go
    partialCache.set(key, d);
  }
  return fromCore(d, new Map(args.map((a, i) => [`u${i + 1}`, a])));
}

/** A core expression with its symbols replaced; products of shaped values are entry by entry. */
export function fromCore(e: Expr, env: ReadonlyMap<string, MExpr>): MExpr {
  const done = new Map<number, MExpr>();
  for (const n of corePostorder(e)) {
    let v: MExpr;
    switch (n.kind) {
      case 'num':
        v = mnum(n.value);
        break;
      case 'sym':
        v = env.get(n.name) ?? msym(n.name);
        break;
      case 'add':
        v = add(...n.args.map((a) => done.get(a.id)!));
        break;
      case 'mul':
        v = had(...n.args.map((a) => done.get(a.id)!));
        break;
      case 'pow':
        v = pow(done.get(n.base.id)!, done.get(n.exp.id)!);
        break;
      case 'call':
        if (n.derivs.length > 0) throw new MathError(`no derivative of ${n.fn} is known`);
        v = fn(n.fn, ...n.args.map((a) => done.get(a.id)!));
        break;
    }
    done.set(n.id, v);
  }
  return done.get(e.id)!;
}

/** <G, Q>: the sum of the entries of G .* Q, as a person writes it (G^T Q for vectors). */
function inner(g: MExpr, q: MExpr): MExpr {
  if (isScalar(g.shape)) return mul(g, q);
  if (isColumn(g.shape)) return mul(transpose(g), q);
  if (isRow(g.shape)) return mul(g, transpose(q));
  return op('sum', had(g, q));
}

/** The adjoint G of a broadcast scalar: the sum of G's entries. */
const collapse = (g: MExpr, to: MExpr): MExpr => (isScalar(to.shape) && !isScalar(g.shape) ? op('sum', g) : g);

function what(e: MExpr): string {
  const s = toTextShaped(e);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Nodes of e that depend on x, by id. */
function dependents(e: MExpr, x: MExpr): Set<number> {
  const dep = new Set<number>();
  for (const n of postorder(e)) if (n === x || kids(n).some((k) => dep.has(k.id))) dep.add(n.id);
  return dep;
}

/** The gradient of a scalar f with respect to x; it has x's shape. */
export function gradientShaped(f: MExpr, x: MExpr): MExpr {
  if (!isScalar(f.shape)) throw new MathError(`a gradient is of a scalar, but this is a ${shapeText(f.shape)}; use jacobian`);
  const dep = dependents(f, x);
  if (!dep.has(f.id)) return zeros(x.shape);
  const adj = new Map<number, MExpr[]>([[f.id, [ONE]]]);
  const push = (n: MExpr, g: MExpr): void => {
    if (!dep.has(n.id)) return;
    const a = adj.get(n.id);
    if (a) a.push(g);
    else adj.set(n.id, [g]);
  };
  const order = postorder(f);
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    const gs = adj.get(n.id);
    if (!gs || n === x) continue;
    const G = add(...gs);
    propagate(n, G, push);
  }
  return add(...(adj.get(x.id) ?? [zeros(x.shape)]));
}

function propagate(n: MExpr, G: MExpr, push: (n: MExpr, g: MExpr) => void): void {
  switch (n.kind) {
    case 'add':
      for (const t of n.args) push(t, collapse(G, t));
      return;
    case 'mul': {
      // A scalar factor may be a chain of its own (x^T y): it commutes like any scalar.
      const scalars = n.args.filter((a) => isScalar(a.shape));
      const chain = n.args.filter((a) => !isScalar(a.shape));
      scalars.forEach((s, j) => {
        const others = mul(...scalars.filter((_, i) => i !== j), ...chain);
        push(s, inner(G, others));
      });
      const c = mul(...scalars);
      chain.forEach((m, k) => {
        const L = chain.slice(0, k);
        const R = chain.slice(k + 1);
        push(m, mul(c, ...(L.length > 0 ? [transpose(mul(...L))] : []), G, ...(R.length > 0 ? [transpose(mul(...R))] : [])));
      });
      return;
    }
    case 'had':
      n.args.forEach((a, k) => push(a, collapse(had(G, ...n.args.filter((_, i) => i !== k)), a)));
      return;
    case 'pow': {
      const { base, exp } = n;
      if (exp.kind === 'num') {
        push(base, had(G, mul(exp, pow(base, mnum({ p: exp.value.p - exp.value.q, q: exp.value.q })))));
        return;
      }
      push(base, had(G, mul(exp, pow(base, add(exp, MINUS_ONE)))));
      push(exp, collapse(had(G, mul(fn('log', base), n)), exp));
      return;
    }
    case 'fn':
      n.args.forEach((a, k) => {
        let d: MExpr;
        try {
          d = scalarPartial(n.fn, n.args, k);
        } catch (e) {
          if (isRecoverable(e)) throw new MathError(`cannot differentiate ${what(n)}: ${e.message}`);
          throw e;
        }
        push(a, collapse(had(G, d), a));
      });
      return;
    case 'op':
      push(n.arg, instantiate(template(n.op), 'adjoint', n.arg, G));
      return;
    default:
      return;
  }
}

/** The forward-mode differential of e along D (D has x's shape). */
export function differential(e: MExpr, x: MExpr, D: MExpr): MExpr {
  const dep = dependents(e, x);
  const d = new Map<number, MExpr>();
  const get = (k: MExpr): MExpr | null => (dep.has(k.id) ? d.get(k.id)! : null);
  for (const n of postorder(e)) {
    if (!dep.has(n.id)) continue;
    if (n === x) {
      d.set(n.id, D);
      continue;
    }
    let v: MExpr;
    switch (n.kind) {
      case 'add':
        v = add(...n.args.flatMap((t) => (get(t) ? [get(t)!] : [])));
        break;
      case 'mul':
        v = add(...n.args.flatMap((a, k) => (get(a) ? [mul(...n.args.slice(0, k), get(a)!, ...n.args.slice(k + 1))] : [])));
        break;
      case 'had':
        v = add(...n.args.flatMap((a, k) => (get(a) ? [had(...n.args.slice(0, k), get(a)!, ...n.args.slice(k + 1))] : [])));
        break;
      case 'pow': {
        const { base, exp } = n;
        const parts: MExpr[] = [];
        if (get(base)) {
          const k = exp.kind === 'num' ? mnum({ p: exp.value.p - exp.value.q, q: exp.value.q }) : add(exp, MINUS_ONE);
          parts.push(had(mul(exp, pow(base, k)), get(base)!));
        }
        if (get(exp)) parts.push(had(mul(fn('log', base), n), get(exp)!));
        v = add(...parts);
        break;
      }
      case 'fn':
        v = add(
          ...n.args.flatMap((a, k) => {
            if (!get(a)) return [];
            try {
              return [had(scalarPartial(n.fn, n.args, k), get(a)!)];
            } catch (err) {
              if (isRecoverable(err)) throw new MathError(`cannot differentiate ${what(n)}: ${err.message}`);
              throw err;
            }
          }),
        );
        break;
      case 'op':
        v = instantiate(template(n.op), 'differential', n.arg, get(n.arg)!);
        break;
      default:
        throw new MathError(`cannot differentiate ${what(n)}`);
    }
    d.set(n.id, v);
  }
  return d.get(e.id) ?? zeros(e.shape);
}

/** K with e = K*w, for e linear in w; null when e is not in that form. */
function coefficient(e: MExpr, w: MExpr): MExpr | null {
  if (e === w) return eye(w.shape[0]!);
  if (!contains(e, w)) return null;
  switch (e.kind) {
    case 'add': {
      const ks = e.args.map((t) => coefficient(t, w));
      return ks.every((k) => k !== null) ? add(...(ks as MExpr[])) : null;
    }
    case 'mul': {
      const scalars = e.args.filter((a) => isScalar(a.shape));
      const chain = e.args.filter((a) => !isScalar(a.shape));
      const withW = e.args.filter((a) => contains(a, w));
      if (withW.length !== 1) return null;
      const f = withW[0]!;
      if (isScalar(f.shape)) {
        // A scalar factor linear in w: (its coefficient, a row) times the rest.
        const k = coefficient(f, w) ?? coefficient(reversed(f), w);
        return k && mul(...scalars.filter((s) => s !== f), ...chain, k);
      }
      if (chain[chain.length - 1] !== f) {
        if (isScalar(e.shape)) return coefficient(reversed(e), w);
        return null;
      }
      const k = coefficient(f, w);
      return k && mul(...scalars, ...chain.slice(0, -1), k);
    }
    case 'had': {
      const withW = e.args.filter((a) => contains(a, w));
      if (withW.length !== 1 || !isColumn(e.shape)) return null;
      const k = coefficient(withW[0]!, w);
      return k && mul(op('diag', had(...e.args.filter((a) => a !== withW[0]))), k);
    }
    default:
      return null;
  }
}

/** A scalar chain a^T B c written the other way round, c^T B^T a (the same number). */
function reversed(e: MExpr): MExpr {
  if (e.kind !== 'mul') return e;
  const scalars = e.args.filter((a) => isScalar(a.shape));
  const chain = e.args.filter((a) => !isScalar(a.shape));
  return mul(...scalars, ...chain.map(transpose).reverse());
}

/**
 * The Jacobian of f (scalar or column vector) with respect to x (scalar or
 * column vector), numerator layout: shape [m, n]; a scalar f gives the row
 * 1 x n, a scalar x the column m. Null when it has no matrix-notation form.
 */
export function jacobianShaped(f: MExpr, x: MExpr): MExpr | null {
  if (!(isScalar(f.shape) || isColumn(f.shape)) || !(isScalar(x.shape) || isColumn(x.shape))) return null;
  if (isScalar(f.shape)) return transpose(gradientShaped(f, x));
  const w = mvar('#w', f.shape);
  const g = gradientShaped(mul(transpose(w), f), x);
  if (g.kind === 'zero' || (g.kind === 'num' && g.value.p === 0n)) return zeros(isScalar(x.shape) ? f.shape : [f.shape[0]!, x.shape[0]!]);
  // g = J^T w (for a scalar x, the number w^T J).
  const k = coefficient(g, w);
  return k && transpose(k);
}

