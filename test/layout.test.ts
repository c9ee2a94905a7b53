// Facts about the source layout that keep the package honest: fast-check is an
// optional peer dependency, so only the testing kit (src/testing/, exported as
// leibniz/testing) may import it; the main entry point must load without it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));

describe('source layout', () => {
  it('imports fast-check only in src/testing/', () => {
    const importers = files(SRC)
      .filter((f) => /from ['"]fast-check['"]/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(importers.length).toBeGreaterThan(0);
    for (const f of importers) expect(f, f).toMatch(/^testing\//);
  });
});
