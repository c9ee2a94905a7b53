// The one total order on nodes, used to sort the operands of add and mul.
// It groups what belongs together: x before x^2 before y (powers sort by their
// base), and 3*x next to x*y (products sort by their non-numeric factors).
// Sums and calls of one function compare by height first, so sorting the
// factors of a deep chain (d/dx of sin nested n deep) costs O(1) per
// comparison instead of O(depth). Iterative: deep inputs cannot overflow.
import { makeNum, type Expr } from './expr.js';
import { ratCmp, rat } from './rational.js';
import { compareNames } from './traverse.js';

const ONE = makeNum(rat(1n));
const RANK = { num: 0, sym: 1, call: 2, add: 3, pow: 4, mul: 5 } as const;

// A pending comparison: two nodes, a decided sign (0: go on), or the rest of two
// operand lists (compared lazily: identical operands are skipped without a task,
// and nothing past the first difference is queued).
type Task = readonly [Expr, Expr] | number | ListTask;

class ListTask {
  constructor(
    readonly xs: readonly Expr[],
    readonly ys: readonly Expr[],
    public i: number,
    public j: number,
  ) {}
}

const coefOf = (e: Expr): Expr => (e.kind === 'mul' && e.args[0]!.kind === 'num' ? e.args[0]! : ONE);
const factorList = (e: Expr): readonly Expr[] => (e.kind === 'mul' ? e.args : [e]);
const factorsFrom = (e: Expr): number => (e.kind === 'mul' && e.args[0]!.kind === 'num' ? 1 : 0);

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

export function compare(a: Expr, b: Expr): number {
  // The common cases without the work stack.
  if (a === b) return 0;
  if (a.kind === 'sym' && b.kind === 'sym') return compareNames(a.name, b.name);
  if (a.kind === 'num' && b.kind === 'num') return ratCmp(a.value, b.value);
  const stack: Task[] = [[a, b]];
  // Compares xs[i..] with ys[j..] element by element, then by length.
  const pushList = (xs: readonly Expr[], ys: readonly Expr[], i = 0, j = 0): void => {
    stack.push(new ListTask(xs, ys, i, j));
  };
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (typeof t === 'number') {
      if (t !== 0) return t;
      continue;
    }
    if (t instanceof ListTask) {
      const { xs, ys } = t;
      let { i, j } = t;
      while (i < xs.length && j < ys.length && xs[i] === ys[j]) {
        i++;
        j++;
      }
      if (i === xs.length || j === ys.length) {
        const d = sign(xs.length - i - (ys.length - j));
        if (d !== 0) return d;
        continue;
      }
      t.i = i + 1;
      t.j = j + 1;
      stack.push(t, [xs[i]!, ys[j]!]);
      continue;
    }
    const [x, y] = t;
    if (x === y) continue;
    if (x.kind === 'mul' || y.kind === 'mul') {
      stack.push([coefOf(x), coefOf(y)]);
      pushList(factorList(x), factorList(y), factorsFrom(x), factorsFrom(y));
      continue;
    }
    if (x.kind === 'pow' || y.kind === 'pow') {
      stack.push([x.kind === 'pow' ? x.exp : ONE, y.kind === 'pow' ? y.exp : ONE]);
      stack.push([x.kind === 'pow' ? x.base : x, y.kind === 'pow' ? y.base : y]);
      continue;
    }
    if (x.kind !== y.kind) return sign(RANK[x.kind] - RANK[y.kind]);
    switch (x.kind) {
      case 'num':
        return ratCmp(x.value, (y as typeof x).value);
      case 'sym':
        return compareNames(x.name, (y as typeof x).name);
      case 'add':
        if (x.height !== y.height) return sign(x.height - y.height);
        pushList(x.args, (y as typeof x).args);
        break;
      case 'call': {
        const yc = y as typeof x;
        if (x.fn === yc.fn && x.height !== yc.height) return sign(x.height - yc.height);
        pushList(x.args, yc.args);
        stack.push(sign(x.derivs.length - yc.derivs.length) || sign(x.derivs.join().localeCompare(yc.derivs.join())));
        stack.push(compareNames(x.fn, yc.fn));
        break;
      }
    }
  }
  return 0;
}
