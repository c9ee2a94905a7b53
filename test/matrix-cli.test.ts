// --shape on the command line (in process, through main()) and shaped checks.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { parse, verifyDerivative } from '../src/index.js';

async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const stdin = new PassThrough();
  stdin.end();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const status = await main(args, { stdout: out, stderr: err, stdin: Object.assign(stdin, { isTTY: true }), env: {} });
  return { status, stdout, stderr };
}

describe('--shape', () => {
  it('diff prints the result in matrix notation with its layout', async () => {
    const r = await run(['diff', 'x^T*A*x', '--shape', 'x=n', '--shape', 'A=n,n', '--wrt', 'x']);
    expect(r.stdout).toBe("d/dx = (A + A^T)*x\n  shape: gradient, the variable's shape: n\n");
    expect(r.status).toBe(0);
  });
  it('--latex and --json carry the shape', async () => {
    expect((await run(['diff', 'x^T*A*x', '--shape', 'x=n', '--shape', 'A=n,n', '--wrt', 'x', '--latex'])).stdout).toMatch(/^\\left\(A \+ A\^\{\\top\}\\right\) x\n/);
    const j = JSON.parse((await run(['grad', 'norm(A*x - b)^2', '--shape', 'x=n', '--shape', 'A=m,n', '--shape', 'b=m', '--vars', 'x', '--json'])).stdout);
    expect(j.result.text).toBe('2*A^T*(A*x - b)');
    expect(j.shape).toEqual(['n']);
  });
  it('jacobian, hessian and the tensor of 5.5', async () => {
    expect((await run(['jacobian', 'x^T*y', '--shape', 'x=n', '--shape', 'y=n', '--vars', 'x'])).stdout).toMatch(/^d\/dx = y\^T\n.*1 x n/);
    expect((await run(['jacobian', 'tanh(W*x + b)', '--shape', 'x=n', '--shape', 'W=m,n', '--shape', 'b=m', '--vars', 'x'])).stdout).toMatch(/m x n/);
    expect((await run(['hessian', 'x^T*A*x', '--shape', 'x=n', '--shape', 'A=n,n', '--vars', 'x'])).stdout).toMatch(/A \+ A\^T/);
    const t = await run(['diff', 'x*x^T', '--shape', 'x=n']);
    expect(t.stdout).toMatch(/entry \(i, j, k\) = delta\(i,k\)\*x_j \+ x_i\*delta\(j,k\)/);
    expect(t.stdout).toMatch(/n x n x n/);
  });
  it('a shape mismatch is a parse error at the operator; a bad --shape a usage error', async () => {
    const r = await run(['diff', 'A*x', '--shape', 'A=m,n', '--shape', 'x=m']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/matrix m x n times vector of length m/);
    expect((await run(['diff', 'x', '--shape', 'x=n,m,k'])).stderr).toMatch(/one dimension \(a vector\) or two/);
    expect((await run(['diff', 'x^T*y'])).stderr).toMatch(/--shape x=n/);
  });
  it('check reports 2*A*x for x^T A x wrong, with the entry, and (A + A^T)*x right', async () => {
    const bad = await run(['check', 'x^T*A*x', '--shape', 'x=n', '--shape', 'A=n,n', '--vars', 'x', '--grad', '2*A*x']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^WRONG: .*entry \(\d\) is/);
    const good = await run(['verify', 'x^T*A*x', '--shape', 'x=n', '--shape', 'A=n,n', '--wrt', 'x', '--claimed', '(A + A^T)*x']);
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/^CORRECT/);
  });
});

