// The benchmark corpus: realistic formulas and the variables to differentiate
// them by (each partial derivative is one benchmark item). Every `src` is
// written so that leibniz AND math.js read it the same way: explicit `*`,
// `^` for powers, `log` natural in both, no variable named like a math.js
// constant (e, i, pi, phi, tau ...). Entries math.js cannot differentiate
// (erf) carry `mathjs: false` with the reason and are left out of the ratios.
//
// `at` gives the sampling box of each variable for the numerical agreement
// check (default [0.5, 1.5]); it keeps every point inside the formula's domain.
//
// Plain data, no imports: the corpus test reads it straight from source.

/** @typedef {{ name: string, group: string, src: string, wrt: string[], at?: Record<string, [number, number]>, mathjs?: false, why?: string }} CorpusEntry */

/** @type {CorpusEntry[]} */
export const CORPUS = [
  // The seed notebook's exercises (Mathematics for Machine Learning, ch. 5).
  { name: 'seed 5.1', group: 'seed', src: 'log(x^4)*sin(x^3)', wrt: ['x'] },
  { name: 'seed 5.2 sigmoid', group: 'seed', src: '1/(1 + exp(-x))', wrt: ['x'] },
  {
    name: 'seed 5.3 Gaussian',
    group: 'seed',
    src: 'exp(-(x - mu)^2/(2*sigma^2))',
    wrt: ['x', 'mu', 'sigma'],
  },
  { name: 'seed 5.5 f1', group: 'seed', src: 'sin(x1)*cos(x2)', wrt: ['x1', 'x2'] },
  { name: 'seed op-graph', group: 'seed', src: 'exp(exp(x) + exp(x)^2) + sin(exp(x) + exp(x)^2)', wrt: ['x'], at: { x: [-0.5, 0.5] } },

  // Textbook calculus.
  { name: 'power and reciprocal', group: 'textbook', src: 'x^2 - 4/x^2', wrt: ['x'] },
  { name: 'polar angle', group: 'textbook', src: 'atan(y/x)', wrt: ['x', 'y'] },
  { name: 'x^x', group: 'textbook', src: 'x^x', wrt: ['x'] },
  { name: 'tangent', group: 'textbook', src: 'tan(x)', wrt: ['x'] },
  { name: 'upper half circle', group: 'textbook', src: 'sqrt(1 - x^2)', wrt: ['x'], at: { x: [-0.9, 0.9] } },
  { name: 'x log x', group: 'textbook', src: 'x*log(x)', wrt: ['x'] },
  { name: 'rational quotient', group: 'textbook', src: '(x^2 + 1)/(x - 1)', wrt: ['x'], at: { x: [1.5, 3] } },
  { name: 'sinc', group: 'textbook', src: 'sin(x)/x', wrt: ['x'] },
  { name: 'exp times cos', group: 'textbook', src: 'exp(x)*cos(x)', wrt: ['x'] },
  { name: 'power of a polynomial', group: 'textbook', src: '(3*x^2 - 2*x + 5)^4', wrt: ['x'] },
  { name: 'log of sine', group: 'textbook', src: 'log(sin(x))', wrt: ['x'], at: { x: [0.3, 1.4] } },
  { name: 'x arcsin x', group: 'textbook', src: 'x*asin(x)', wrt: ['x'], at: { x: [-0.9, 0.9] } },
  { name: 'Euclidean norm', group: 'textbook', src: 'sqrt(x^2 + y^2)', wrt: ['x', 'y'] },
  { name: 'product of trig', group: 'textbook', src: 'sin(2*x)*cos(3*x)', wrt: ['x'] },
  { name: 'fractional power', group: 'textbook', src: 'x^(2/3)*(5 - x)', wrt: ['x'] },
  { name: 'log of a quotient', group: 'textbook', src: 'log((1 + x)/(1 - x))', wrt: ['x'], at: { x: [-0.8, 0.8] } },
  { name: 'x 2^x', group: 'textbook', src: 'x*2^x', wrt: ['x'] },
  { name: 'log(x^2 + 1)', group: 'textbook', src: 'log(x^2 + 1)', wrt: ['x'] },
  { name: 'exp of sine', group: 'textbook', src: 'exp(sin(x))', wrt: ['x'] },
  { name: 'inverse hyperbolic cotangent', group: 'textbook', src: 'acoth(x)', wrt: ['x'], at: { x: [1.2, 3] } },
  { name: 'x/sqrt(x^2 + 1)', group: 'textbook', src: 'x/sqrt(x^2 + 1)', wrt: ['x'] },
  { name: 'secant squared', group: 'textbook', src: 'sec(x)^2', wrt: ['x'], at: { x: [-1.2, 1.2] } },

  // Machine learning: activations and losses.
  { name: 'softplus', group: 'ml', src: 'log(1 + exp(x))', wrt: ['x'], at: { x: [-3, 3] } },
  { name: 'tanh', group: 'ml', src: 'tanh(x)', wrt: ['x'], at: { x: [-2, 2] } },
  {
    name: 'GELU (erf)',
    group: 'ml',
    src: 'x/2*(1 + erf(x/sqrt(2)))',
    wrt: ['x'],
    at: { x: [-2, 2] },
    mathjs: false,
    why: 'math.js derivative does not support erf',
  },
  {
    name: 'GELU (tanh approximation)',
    group: 'ml',
    src: '0.5*x*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x^3)))',
    wrt: ['x'],
    at: { x: [-2, 2] },
  },
  { name: 'swish', group: 'ml', src: 'x/(1 + exp(-x))', wrt: ['x'], at: { x: [-3, 3] } },
  { name: 'mish', group: 'ml', src: 'x*tanh(log(1 + exp(x)))', wrt: ['x'], at: { x: [-2, 2] } },
  { name: 'log-cosh loss', group: 'ml', src: 'log(cosh(p - t))', wrt: ['p'], at: { p: [-2, 2], t: [-2, 2] } },
  {
    name: 'binary cross-entropy',
    group: 'ml',
    src: '-(t*log(p) + (1 - t)*log(1 - p))',
    wrt: ['p'],
    at: { p: [0.1, 0.9], t: [0, 1] },
  },
  {
    name: 'cross-entropy on a logit',
    group: 'ml',
    src: '-(t*log(1/(1 + exp(-z))) + (1 - t)*log(1 - 1/(1 + exp(-z))))',
    wrt: ['z'],
    at: { z: [-3, 3], t: [0, 1] },
  },
  {
    name: 'pseudo-Huber loss',
    group: 'ml',
    src: 'delta^2*(sqrt(1 + ((p - t)/delta)^2) - 1)',
    wrt: ['p', 'delta'],
    at: { p: [-2, 2], t: [-2, 2], delta: [0.5, 2] },
  },
  {
    name: 'softmax, 2 inputs',
    group: 'ml',
    src: 'exp(z1)/(exp(z1) + exp(z2))',
    wrt: ['z1', 'z2'],
    at: { z1: [-2, 2], z2: [-2, 2] },
  },
  {
    name: 'softmax, 3 inputs',
    group: 'ml',
    src: 'exp(z1)/(exp(z1) + exp(z2) + exp(z3))',
    wrt: ['z1', 'z2'],
    at: { z1: [-2, 2], z2: [-2, 2], z3: [-2, 2] },
  },
  {
    name: 'log-softmax, 3 inputs',
    group: 'ml',
    src: 'z1 - log(exp(z1) + exp(z2) + exp(z3))',
    wrt: ['z1'],
    at: { z1: [-2, 2], z2: [-2, 2], z3: [-2, 2] },
  },
  {
    name: 'L2-regularised squared error',
    group: 'ml',
    src: '(w*x + b - y)^2 + lambda*w^2',
    wrt: ['w', 'b'],
  },
  {
    name: 'logistic regression loss',
    group: 'ml',
    src: 'log(1 + exp(-y*(w*x + b)))',
    wrt: ['w', 'b'],
    at: { y: [-1, 1], w: [-1, 1], x: [-2, 2], b: [-1, 1] },
  },
  {
    name: 'mean squared error, 2 samples',
    group: 'ml',
    src: '((w*x1 + b - y1)^2 + (w*x2 + b - y2)^2)/2',
    wrt: ['w'],
  },

  // Physics.
  {
    name: 'pendulum energy',
    group: 'physics',
    src: 'm*l^2*omega^2/2 + m*g*l*(1 - cos(theta))',
    wrt: ['theta', 'omega', 'l'],
  },
  {
    name: 'Lennard-Jones potential',
    group: 'physics',
    src: '4*epsilon*((sigma/r)^12 - (sigma/r)^6)',
    wrt: ['r', 'sigma'],
    at: { epsilon: [0.5, 1.5], sigma: [0.8, 1.2], r: [0.9, 2] },
  },
  {
    name: 'gravitational potential',
    group: 'physics',
    src: '-G*M*m/sqrt(x^2 + y^2 + z^2)',
    wrt: ['x'],
  },
  { name: 'Lorentz factor', group: 'physics', src: '1/sqrt(1 - v^2/c^2)', wrt: ['v'], at: { v: [0.1, 0.9], c: [1, 1.5] } },
  {
    name: 'relativistic kinetic energy',
    group: 'physics',
    src: 'm*c^2*(1/sqrt(1 - v^2/c^2) - 1)',
    wrt: ['v'],
    at: { m: [0.5, 1.5], v: [0.1, 0.9], c: [1, 1.5] },
  },
  { name: 'projectile range', group: 'physics', src: 'v^2*sin(2*theta)/g', wrt: ['theta', 'v'] },
  {
    name: 'damped oscillator',
    group: 'physics',
    src: 'A*exp(-b*t)*cos(omega*t + phi0)',
    wrt: ['t'],
  },
  {
    name: "Planck's law",
    group: 'physics',
    src: '2*h*nu^3/c^2/(exp(h*nu/(k*T)) - 1)',
    wrt: ['nu', 'T'],
  },
  {
    name: 'spring potential, 2-D',
    group: 'physics',
    src: 'k*(sqrt(x^2 + y^2) - L)^2/2',
    wrt: ['x'],
  },

  // Finance and economics.
  {
    name: 'Black-Scholes d1',
    group: 'finance',
    src: '(log(S/K) + (r + sigma^2/2)*T)/(sigma*sqrt(T))',
    wrt: ['S', 'sigma', 'T'],
  },
  {
    name: 'normal CDF (erf)',
    group: 'finance',
    src: '(1 + erf((x - mu)/(sigma*sqrt(2))))/2',
    wrt: ['x'],
    mathjs: false,
    why: 'math.js derivative does not support erf',
  },
  { name: 'compound interest', group: 'finance', src: 'P*(1 + r/n)^(n*t)', wrt: ['r', 't'], at: { P: [0.5, 2], r: [0.01, 0.2], n: [1, 12], t: [1, 10] } },
  { name: 'log return', group: 'finance', src: 'log(p1/p0)', wrt: ['p1', 'p0'] },
  {
    name: 'CES utility',
    group: 'finance',
    src: '(a*x^rho + (1 - a)*y^rho)^(1/rho)',
    wrt: ['x', 'rho'],
    at: { a: [0.2, 0.8], x: [0.5, 2], y: [0.5, 2], rho: [0.2, 0.9] },
  },
  {
    name: 'Cobb-Douglas production',
    group: 'finance',
    src: 'A*K^alpha*L^(1 - alpha)',
    wrt: ['K', 'alpha'],
    at: { A: [0.5, 2], K: [0.5, 2], L: [0.5, 2], alpha: [0.2, 0.8] },
  },
  {
    name: 'annuity present value',
    group: 'finance',
    src: 'C*(1 - (1 + r)^(-n))/r',
    wrt: ['r'],
    at: { C: [0.5, 2], r: [0.01, 0.2], n: [1, 30] },
  },
  {
    name: 'CRRA utility',
    group: 'finance',
    src: '(c^(1 - eta) - 1)/(1 - eta)',
    wrt: ['c', 'eta'],
    at: { c: [0.5, 2], eta: [1.5, 3] },
  },
  {
    name: 'three-year bond price',
    group: 'finance',
    src: 'C/(1 + y) + C/(1 + y)^2 + (C + F)/(1 + y)^3',
    wrt: ['y'],
    at: { C: [0.5, 2], F: [50, 150], y: [0.01, 0.2] },
  },
  {
    name: 'binary entropy in bits',
    group: 'ml',
    src: '-(p*log(p, 2) + (1 - p)*log(1 - p, 2))',
    wrt: ['p'],
    at: { p: [0.1, 0.9] },
  },
];

/** One benchmark item per (entry, variable). */
export const ITEMS = CORPUS.flatMap((entry) => entry.wrt.map((wrt) => ({ entry, wrt, key: `${entry.name} d/d${wrt}` })));
