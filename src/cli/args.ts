// Argument parsing for one subcommand: `--name value`, `--name=value`, flags,
// comma lists, repeatable options, and `--` to end options. A token that starts
// with a single '-' is an expression (`-x^2`, `-1`), not an option, except -h.
import { UsageError } from './errors.js';

export type OptionKind =
  | 'flag' // --json
  | 'string' // --wrt x (given at most once)
  | 'int' // --order 3
  | 'list' // --vars x,y (commas; may repeat)
  | 'repeat' // --at x=1 --at x=2
  | 'rest'; // --grad A B C: takes every following token that is not an option

export interface OptionSpec {
  readonly name: string; // without the dashes
  readonly kind: OptionKind;
  readonly value?: string; // placeholder in help, such as NAME
  readonly help: string;
  readonly min?: number; // for int
  readonly max?: number; // for int
}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: ReadonlySet<string>;
  readonly strings: ReadonlyMap<string, string>;
  readonly ints: ReadonlyMap<string, number>;
  readonly lists: ReadonlyMap<string, string[]>;
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], command: string): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const positionals: string[] = [];
  const flags = new Set<string>();
  const strings = new Map<string, string>();
  const ints = new Map<string, number>();
  const lists = new Map<string, string[]>();
  const isOption = (tok: string | undefined): boolean =>
    tok !== undefined && tok.startsWith('--') && tok.length > 2 && byName.has(tok.slice(2).split('=', 1)[0]!);

  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!;
    if (tok === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (tok === '-h') {
      flags.add('help');
      continue;
    }
    if (!tok.startsWith('--')) {
      positionals.push(tok);
      continue;
    }
    const eq = tok.indexOf('=');
    const name = eq < 0 ? tok.slice(2) : tok.slice(2, eq);
    const spec = byName.get(name);
    if (!spec) {
      const near = closest(name, [...byName.keys()]).map((n) => `--${n}`);
      throw new UsageError(`unknown option --${name}${near.length > 0 ? `; did you mean ${near.join(' or ')}?` : ''}`, command);
    }
    if (spec.kind === 'flag') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`, command);
      flags.add(name);
      continue;
    }
    if (spec.kind === 'rest') {
      const items = lists.get(name) ?? [];
      if (eq >= 0) items.push(tok.slice(eq + 1));
      while (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) items.push(argv[++i]!);
      if (items.length === 0) throw new UsageError(`--${name} needs at least one ${spec.value ?? 'value'}`, command);
      lists.set(name, items);
      continue;
    }
    let value: string;
    if (eq >= 0) value = tok.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || isOption(next)) throw new UsageError(`--${name} needs a value (${spec.value ?? 'VALUE'})`, command);
      value = next;
      i++;
    }
    switch (spec.kind) {
      case 'string':
        if (strings.has(name)) throw new UsageError(`--${name} is given twice`, command);
        strings.set(name, value);
        break;
      case 'int':
        if (ints.has(name)) throw new UsageError(`--${name} is given twice`, command);
        ints.set(name, parseInteger(value, spec, command));
        break;
      case 'list':
        lists.set(name, [...(lists.get(name) ?? []), ...splitList(value)]);
        break;
      case 'repeat':
        lists.set(name, [...(lists.get(name) ?? []), value]);
        break;
    }
  }
  return { positionals, flags, strings, ints, lists };
}

function parseInteger(value: string, spec: OptionSpec, command: string): number {
  const v = value.trim();
  if (!/^[+-]?\d+$/.test(v)) throw new UsageError(`--${spec.name} needs a whole number, not '${value}'`, command);
  const n = Number(v);
  const min = spec.min ?? -Infinity;
  const max = spec.max ?? Infinity;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Infinity ? `at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`--${spec.name} must be ${range}, not ${value}`, command);
  }
  return n;
}

/** `x,y, z` -> [x, y, z]; spaces also separate, empty items are dropped. */
export const splitList = (s: string): string[] => s.split(/[,\s]+/).filter((x) => x !== '');

/** The nearest names within edit distance 2, for "did you mean" (ties all listed). */
export function closest(word: string, names: readonly string[]): string[] {
  const scored = names.map((n) => [n, editDistance(word.toLowerCase(), n)] as const).filter(([, d]) => d <= 2);
  const best = Math.min(...scored.map(([, d]) => d));
  return scored.filter(([, d]) => d === best).map(([n]) => n);
}

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
