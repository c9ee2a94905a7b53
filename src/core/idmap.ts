// A table from node ids to values for the long-lived memos (cost, sign,
// features, the simplifier's results). Ids are dense and small, so an array
// indexed by id beats a Map on the hottest lookups; per-call memos, which
// see few nodes, keep using Map.

/** What a memo by node id must offer (a Map<number, T> will do too). */
export interface Memo<T> {
  get(id: number): T | undefined;
  has(id: number): boolean;
  set(id: number, value: T): unknown;
}

/** An array indexed by node id; `undefined` means absent, so values must not be undefined. */
export class IdMap<T> implements Memo<T> {
  private slots: Array<T | undefined> = [];
  private count = 0;

  get(id: number): T | undefined {
    return this.slots[id];
  }

  has(id: number): boolean {
    return this.slots[id] !== undefined;
  }

  set(id: number, value: T): this {
    const slots = this.slots;
    // Grown one slot at a time so the array never gets a gap (which would make it a slow dictionary).
    while (slots.length <= id) slots.push(undefined);
    if (slots[id] === undefined) this.count++;
    slots[id] = value;
    return this;
  }

  /** Number of ids with a value. */
  get size(): number {
    return this.count;
  }

  clear(): void {
    this.slots = [];
    this.count = 0;
  }
}
