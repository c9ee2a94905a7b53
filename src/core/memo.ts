// Long-lived memos kept on the nodes themselves (cost, sign, features ...), so
// an entry dies with its node and a lookup is a field read, not a hash probe.
// Each node built here gets private fields, added before it is frozen
// (freezing does not touch private fields, so they can be filled in later).
// They are also the brand: a structured clone or a forged object has
// none, so it is never taken for a node of this realm (build.ts intern).

/** A base class whose constructor hands back the object it is given, so a subclass adds its fields to that object. */
class Returning {
  constructor(o: object) {
    return o as Returning;
  }
}

// Fixed slots, each a field of its own (one load from the node, where an
// array of slots would take two): enough for the memos made at module level.
type Get = (x: object) => unknown;
type Put = (x: object, value: unknown) => void;

/** Stamps an object with the private memo fields. */
class Stamp extends Returning {
  #s0: unknown;
  #s1: unknown;
  #s2: unknown;
  #s3: unknown;
  #s4: unknown;
  #s5: unknown;
  #s6: unknown;
  #s7: unknown;

  static has(x: object): boolean {
    return #s0 in x;
  }

  static readonly get: readonly Get[] = [
    (x) => (x as Stamp).#s0,
    (x) => (x as Stamp).#s1,
    (x) => (x as Stamp).#s2,
    (x) => (x as Stamp).#s3,
    (x) => (x as Stamp).#s4,
    (x) => (x as Stamp).#s5,
    (x) => (x as Stamp).#s6,
    (x) => (x as Stamp).#s7,
  ];

  static readonly set: readonly Put[] = [
    (x, v) => void ((x as Stamp).#s0 = v),
    (x, v) => void ((x as Stamp).#s1 = v),
    (x, v) => void ((x as Stamp).#s2 = v),
    (x, v) => void ((x as Stamp).#s3 = v),
    (x, v) => void ((x as Stamp).#s4 = v),
    (x, v) => void ((x as Stamp).#s5 = v),
    (x, v) => void ((x as Stamp).#s6 = v),
    (x, v) => void ((x as Stamp).#s7 = v),
  ];
}

let slots = 0;

/** Gives a new object (a node about to be frozen) its memo fields. */
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
  const get = Stamp.get[k];
  const set = Stamp.set[k];
  if (!get || !set) throw new Error(`nodeMemo: all ${Stamp.get.length} memo slots are taken (add fields to Stamp in core/memo.ts)`);
  return { get: get as (e: object) => T | undefined, set };
}

/**
 * A brand of its own (a fresh private name per call): `stamp` marks an object
 * before it is frozen, `has` tells it from a clone or a forgery. For node
 * kinds other than the core's (the matrix layer), which must not pass isBuilt.
 */
export function newBrand(): { stamp<T extends object>(o: T): T; has(x: object): boolean } {
  class Brand extends Returning {
    #brand = true;
    static has(x: object): boolean {
      return #brand in x;
    }
  }
  return {
    stamp: (o) => {
      new Brand(o);
      return o;
    },
    has: (x) => Brand.has(x),
  };
}
