// Loads the BUILT leibniz library (dist/) for the benchmarks: the modules the
// benchmark calls, found by path so that a missing piece (not built yet) is
// reported instead of crashing the run.
const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;

async function importOptional(path) {
  try {
    return await import(dist(path));
  } catch (e) {
    if (e?.code === 'ERR_MODULE_NOT_FOUND') return null;
    throw e;
  }
}

/**
 * { parse, build, postorder, freeSymbols, cost, toText, derivative, simplify,
 *   jacobian, loadMs }; derivative, simplify and jacobian are null when not
 * built. loadMs is the time to load the derivative and simplifier modules.
 */
export async function loadLeibniz() {
  const parser = await import(dist('parse/parser.js'));
  const build = await import(dist('core/build.js'));
  const traverse = await import(dist('core/traverse.js'));
  const { cost } = await import(dist('simplify/cost.js'));
  const { toText } = await import(dist('print/text.js'));
  const t0 = performance.now();
  const diff = await importOptional('diff/derivative.js');
  const simp = await importOptional('simplify/simplify.js');
  const multi = await importOptional('diff/multivariate.js');
  const loadMs = performance.now() - t0;
  return {
    parse: parser.parse,
    build,
    postorder: traverse.postorder,
    freeSymbols: traverse.freeSymbols,
    cost,
    toText,
    derivative: diff?.derivative ?? null,
    simplify: simp?.simplify ?? null,
    jacobian: multi?.jacobian ?? null,
    loadMs,
  };
}
