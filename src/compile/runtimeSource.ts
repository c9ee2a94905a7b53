// The runtime helpers (src/eval/runtime.ts and what it imports) as plain
// JavaScript text defining `L`, so a generated module can carry its own copy of
// the very functions evaluate uses instead of importing leibniz. The text is
// read from the compiled modules next to this one (dist/eval/*.js); when running
// from the TypeScript sources (tests), they are transpiled with typescript.
// Each module becomes a function scope returning its exports: a tiny bundler
// for the import/export forms tsc emits.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const EVAL_DIR = new URL('../eval/', import.meta.url);

function moduleText(name: string): string {
  const js = new URL(`${name}.js`, EVAL_DIR);
  if (existsSync(js)) return readFileSync(js, 'utf8');
  const ts = new URL(`${name}.ts`, EVAL_DIR);
  const typescript = createRequire(import.meta.url)('typescript') as {
    transpileModule(src: string, o: { compilerOptions: Record<string, unknown> }): { outputText: string };
    ScriptTarget: Record<string, number>;
    ModuleKind: Record<string, number>;
  };
  return typescript.transpileModule(readFileSync(ts, 'utf8'), {
    compilerOptions: { target: typescript.ScriptTarget.ES2022, module: typescript.ModuleKind.ESNext },
  }).outputText;
}

const scopeName = (name: string): string => `__leibniz_${name.replace(/\W/g, '_')}`;

/** Bundles module `name` and its relative imports into `out` (dependencies first). */
function addModule(name: string, out: Map<string, string>, visiting: Set<string>): void {
  if (out.has(name)) return;
  if (visiting.has(name)) throw new Error(`internal: import cycle through eval/${name}`);
  visiting.add(name);
  let text = moduleText(name);
  const exported = new Map<string, string>(); // exported name -> local name
  text = text.replace(/^import\s+([^;]*?)\s+from\s+['"]([^'"]+)['"];?[ \t]*$/gm, (_, what: string, from: string) => {
    const m = /^\.\/([\w-]+)\.js$/.exec(from);
    if (!m) throw new Error(`internal: the runtime imports '${from}'; it must only import its own eval/ modules`);
    addModule(m[1]!, out, visiting);
    const ns = /^\*\s+as\s+([\w$]+)$/.exec(what.trim());
    if (ns) return `const ${ns[1]} = ${scopeName(m[1]!)};`;
    const names = /^\{([^}]*)\}$/.exec(what.trim());
    if (!names) throw new Error(`internal: unsupported import in eval/${name}: ${what}`);
    const binds = names[1]!
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map((s) => s.replace(/\s+as\s+/, ': '));
    return `const { ${binds.join(', ')} } = ${scopeName(m[1]!)};`;
  });
  text = text.replace(/^export\s+((?:async\s+)?function\*?|const|let|var|class)\s+([\w$]+)/gm, (_, kw: string, id: string) => {
    exported.set(id, id);
    return `${kw} ${id}`;
  });
  text = text.replace(/^export\s*\{([^}]*)\};?[ \t]*$/gm, (_, list: string) => {
    for (const item of list.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
      const [local, as] = item.split(/\s+as\s+/);
      exported.set((as ?? local)!, local!);
    }
    return '';
  });
  // tsc writes top-level statements at column 0 (comment lines start with // or *)
  if (/^(import|export)\b/m.test(text)) throw new Error(`internal: unsupported module syntax left in eval/${name}`);
  const ret = [...exported].map(([as, local]) => `${as}: ${local}`).join(', ');
  out.set(name, `const ${scopeName(name)} = (() => {\n${text.trim()}\nreturn { ${ret} };\n})();\n`);
  visiting.delete(name);
}

let cached: string | undefined;

/** JavaScript text that defines `const L`, the runtime object, with no imports. */
export function runtimeSource(): string {
  if (cached === undefined) {
    const out = new Map<string, string>();
    addModule('runtime', out, new Set());
    cached = `${[...out.values()].join('\n')}const L = ${scopeName('runtime')}.runtime;\n`;
  }
  return cached;
}
