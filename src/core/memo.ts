// Long-lived memos kept on the nodes themselves (cost, sign, features ...), so
// an entry dies with its node and a lookup is a field read, not a hash probe.
// Each node built here gets one private field, added before it is frozen
// (freezing does not touch private fields, so it can be filled in later).
// The field is also the brand: a structured clone or a forged object has
// none, so it is never taken for a node of this realm (build.ts intern).

/** A base class whose constructor hands back the object it is given, so a subclass adds its fields to that object. */
class Returning {
  constructor(o: object) {
    return o as Returning;
  }
}

/** Stamps an object with the private memo field. */
class Stamp extends Returning {
  #memos: unknown[] | undefined = undefined;

  static has(x: object): boolean {
    return #memos in x;
  }

  static get(x: object, k: number): unknown {
    return (x as Stamp).#memos?.[k];
  }

  static set(x: object, k: number, value: unknown): void {
    const s = x as Stamp;
    let m = s.#memos;
    if (m === undefined) {
      m = new Array<unknown>(slots).fill(undefined);
      s.#memos = m;
    }
    m[k] = value;
  }
}

let slots = 0;

/** Gives a new object (a node about to be frozen) its memo field. */
export function stamp<T extends object>(o: T): T {
  new Stamp(o);
  return o;
}

/** Was x stamped here (a node built by this copy of leibniz)? */
export const isStamped = (x: object): boolean => Stamp.has(x);

/** A memo over stamped nodes: what fold needs (core/traverse.ts). */
export interface SlotMemo<T> {
  get(e: object): T | undefined;
  set(e: object, value: T): void;
}

/**
 * A long-lived memo on the nodes: one slot of every node's memo field. Make
 * these once, at module level (each takes a slot for good). Values must not
 * be undefined (that means absent).
 */
export function nodeMemo<T>(): SlotMemo<T> {
  const k = slots++;
  return {
    get: (e) => Stamp.get(e, k) as T | undefined,
    set: (e, value) => Stamp.set(e, k, value),
  };
}
