// Build step (`npm run build` runs it after tsc): parses the built-in formulas
// once and writes dist/parse/builtin-cache.json (see src/parse/cache.ts).
import { writeFileSync } from 'node:fs';
import { tableFormulas } from './diff/table.js';
import { buildCache, CACHE_FILE } from './parse/cache.js';
import { RULE_GROUPS } from './simplify/rules/index.js';

const target = new URL(`./parse/${CACHE_FILE}`, import.meta.url);
writeFileSync(target, buildCache(tableFormulas(), RULE_GROUPS.flatMap((g) => g.rules)));
