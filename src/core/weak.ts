// Weak intern tables: a table holds its nodes through WeakRefs, so a node
// nobody else holds is collected, and the table's dead entries are swept out
// now and then. Sweeps are amortised, never per node (a FinalizationRegistry
// entry per node cost 7-17% of the corpus bench): a table is swept once it has
// had twice as many inserts as it had entries at its last sweep (so sweeping
// costs O(1) per insert), and after every full garbage collection (one
// registry entry per collection, on a throwaway object, tells us one happened;
// the collection itself visited every entry, so the sweep costs less than it
// did). Until the current task ends, a WeakRef's target stays alive (the
// language's rule), so a single long synchronous loop frees its nodes when it
// returns, not before.

const tables: SweepSchedule[] = [];

// Fires after a full collection that took the throwaway object; re-armed each time.
const collected = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<number>(afterCollection) : null;
const arm = (): void => {
  collected?.register({}, 0);
};
function afterCollection(): void {
  for (const t of tables) t.collected();
  arm();
}
arm();

/** Least inserts between two sweeps (small tables are not swept over and over). */
const MIN_SWEEP = 4096;

/**
 * Decides when a table is swept: after twice as many inserts as it had
 * entries at its last sweep, and after every full collection (unless the
 * table is empty and nothing came in).
 */
export class SweepSchedule {
  private inserts = 0;
  private sizeAtSweep = 0;

  /** `sweep` drops the dead entries and returns how many are left. */
  constructor(private readonly sweep: () => number) {
    tables.push(this);
  }

  /** Call once per insert. */
  inserted(): void {
    if (++this.inserts >= Math.max(MIN_SWEEP, 2 * this.sizeAtSweep)) this.run();
  }

  /** A full collection just ran. */
  collected(): void {
    if (this.inserts > 0 || this.sizeAtSweep > 0) this.run();
  }

  private run(): void {
    this.sizeAtSweep = this.sweep();
    this.inserts = 0;
  }
}

/** A Map from keys to weakly held values: `get` finds a value only while something else holds it. */
export class WeakValueMap<K, V extends object> {
  private readonly map = new Map<K, WeakRef<V>>();
  private readonly schedule = new SweepSchedule(() => {
    for (const [k, r] of this.map) if (r.deref() === undefined) this.map.delete(k);
    return this.map.size;
  });

  get(key: K): V | undefined {
    return this.map.get(key)?.deref();
  }

  set(key: K, value: V): void {
    this.map.set(key, new WeakRef(value));
    this.schedule.inserted();
  }

  /** Entries, dead ones included until the next sweep. */
  get size(): number {
    return this.map.size;
  }
}
