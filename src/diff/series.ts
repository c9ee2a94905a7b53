// Taylor coefficients by truncated power series arithmetic. Repeated
// differentiation makes the k-th derivative of exp(sin(x)) a sum of
// exponentially many terms before the point is put in; here each node of the
// input gets its coefficients c_0..c_n about the point (c_k = f^(k)(a)/k!),
// from its children's, by the recurrences of the elementary functions (for
// w = exp(u), w' = w u', so k w_k = sum j u_j w_(k-j)). A node costs O(n^2)
// coefficient operations, so order 50 of exp(sin(x)) is a few thousand exact
// products instead of minutes.
//
// Only smooth pieces are expanded here: where a recurrence would divide by a
// coefficient that is exactly 0 (log, roots and negative powers at 0, a power
// with the variable in its exponent), or a function has no recurrence below,
// `taylorSeries` answers undefined and the caller falls back to repeated
// differentiation, which gives its own answer or error there.
import { isRecoverable, type Budget } from '../core/budget.js';
import { ONE, ZERO, add, call, div, mul, num, pow, sub } from '../core/build.js';
import type { Expr } from '../core/expr.js';
import { children, postorder } from '../core/traverse.js';

type Series = Expr[];

/** Why the series route was not taken (internal: the caller falls back). */
class NoSeries extends Error {}

const no = (): never => {
  throw new NoSeries();
};

/**
 * The coefficients c_0..c_n of e about wrt = at, each exact and tidied by
 * `tidy`, or undefined where this route does not apply.
 */
export function taylorSeries(e: Expr, wrt: string, at: Expr, n: number, meter: Budget, tidy: (e: Expr) => Expr): Series | undefined {
  try {
    return expand(e, wrt, at, n, meter, tidy);
  } catch (err) {
    // An exact division by 0 or the like on the way: repeated differentiation says what is undefined.
    if (err instanceof NoSeries || isRecoverable(err)) return undefined;
    throw err;
  }
}

