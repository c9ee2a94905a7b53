// Matrix-layer formulas as text (which parses back with the same shapes) and
// as LaTeX, with the precedence table every printer shares. Products are
// juxtaposed in LaTeX (A^{\top} x), joined by * in text (A^T*x); a scalar
// factor with a negative power goes under a fraction bar (x/norm(x)).
import { Prec, type Printed } from '../print/precedence.js';
import type { Rational } from '../core/rational.js';
import { transpose, type MExpr } from './node.js';
import { isScalar } from './shape.js';

interface Notation {
  num(r: Rational): Printed;
  name(n: string): string;
  eye: string;
  ones(e: MExpr): string;
  zero: string;
  paren(s: string): string;
  times: string;
  had: string;
  hadDiv(den: string): string;
  frac(num: string, den: Printed): Printed;
  /** The fraction bar groups its numerator (LaTeX's \\frac), so a lone numerator needs no brackets. */
  fracGroups: boolean;
  pow(base: string, exp: Printed, elementwise: boolean): string;
  transpose(base: string, inv: boolean): string;
  inv(base: string): string;
  call(fn: string, args: string[]): string;
  op(op: string, arg: string): string;
  sqrt(arg: string): string;
}

const TEXT: Notation = {
  num: (r) => (r.q === 1n ? { s: `${r.p}`, p: r.p < 0n ? Prec.neg : Prec.atom } : { s: `${r.p}/${r.q}`, p: Prec.mul }),
  name: (n) => n,
  eye: 'I',
  ones: (e) => `ones(${e.shape.join(', ')})`,
  zero: '0',
  paren: (s) => `(${s})`,
  times: '*',
  had: ' .* ',
  hadDiv: (d) => ` ./ ${d}`,
  frac: (num, den) => ({ s: `${num}/${den.p > Prec.mul ? den.s : `(${den.s})`}`, p: Prec.mul }),
  fracGroups: false,
  pow: (b, e, ew) => `${b}${ew ? '.^' : '^'}${e.p >= Prec.pow && e.p !== Prec.neg ? e.s : `(${e.s})`}`,
  transpose: (b, inv) => `${b}^${inv ? '-T' : 'T'}`,
  inv: (b) => `${b}^-1`,
  call: (f, args) => `${f}(${args.join(', ')})`,
  op: (o, a) => `${o}(${a})`,
  sqrt: (a) => `sqrt(${a})`,
};

