// Warnings for function names that other libraries use but leibniz does not
// know (math.js's add, pow, ...): leibniz reads them as undefined functions,
// which is rarely what the user meant, so the command line says so on stderr.
// A scan of the raw text (no parse): this module is loaded on every start.

/** name -> how leibniz writes it. */
const LOOKALIKES: ReadonlyMap<string, string> = new Map([
  ['add', 'a + b'],
  ['sum', 'a + b'],
  ['sub', 'a - b'],
  ['subtract', 'a - b'],
  ['mul', 'a*b'],
  ['multiply', 'a*b'],
  ['prod', 'a*b'],
  ['div', 'a/b'],
  ['divide', 'a/b'],
  ['neg', '-a'],
  ['negate', '-a'],
  ['unaryMinus', '-a'],
  ['pow', 'a^b'],
  ['power', 'a^b'],
  ['square', 'a^2'],
  ['cube', 'a^3'],
  ['inv', '1/a'],
  ['reciprocal', '1/a'],
  ['exp2', '2^a'],
  ['hypot', 'sqrt(a^2 + b^2)'],
  ['fabs', 'abs(a) or |a|'],
  ['sgn', 'sign(a)'],
  ['arg', 'atan2(y, x)'],
]);

const CALL = /(?<![\p{L}\p{N}_'])(\p{L}[\p{L}\p{N}_]*)\s*\(/gu;

/** One warning per lookalike name called in any of the texts; `known` names are functions here (sum, inv with --shape). */
export function lookalikeWarnings(texts: readonly string[], known: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const t of texts) {
    for (const m of t.matchAll(CALL)) {
      const name = m[1]!;
      const spelling = LOOKALIKES.get(name);
      if (spelling === undefined || known.has(name)) continue;
      const w = `'${name}' is not a leibniz function: ${name}(...) is read as an undefined function; write ${spelling}`;
      if (!out.includes(w)) out.push(w);
    }
  }
  return out;
}