function expand(root: Expr, wrt: string, at: Expr, n: number, meter: Budget, tidy: (e: Expr) => Expr): Series {
  const of = new Map<number, Series>();
  // A coefficient operation is a step: a node costs about n^2 of them.
  const step = (k: number): void => meter.spend(k + 1);
  const constant = (c: Expr): Series => [c, ...new Array<Expr>(n).fill(ZERO)];
  const isZero = (c: Expr): boolean => c === ZERO;
  const mulS = (a: Series, b: Series): Series => {
    const out: Series = [];
    for (let k = 0; k <= n; k++) {
      step(k);
      const ts: Expr[] = [];
      for (let j = 0; j <= k; j++) if (!isZero(a[j]!) && !isZero(b[k - j]!)) ts.push(mul(a[j]!, b[k - j]!));
      out.push(tidy(add(...ts)));
    }
    return out;
  };
  /** a/b, with b_0 not 0. */
  const divS = (a: Series, b: Series): Series => {
    if (isZero(b[0]!)) no();
    const q: Series = [];
    for (let k = 0; k <= n; k++) {
      step(k);
      const ts: Expr[] = [a[k]!];
      for (let j = 1; j <= k; j++) if (!isZero(b[j]!) && !isZero(q[k - j]!)) ts.push(mul(-1, b[j]!, q[k - j]!));
      q.push(tidy(div(add(...ts), b[0]!)));
    }
    return q;
  };
  /** u^r for a constant r, w_0 given: w_k = 1/(k u_0) sum_j ((r + 1) j - k) u_j w_(k-j), u_0 not 0. */
  const powS = (u: Series, r: Expr, w0: Expr): Series => {
    if (isZero(u[0]!)) no();
    const w: Series = [w0];
    for (let k = 1; k <= n; k++) {
      step(k);
      const ts: Expr[] = [];
      for (let j = 1; j <= k; j++) {
        if (isZero(u[j]!) || isZero(w[k - j]!)) continue;
        ts.push(mul(sub(mul(add(r, 1), j), k), u[j]!, w[k - j]!));
      }
      w.push(tidy(div(add(...ts), mul(k, u[0]!))));
    }
    return w;
  };
  /** A whole power u^m, m >= 0, by squaring (u_0 may be 0). */
  const intPowS = (u: Series, m: bigint): Series => {
    let out = constant(ONE);
    let sq = u;
    for (let k = m; k > 0n; k >>= 1n) {
      if (k & 1n) out = mulS(out, sq);
      if (k > 1n) sq = mulS(sq, sq);
    }
    return out;
  };
  /** w with w' = g u' and w_0 given: k w_k = sum_j j u_j g_(k-j). */
  const chain = (u: Series, g: (k: number) => Expr, w0: Expr, w: Series = [w0]): Series => {
    for (let k = 1; k <= n; k++) {
      step(k);
      const ts: Expr[] = [];
      for (let j = 1; j <= k; j++) {
        if (isZero(u[j]!)) continue;
        const gk = g(k - j);
        if (!isZero(gk)) ts.push(mul(j, u[j]!, gk));
      }
      w[k] = tidy(div(add(...ts), k));
    }
    return w;
  };
  /** w = integral of g' where w' = u' h for a series h known in full. */
  const withSlope = (u: Series, h: Series, w0: Expr): Series => chain(u, (m) => h[m]!, w0);
  /** sin and cos (or sinh and cosh, sign +1) together: s' = c u', c' = -+ s u'. */
  const pair = (u: Series, fs: string, fc: string, sign: number): [Series, Series] => {
    const s: Series = [tidy(call(fs, u[0]!))];
    const c: Series = [tidy(call(fc, u[0]!))];
    for (let k = 1; k <= n; k++) {
      step(2 * k);
      const ss: Expr[] = [];
      const cs: Expr[] = [];
      for (let j = 1; j <= k; j++) {
        if (isZero(u[j]!)) continue;
        if (!isZero(c[k - j]!)) ss.push(mul(j, u[j]!, c[k - j]!));
        if (!isZero(s[k - j]!)) cs.push(mul(sign * j, u[j]!, s[k - j]!));
      }
      s.push(tidy(div(add(...ss), k)));
      c.push(tidy(div(add(...cs), k)));
    }
    return [s, c];
  };
  /** tan and tanh: w' = (1 +- w^2) u', the square built as w grows. */
  const tangent = (u: Series, fn: string, sign: number): Series => {
    const w: Series = [tidy(call(fn, u[0]!))];
    const h: Series = [];
    const hAt = (m: number): Expr => {
      if (h[m] === undefined) {
        step(m);
        const ts: Expr[] = m === 0 ? [ONE] : [];
        for (let i = 0; i <= m; i++) if (!isZero(w[i]!) && !isZero(w[m - i]!)) ts.push(mul(sign, w[i]!, w[m - i]!));
        h[m] = tidy(add(...ts));
      }
      return h[m]!;
    };
    return chain(u, hAt, w[0]!, w);
  };
  const plusConst = (c: number, s: Series): Series => [tidy(add(c, s[0]!)), ...s.slice(1)];
  const scale = (c: number, s: Series): Series => s.map((x) => tidy(mul(c, x)));
  const has = new Map<number, boolean>();

  for (const node of postorder(root)) {
    const kids = children(node);
    const inX = node.kind === 'sym' ? node.name === wrt : kids.some((k) => has.get(k.id)!);
    has.set(node.id, inX);
    if (!inX) {
      of.set(node.id, constant(node));
      continue;
    }
    const s = (k: Expr): Series => of.get(k.id)!;
    let out: Series;
    switch (node.kind) {
      case 'sym':
        out = constant(at);
        if (n >= 1) out[1] = ONE;
        break;
      case 'num':
        throw new Error('a number holds no variable');
      case 'add': {
        out = [];
        for (let k = 0; k <= n; k++) {
          step(node.args.length);
          out.push(tidy(add(...node.args.map((a) => s(a)[k]!))));
        }
        break;
      }
      case 'mul': {
        // Constant factors scale; the others multiply.
        const consts = node.args.filter((a) => !has.get(a.id));
        let acc: Series | undefined;
        for (const a of node.args) if (has.get(a.id)) acc = acc === undefined ? s(a) : mulS(acc, s(a));
        const c = mul(...consts);
        out = c === ONE ? acc! : acc!.map((x) => tidy(mul(c, x)));
        break;
      }
      case 'pow': {
        if (has.get(node.exp.id)) {
          // b^u with a positive number b: w' = log(b) u' w.
          if (node.base.kind !== 'num' || node.base.value.p <= 0n) no();
          const u = s(node.exp);
          const lb = call('log', node.base);
          const w: Series = [tidy(pow(node.base, u[0]!))];
          out = chain(u, (m) => tidy(mul(lb, w[m]!)), w[0]!, w);
          break;
        }
        const u = s(node.base);
        const r = node.exp;
        if (isZero(u[0]!) && !(r.kind === 'num' && r.value.q === 1n && r.value.p >= 0n)) no();
        if (r.kind === 'num' && r.value.q === 1n && r.value.p >= 0n) out = intPowS(u, r.value.p);
        else out = powS(u, r, tidy(pow(u[0]!, r)));
        break;
      }
      case 'call': {
        if (node.derivs.length > 0 || node.args.length !== 1) return no();
        const u = s(node.args[0]!);
        const u0 = u[0]!;
        const fn = node.fn;
        if (fn === 'exp') {
          const w: Series = [tidy(call('exp', u0))];
          out = chain(u, (m) => w[m]!, w[0]!, w);
        } else if (fn === 'log') {
          if (isZero(u0)) no();
          out = withSlope(u, divS(constant(ONE), u), tidy(call('log', u0)));
        } else if (fn === 'sin' || fn === 'cos') out = pair(u, 'sin', 'cos', -1)[fn === 'sin' ? 0 : 1];
        else if (fn === 'sinh' || fn === 'cosh') out = pair(u, 'sinh', 'cosh', 1)[fn === 'sinh' ? 0 : 1];
        else if (fn === 'tan') out = tangent(u, 'tan', 1);
        else if (fn === 'tanh') out = tangent(u, 'tanh', -1);
        else if (fn === 'atan') out = withSlope(u, divS(constant(ONE), plusConst(1, mulS(u, u))), tidy(call('atan', u0)));
        else if (fn === 'asin' || fn === 'acos') {
          // w' = +-(1 - u^2)^(-1/2) u', with 1 - u_0^2 not 0 (powS refuses it).
          const v = plusConst(1, scale(-1, mulS(u, u)));
          const h = powS(v, num(-1, 2), tidy(pow(v[0]!, num(-1, 2))));
          out = withSlope(u, fn === 'asin' ? h : scale(-1, h), tidy(call(fn, u0)));
        } else out = no();
        break;
      }
    }
    of.set(node.id, out);
  }
  return of.get(root.id)!;
}
