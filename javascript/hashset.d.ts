// Types of the hashset package (javascript/hashset.js).

/** An element as passed in: a safe-integer Number or a BigInt in [-(2n**63n), 2n**63n). */
export type Int64Like = number | bigint;
/** An element as returned: a Number when it is a safe integer, else a BigInt. */
export type Int64 = number | bigint;
/** What the set algebra accepts besides a HashSet: a Set (any set-like with keys()) or an iterable. */
export type SetLike = HashSet | ReadonlySet<Int64Like> | Iterable<Int64Like>;
/** What the bulk calls accept. */
export type Int64Values = Iterable<Int64Like> | ArrayLike<Int64Like> | BigInt64Array | BigUint64Array
  | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | Float64Array;

export declare const INT64_MIN: bigint;
export declare const INT64_MAX: bigint;
/** True when `value` can be an element. */
export declare function isElement(value: unknown): value is Int64Like;

/** A set of signed 64-bit integers with the protocol of Set. */
export declare class HashSet implements Iterable<Int64> {
  constructor(values?: Int64Values | null);
  readonly size: number;
  has(value: unknown): boolean;
  add(value: Int64Like): this;
  delete(value: unknown): boolean;
  clear(): void;
  values(): IterableIterator<Int64>;
  keys(): IterableIterator<Int64>;
  entries(): IterableIterator<[Int64, Int64]>;
  forEach(callback: (value: Int64, key: Int64, set: HashSet) => void, thisArg?: unknown): void;
  [Symbol.iterator](): IterableIterator<Int64>;

  insert(value: Int64Like): boolean;
  contains(value: Int64Like): boolean;
  erase(value: Int64Like): boolean;
  pop(): Int64;
  isEmpty(): boolean;
  reserve(count: Int64Like): void;
  collect(): Int64[];
  toBigInt64Array(): BigInt64Array;
  insertMany(values: Int64Values): number;
  containsMany(values: Int64Values): Uint8Array;
  eraseMany(values: Int64Values): number;
  copy(): HashSet;

  equals(other: SetLike): boolean;
  isSubsetOf(other: SetLike): boolean;
  isSupersetOf(other: SetLike): boolean;
  isDisjointFrom(other: SetLike): boolean;
  union(other: SetLike): HashSet;
  intersection(other: SetLike): HashSet;
  difference(other: SetLike): HashSet;
  symmetricDifference(other: SetLike): HashSet;
  update(other: SetLike): this;
  intersectionUpdate(other: SetLike): this;
  differenceUpdate(other: SetLike): this;
  symmetricDifferenceUpdate(other: SetLike): this;

  serialize(): Buffer;
  static deserialize(bytes: ArrayBufferView | ArrayBuffer): HashSet;

  /** Frees the native set now; later use throws an Error with code ERR_HASHSET_CLOSED. */
  close(): void;
  readonly closed: boolean;
}