const LATEX_FUNCTIONS = new Set(['sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'sinh', 'cosh', 'tanh', 'coth', 'exp', 'log', 'arcsin', 'arccos', 'arctan']);
const latexName = (n: string): string => (n.length === 1 ? n : /^[A-Za-z]+$/.test(n) ? `\\mathit{${n}}` : n.replace(/^([A-Za-z]+)(\d+)$/, '$1_{$2}'));

const LATEX: Notation = {
  num: (r) =>
    r.q === 1n
      ? { s: `${r.p}`, p: r.p < 0n ? Prec.neg : Prec.atom }
      : { s: `${r.p < 0n ? '-' : ''}\\frac{${r.p < 0n ? -r.p : r.p}}{${r.q}}`, p: r.p < 0n ? Prec.neg : Prec.atom },
  name: latexName,
  eye: 'I',
  ones: () => '\\mathbf{1}',
  zero: '0',
  paren: (s) => `\\left(${s}\\right)`,
  times: ' ',
  had: ' \\odot ',
  hadDiv: (d) => ` \\oslash ${d}`,
  frac: (num, den) => ({ s: `\\frac{${num}}{${den.s}}`, p: Prec.atom }),
  fracGroups: true,
  pow: (b, e, ew) => `${b}^{${ew ? '\\circ ' : ''}${e.s}}`,
  transpose: (b, inv) => `${b}^{${inv ? '-' : ''}\\top}`,
  inv: (b) => `${b}^{-1}`,
  call: (f, args) =>
    f === 'abs' ? `\\left|${args.join(', ')}\\right|` : `${LATEX_FUNCTIONS.has(f) ? `\\${f}` : `\\operatorname{${f}}`}\\left(${args.join(', ')}\\right)`,
  op: (o, a) =>
    o === 'norm'
      ? `\\left\\lVert ${a} \\right\\rVert`
      : o === 'det'
        ? `\\det\\left(${a}\\right)`
        : o === 'logdet'
          ? `\\log\\left|\\det\\left(${a}\\right)\\right|`
          : `\\operatorname{${o}}\\left(${a}\\right)`,
  sqrt: (a) => `\\sqrt{${a}}`,
};

function printWith(root: MExpr, n: Notation): string {
  const memo = new Map<number, Printed>();
  const wrap = (x: Printed, min: number): string => (x.p < min ? n.paren(x.s) : x.s);
  const get = (e: MExpr): Printed => {
    let m = memo.get(e.id);
    if (!m) {
      m = node(e);
      memo.set(e.id, m);
    }
    return m;
  };
  const isNegPow = (f: MExpr): boolean => f.kind === 'pow' && isScalar(f.base.shape) && f.exp.kind === 'num' && f.exp.value.p < 0n;
  const product = (e: MExpr & { kind: 'mul' }, dropSign: boolean): Printed => {
    let args = e.args;
    let negative = false;
    let coef: string | null = null;
    let den: Printed | null = null;
    const first = args[0]!;
    if (first.kind === 'num') {
      args = args.slice(1);
      const r = first.value;
      negative = r.p < 0n;
      const ap = negative ? -r.p : r.p;
      if (r.q !== 1n) den = { s: `${r.q}`, p: Prec.atom };
      if (ap !== 1n) coef = `${ap}`;
    }
    const nums: string[] = coef ? [coef] : [];
    const dens: Printed[] = den ? [den] : [];
    // One factor over a denominator needs brackets only if it is a sum in text ((a + b)/2), never under \\frac.
    const lone = coef === null && args.filter((f) => !isNegPow(f)).length === 1 && (den !== null || args.some(isNegPow));
    for (const f of args) {
      if (isNegPow(f) && f.kind === 'pow' && f.exp.kind === 'num') {
        const r = { p: -f.exp.value.p, q: f.exp.value.q };
        const base = get(f.base);
        dens.push(
          r.p === 1n && r.q === 1n
            ? base
            : r.p === 1n && r.q === 2n
              ? { s: n.sqrt(base.s), p: Prec.atom }
              : { s: n.pow(wrap(base, Prec.postfix), n.num(r), false), p: Prec.pow },
        );
      } else {
        const g = get(f);
        // A product inside a product is a scalar-valued chain (x^T*y): bracket it.
        const bracket = lone ? !n.fracGroups && g.p < Prec.mul : g.p <= Prec.mul || (f.kind === 'mul' && f.args.length > 1);
        nums.push(bracket ? n.paren(g.s) : g.s);
      }
    }
    const numS = nums.length > 0 ? nums.join(n.times) : '1';
    let body: Printed;
    if (dens.length === 0) body = { s: numS, p: Prec.mul };
    else {
      const d: Printed =
        dens.length === 1 ? dens[0]! : { s: dens.map((x) => wrap(x, Prec.pow)).join(n.times), p: Prec.mul };
      body = n.frac(numS, d);
    }
    if (negative && !dropSign) return { s: `-${body.s}`, p: Prec.neg };
    return body;
  };
  const isNegTerm = (t: MExpr): boolean =>
    (t.kind === 'num' && t.value.p < 0n) || (t.kind === 'mul' && t.args[0]!.kind === 'num' && t.args[0].value.p < 0n);
  const node = (e: MExpr): Printed => {
    switch (e.kind) {
      case 'num':
        return n.num(e.value);
      case 'sym':
      case 'var':
        return { s: n.name(e.name), p: Prec.atom };
      case 'eye':
        return { s: n.eye, p: Prec.atom };
      case 'ones':
        return { s: n.ones(e), p: Prec.atom };
      case 'zero':
        return { s: n.zero, p: Prec.atom };
      case 'add': {
        // A sum of transposes reads as the transpose of the sum: (x - a)^T, not x^T - a^T.
        const isT = (t: MExpr): boolean => t.kind === 'op' && t.op === 'T';
        if (e.args.length > 1 && e.args.every((t) => isT(t) || (t.kind === 'mul' && t.args.length === 2 && t.args[0]!.kind === 'num' && isT(t.args[1]!)))) {
          return { s: n.transpose(wrap(get(transpose(e)), Prec.atom), false), p: Prec.pow };
        }
        // Longer products first (B*x + b), then canonical order (A + A^T); numbers last.
        const degree = (t: MExpr): number => (t.kind === 'num' ? 0 : t.kind === 'mul' ? t.args.filter((a) => a.kind !== 'num').length : 1);
        const terms = [...e.args].sort((a, b) => degree(b) - degree(a));
        const firstPos = terms.findIndex((t) => !isNegTerm(t));
        if (firstPos > 0) terms.unshift(...terms.splice(firstPos, 1));
        let s = '';
        terms.forEach((t, i) => {
          if (isNegTerm(t)) {
            const body = t.kind === 'num' ? n.num({ p: -t.value.p, q: t.value.q }) : product(t as MExpr & { kind: 'mul' }, true);
            const shown = wrap(body, Prec.mul);
            s += i === 0 ? `-${shown}` : ` - ${shown}`;
          } else {
            const body = wrap(get(t), Prec.mul);
            s += i === 0 ? body : ` + ${body}`;
          }
        });
        return { s, p: Prec.add };
      }
      case 'mul':
        return product(e, false);
      case 'had': {
        // Entries with a negative power go under ./ (a ./ b), like scalar fractions.
        const isRecip = (a: MExpr): boolean => a.kind === 'pow' && a.exp.kind === 'num' && a.exp.value.p < 0n;
        const up = e.args.filter((a) => !isRecip(a)).map((a) => wrap(get(a), Prec.pow));
        const down = e.args.filter(isRecip).map((a) => {
          const p = a as MExpr & { kind: 'pow' };
          const r = (p.exp as MExpr & { kind: 'num' }).value;
          const base = get(p.base);
          return r.p === -1n && r.q === 1n ? wrap(base, Prec.pow) : n.pow(wrap(base, Prec.postfix), n.num({ p: -r.p, q: r.q }), true);
        });
        const s = (up.length > 0 ? up.join(n.had) : '1') + down.map((d) => n.hadDiv(d)).join('');
        return { s, p: Prec.mul };
      }
      case 'pow': {
        if (e.exp.kind === 'num' && e.exp.value.p === 1n && e.exp.value.q === 2n) return { s: n.sqrt(get(e.base).s), p: Prec.atom };
        const ew = !isScalar(e.base.shape);
        return { s: n.pow(wrap(get(e.base), Prec.postfix), get(e.exp), ew), p: Prec.pow };
      }
      case 'fn':
        return { s: n.call(e.fn, e.args.map((a) => get(a).s)), p: Prec.atom };
      case 'op': {
        if (e.op === 'T') {
          const inner = e.arg.kind === 'op' && e.arg.op === 'inv' ? e.arg.arg : null;
          const base = get(inner ?? e.arg);
          return { s: n.transpose(wrap(base, Prec.atom), inner !== null), p: Prec.pow };
        }
        if (e.op === 'inv') {
          const base = get(e.arg);
          return base.p >= Prec.atom ? { s: n.inv(base.s), p: Prec.pow } : { s: n.op('inv', base.s), p: Prec.atom };
        }
        return { s: n.op(e.op, get(e.arg).s), p: Prec.atom };
      }
    }
  };
  return get(root).s;
}

/** Text that parses back (with the same shapes) to the same expression. */
export const toTextShaped = (e: MExpr): string => printWith(e, TEXT);
/** LaTeX, products juxtaposed: \left(A + A^{\top}\right) x. */
export const toLatexShaped = (e: MExpr): string => printWith(e, LATEX);
