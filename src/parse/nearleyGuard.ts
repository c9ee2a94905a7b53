// nearley keeps each Earley column's states in plain objects keyed by the
// grammar's rule names (`wants`, `completed`), so a key someone added to
// Object.prototype under a rule's name ('expr', 'main') would be read as
// states. The generated parser and nearley are not ours to edit: instead the
// columns of OUR grammars get null-prototype tables before nearley first
// reads them (Column.prototype.process is the first read of every column).
// Other grammars in the same process are left exactly as they were.
import nearley from 'nearley';

interface Column {
  grammar: nearley.Grammar;
  wants: Record<string, unknown>;
  completed: Record<string, unknown>;
  process(next?: unknown): void;
}

const ours = new WeakSet<nearley.Grammar>();

// nearley calls completed.hasOwnProperty(name): the one inherited key the tables keep.
const TABLE = Object.freeze(
  Object.assign(Object.create(null) as object, {
    hasOwnProperty(this: object, k: string): boolean {
      return Object.hasOwn(this, k);
    },
  }),
);

function ownTable(t: Record<string, unknown>): Record<string, unknown> {
  if (Object.getPrototypeOf(t) === TABLE) return t;
  const out = Object.create(TABLE) as Record<string, unknown>;
  for (const k of Object.keys(t)) out[k] = t[k];
  return out;
}

let patched = false;

/** Makes nearley's columns of these grammars read own keys only. Call at module load, before any parse. */
export function guardGrammars(grammars: readonly nearley.Grammar[]): void {
  for (const g of grammars) ours.add(g);
  if (patched) return;
  patched = true;
  // The Column class is nearley's internal; a parser's first column exposes it.
  const probe = new nearley.Parser(grammars[0]!) as unknown as { table: Column[] };
  const proto = Object.getPrototypeOf(probe.table[0]) as Column;
  const process = proto.process;
  proto.process = function (this: Column, next?: unknown): void {
    if (ours.has(this.grammar)) {
      this.wants = ownTable(this.wants);
      this.completed = ownTable(this.completed);
    }
    process.call(this, next);
  };
}
