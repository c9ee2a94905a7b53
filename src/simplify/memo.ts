// Bottom-up folds for the simplifier's analyses (cost, signs, features,
// groundness): like core/traverse.ts `fold`, but a node already in the memo is
// not entered, so folding a new node over an analysed graph costs only the new
// nodes (walking a rewrite's output must not re-walk what it shares).
import type { Expr } from '../core/expr.js';
import { children } from '../core/traverse.js';

export function memoFold<T>(root: Expr, f: (e: Expr, kids: T[]) => T, memo: Map<number, T>): T {
  const done = memo.get(root.id);
  if (done !== undefined) return done;
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const n = stack[stack.length - 1]!;
    if (memo.has(n.id)) {
      stack.pop();
      continue;
    }
    const kids = children(n);
    let ready = true;
    for (let i = kids.length - 1; i >= 0; i--) {
      if (!memo.has(kids[i]!.id)) {
        stack.push(kids[i]!);
        ready = false;
      }
    }
    if (!ready) continue;
    stack.pop();
    memo.set(
      n.id,
      f(
        n,
        kids.map((k) => memo.get(k.id)!),
      ),
    );
  }
  return memo.get(root.id)!;
}