describe('verifyDerivative with shapes', () => {
  const S = { x: ['n'], A: ['n', 'n'], B: ['m', 'n'], y: ['m'] };
  const P = (s: string) => parse(s, { shapes: S });
  it('finds the entry where a symmetric-only rule fails', () => {
    const v = verifyDerivative(P('2*A*x'), P('x^T*A*x'), 'x');
    expect(v.verdict).toBe('wrong');
    expect(v.counterexample!.entry.length).toBe(1);
    expect(Math.abs(v.counterexample!.claimed - v.counterexample!.actual)).toBeGreaterThan(1e-3);
  });
  it('accepts right answers and rejects a transposed Jacobian (m != n)', () => {
    expect(verifyDerivative(P('(A + A^T)*x'), P('x^T*A*x'), 'x').verdict).toBe('correct');
    expect(verifyDerivative(P('2*B^T*(B*x - y)'), P('norm(B*x - y)^2'), 'x').verdict).toBe('correct');
    expect(verifyDerivative(P('B'), P('B*x'), 'x').verdict).toBe('correct');
    const t = verifyDerivative(P('B^T'), P('B*x'), 'x');
    expect(t.verdict).toBe('wrong');
    expect(t.reason).toMatch(/matrix n x m, but d\/dx is a matrix m x n/);
  });
  it('a claim of the same shape but wrong values is caught by entry', () => {
    const v = verifyDerivative(P('B*x - y'), P('norm(B*x - y)^2'), 'y');
    expect(v.verdict).toBe('wrong');
  });
});

