// The scale cases of issues 3 and 4, as inputs. Each leibniz case has a
// `prepare` (builds the input; not timed), a `run` (timed) and a `describe`
// of the result; math.js cases are lists of (src, wrt) for its `derivative`.

/** sin(sin(...sin(x)...)), `depth` calls. */
export function nestedSin(depth) {
  let s = 'x';
  for (let i = 0; i < depth; i++) s = `sin(${s})`;
  return s;
}

/** End-effector of a planar arm: x = sum_i l_i cos(q_1 + ... + q_i), y likewise with sin. */
export function armSources(links) {
  const angle = (i) => Array.from({ length: i }, (_, k) => `q${k + 1}`).join(' + ');
  const coord = (fn) => Array.from({ length: links }, (_, i) => `l${i + 1}*${fn}(${angle(i + 1)})`).join(' + ');
  return { x: coord('cos'), y: coord('sin'), qs: Array.from({ length: links }, (_, i) => `q${i + 1}`) };
}

/** mulberry32: small, seeded, reproducible. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seeded random sum over x, y, z with at least `target` distinct nodes: terms
 * of products, quotients, powers, sin/cos/exp/log and repeated subterms (work
 * for like-term collection and cancellation). Built with the builders, so it
 * is canonical core like any parsed input.
 */
export function randomSum(L, target, seed) {
  const random = rng(seed);
  const { add, mul, pow, sub, div, call, sym, num } = L.build;
  const leaves = [sym('x'), sym('y'), sym('z')];
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const small = () => num(1 + Math.floor(random() * 9));
  const term = (depth) => {
    if (depth === 0) return random() < 0.75 ? pick(leaves) : small();
    const a = term(depth - 1);
    switch (Math.floor(random() * 10)) {
      case 0:
      case 1:
        return add(a, term(depth - 1));
      case 2:
        return sub(a, term(depth - 1));
      case 3:
      case 4:
        return mul(a, term(depth - 1));
      case 5: {
        const d = add(term(depth - 1), num(2));
        return div(a, d.kind === 'num' ? num(3) : d); // never an exact 0
      }
      case 6:
        return pow(a, num(2 + Math.floor(random() * 2)));
      case 7:
        return call(pick(['sin', 'cos', 'exp']), a);
      case 8:
        return call('log', add(pow(a, num(2)), num(1)));
      default:
        return mul(small(), a);
    }
  };
  // Count distinct nodes incrementally (one shared `seen` set); the final sum
  // may merge like terms, so top up until the sum itself is big enough.
  const seen = new Set();
  const terms = [];
  let goal = target;
  for (;;) {
    while (seen.size < goal) {
      const t = term(5);
      terms.push(t);
      for (const n of L.postorder(t)) seen.add(n.id);
    }
    const sum = add(...terms);
    const size = L.postorder(sum).length;
    if (size >= target) return sum;
    goal += target - size;
  }
}

const nodes = (L, e) => L.postorder(e).length;

/** The leibniz scale cases by name: prepare(L, params) -> input; run(L, input) -> result; describe(L, input, result). */
export const LEIBNIZ_CASES = {
  nestedSin: {
    prepare: (L, { depth }) => L.parse(nestedSin(depth)),
    run: (L, e) => L.derivative(e, 'x'),
    describe: (L, e, d) => `${nodes(L, d)} distinct nodes`,
  },
  simplifyRandom: {
    prepare: (L, { target, seed }) => randomSum(L, target, seed),
    run: (L, e) => L.simplify(e),
    describe: (L, e, s) => `${nodes(L, e)} distinct nodes in, cost ${L.cost(e)} -> ${L.cost(s)}`,
  },
  simplifyExpLog: {
    prepare: (L, { depth }) => {
      let e = L.build.sym('x');
      for (let i = 0; i < depth; i++) e = L.build.call('exp', L.build.call('log', e));
      return e;
    },
    run: (L, e) => L.simplify(e),
    describe: (L, e, s) => `${nodes(L, e)} nodes in, result ${nodes(L, s) > 20 ? `${nodes(L, s)} nodes` : L.toText(s)}`,
  },
  arm: {
    prepare: (L, { links }) => {
      const { x, y, qs } = armSources(links);
      return { fs: [L.parse(x), L.parse(y)], qs };
    },
    run: (L, { fs, qs }) => (L.jacobian ? L.jacobian(fs, qs) : fs.map((f) => qs.map((q) => L.derivative(f, q)))),
    describe: (L, input, J) =>
      `${J.length} x ${J[0].length}, total cost ${J.flat().reduce((s, d) => s + L.cost(d), 0)}${L.jacobian ? '' : ' (via derivative)'}`,
  },
  nth: {
    prepare: (L, { src }) => L.parse(src),
    run: (L, e, { n }) => L.derivative(e, 'x', n),
    describe: (L, e, d) => `= ${nodes(L, d) > 20 ? `${nodes(L, d)} nodes` : L.toText(d)}`,
  },
};