describe('compiled shaped modules on the command line', () => {
  // The module imports shapedRuntime from 'leibniz'; here it is pointed at the source, so the test runs what it prints.
  async function load(source: string): Promise<Record<string, (scope: object) => unknown>> {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const dir = mkdtempSync(join(process.cwd(), 'test', '.tmp-module-'));
    try {
      const runtime = pathToFileURL(join(process.cwd(), 'src', 'matrix', 'compile.ts')).href;
      const file = join(dir, 'm.mjs');
      writeFileSync(file, source.replace("from 'leibniz'", `from ${JSON.stringify(runtime)}`));
      return (await import(pathToFileURL(file).href)) as Record<string, (scope: object) => unknown>;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const A = [[1, 2, 0.5], [3, -4, 2]]; // 2 x 3: m != n, not symmetric
  const x = [0.3, -1.2, 2];
  const b = [1, -2];

  it('compile --shape --grad exports f and grad, which agree with evaluate', async () => {
    const r = await run(['compile', 'norm(A*x - b)^2', '--shape', 'x=n', '--shape', 'A=m,n', '--shape', 'b=m', '--vars', 'x', '--grad']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\/\/ leibniz compile --shape: f\(scope\), grad\(scope\)\n/);
    expect(r.stdout).toMatch(/\/\/ grad: d\/dx = 2\*A\^T\*\(A\*x - b\)/);
    const m = await load(r.stdout);
    const res = A.map((row, i) => row.reduce((s, a, j) => s + a * x[j]!, 0) - b[i]!);
    expect(m.f!({ A, x, b })).toBeCloseTo(res.reduce((s, v) => s + v * v, 0), 12);
    const g = x.map((_, j) => 2 * A.reduce((s, row, i) => s + row[j]! * res[i]!, 0));
    (m.grad!({ A, x: Float64Array.from(x), b }) as number[]).forEach((v, j) => expect(v).toBeCloseTo(g[j]!, 12));
  });

  it('--hessian exports hess; x^T*A*x gives A + A^T, not 2*A', async () => {
    const r = await run(['compile', 'x^T*A*x', '--shape', 'x=n', '--shape', 'A=n,n', '--vars', 'x', '--hessian']);
    const m = await load(r.stdout);
    const S = [[1, 2], [3, 4]];
    expect(m.hess!({ A: S, x: [1, -1] })).toEqual([[2, 5], [5, 8]]);
    expect(m.f!({ A: S, x: [1, -1] })).toBe(0);
  });

  it('--js prints a module for a shaped result; a tensor result and --array are usage errors', async () => {
    const r = await run(['diff', 'tanh(W*x + b)', '--shape', 'x=n', '--shape', 'W=m,n', '--shape', 'b=m', '--wrt', 'b', '--js']);
    expect(r.status).toBe(0);
    const m = await load(r.stdout);
    const J = m.f!({ W: A, x, b }) as number[][];
    const u = A.map((row, i) => Math.tanh(row.reduce((s, a, j) => s + a * x[j]!, 0) + b[i]!));
    expect(J).toHaveLength(2);
    J.forEach((row, i) => row.forEach((v, k) => expect(v).toBeCloseTo(i === k ? 1 - u[i]! ** 2 : 0, 12)));
    const t = await run(['diff', 'x*x^T', '--shape', 'x=n', '--js']);
    expect(t.status).toBe(2);
    expect(t.stderr).toMatch(/tensor \(shape n x n x n.*no --js form yet/);
    expect((await run(['compile', 'x^T*x', '--shape', 'x=n', '--array'])).stderr).toMatch(/--array is for scalar variables/);
  });

  it('a module reports a wrong size in the scope as an error, not a wrong number', async () => {
    const m = await load((await run(['compile', 'x^T*y', '--shape', 'x=n', '--shape', 'y=n'])).stdout);
    expect(m.f!({ x: [1, 2], y: [3, 4] })).toBe(11);
    expect(() => m.f!({ x: [1, 2], y: [3, 4, 5] })).toThrow(/dimension n is 2 elsewhere, but y gives it 3/);
  });
});

describe('--shape A=n,n,symmetric', () => {
  it('gives 2*A*x, and verify accepts the claim 2*A*x only for a symmetric A', async () => {
    expect((await run(['diff', 'x^T*A*x', '--shape', 'x=n', '--shape', 'A=n,n,symmetric', '--wrt', 'x'])).stdout).toMatch(/^d\/dx = 2\*A\*x\n/);
    expect((await run(['verify', 'x^T*A*x', '--claimed', '2*A*x', '--shape', 'x=n', '--shape', 'A=n,n,symmetric', '--wrt', 'x'])).status).toBe(0);
    expect((await run(['verify', 'x^T*A*x', '--claimed', '2*A*x', '--shape', 'x=n', '--shape', 'A=n,n', '--wrt', 'x'])).status).toBe(1);
  });
  it('a non-square symmetric shape and d/dA of a symmetric A are usage errors that say why', async () => {
    const r = await run(['diff', 'x^T*A*x', '--shape', 'x=n', '--shape', 'A=m,n,symmetric', '--wrt', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/a symmetric matrix is square/);
    const d = await run(['diff', 'x^T*A*x', '--shape', 'x=n', '--shape', 'A=n,n,symmetric', '--wrt', 'A']);
    expect(d.status).toBe(2);
    expect(d.stderr).toMatch(/not independent/);
  });
});

describe('taylor --shape', () => {
  it('prints the quadratic model in a vector, the linearisation of a vector function, and entrywise series in a scalar', async () => {
    const q = await run(['taylor', 'x^T*A*x + b^T*x', '--shape', 'x=n', '--shape', 'A=n,n', '--shape', 'b=n', '--wrt', 'x', '--order', '2']);
    expect(q.stdout).toBe('b^T*x + x^T*(A + A^T)*x/2\n  shape: Taylor polynomial of order 2 in x about 0: scalar\n');
    expect(q.status).toBe(0);
    const lin = await run(['taylor', 'tanh(W*x)', '--shape', 'W=m,n', '--shape', 'x=n', '--wrt', 'x', '--at', 'a', '--order', '1']);
    expect(lin.stdout).toMatch(/^diag\(1 - tanh\(W\*a\)\.\^2\)\*W\*\(x - a\) \+ tanh\(W\*a\)\n/);
    const s = await run(['taylor', 'exp(t*x)', '--shape', 'x=3', '--wrt', 't', '--order', '2']);
    expect(s.stdout).toMatch(/^t\^2\*\(x \.\* x\)\/2 \+ t\*x \+ ones\(3\)\n/);
  });
  it('order 3 in a vector is refused with the reason (it is a tensor), exit 2', async () => {
    const r = await run(['taylor', 'x^T*x', '--shape', 'x=n', '--order', '3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/order 2 \(the Hessian\); order 3 and up are tensors/);
  });
});
