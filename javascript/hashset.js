'use strict';
// hashset for Node.js: a set of signed 64-bit integers over the C++ core.
//
// HashSet speaks the protocol of JavaScript's Set (size, has, add, delete,
// clear, iteration, forEach, and the set algebra of ES2025's Set methods),
// plus the core API (insert, contains, erase, pop, collect, insertMany, ...).
//
// Integers: a value is a Number that is a safe integer (Number.isSafeInteger)
// or a BigInt in [-(2n**63n), 2n**63n). Values come back as a Number when they
// are safe integers and as a BigInt otherwise, so every int64 round-trips
// exactly; 1 and 1n are the same element. Bad values throw before the set is
// touched: RangeError for an integer out of range (including an integral
// Number beyond 2**53 - 1, which may already have been rounded), TypeError for
// anything else (fractional numbers, strings, null, undefined, ...). The Set
// methods has() and delete() answer false for such values instead, as Set does.
//
// Errors of the set itself are Errors with a `code`: ERR_HASHSET_EMPTY (pop),
// ERR_HASHSET_CONCURRENT_MODIFICATION (an iterator whose set changed),
// ERR_HASHSET_FORMAT (deserialize), ERR_HASHSET_CLOSED (use after close()).
//
// Memory: the C++ set is freed when the HashSet is garbage-collected, or at
// once by close() (also [Symbol.dispose] where the runtime has it).

const { inspect } = require('node:util');
const native = require('./hashset_native.node');

const NativeSet = native.HashSet;
const NativeIterator = native.HashSetIterator;

/** The smallest element, -(2n**63n). */
const INT64_MIN = -(2n ** 63n);
/** The largest element, 2n**63n - 1n. */
const INT64_MAX = 2n ** 63n - 1n;

/** True when `value` can be an element (a safe integer Number or an int64 BigInt). */
function isElement(value) {
  return typeof value === 'bigint'
    ? value >= INT64_MIN && value <= INT64_MAX
    : Number.isSafeInteger(value);
}

function codedError(message, code) {
  const error = new Error(message);
  error.code = code;
  return error;
}

/** A plain Array or TypedArray for the native bulk calls, from any iterable. */
function toValueList(values) {
  if (Array.isArray(values) || ArrayBuffer.isView(values)) return values;
  if (values == null || typeof values[Symbol.iterator] !== 'function') {
    throw new TypeError(`expected an iterable of integers, not ${values === null ? 'null' : typeof values}`);
  }
  return Array.from(values);
}

/** The elements of a native collect() as an Array: it gives a Float64Array when all are safe integers. */
function toArray(elements) {
  if (Array.isArray(elements)) return elements;
  // Filled with a double first, the Array keeps its Numbers unboxed.
  const array = new Array(elements.length).fill(0.5);
  for (let i = 0; i < elements.length; ++i) array[i] = elements[i];
  return array;
}

// The native set a constructor call adopts instead of making a new one.
let adopting = null;

// Elements fetched per native call: its cost shared by many elements.
const BATCH_SIZE = 256;
const NO_ROOM = new Float64Array(0);

/** A fail-fast iterator: throws once its set has changed or was closed. */
class HashSetIterator {
  #native;  // null once finished
  #check;  // throws when the set is closed
  #modifications;  // reads the set's modification count
  #entries;
  // A batch of elements from one native call: Numbers, or NaN where `exact`
  // holds an element beyond the safe integers.
  #numbers;
  #exact;
  #fetched = 0;
  #next = 0;
  // The set's modification count when the native iterator last vouched for it.
  #seen = -1;

  constructor(nativeIterator, size, check, modifications, entries) {
    this.#native = nativeIterator;
    this.#check = check;
    this.#modifications = modifications;
    this.#entries = entries;
    // All of a small set, and never empty (no room only checks).
    const capacity = Math.min(BATCH_SIZE, size + 1);
    this.#numbers = new Float64Array(2 * capacity);
    this.#exact = new BigInt64Array(this.#numbers.buffer, 8 * capacity, capacity);
  }

  next() {
    if (this.#next < this.#fetched && this.#modifications() === this.#seen) return this.#take();
    return this.#nextFromNative();
  }

  // next() when the batch is used up or the set may have changed: the native
  // iterator fetches the next batch or, with elements left, only checks.
  #nextFromNative() {
    if (this.#native === null) return { value: undefined, done: true };
    this.#check();
    const refill = this.#next === this.#fetched;
    const count = native.next_batch_numbers(this.#native, refill ? this.#numbers : NO_ROOM);
    this.#seen = this.#modifications();
    if (refill) {
      if (count === 0) {
        this.#native = null;
        return { value: undefined, done: true };
      }
      this.#fetched = count;
      this.#next = 0;
    }
    return this.#take();
  }

  #take() {
    const index = this.#next++;
    const number = this.#numbers[index];
    const value = number === number ? number : this.#exact[index];
    return { value: this.#entries ? [value, value] : value, done: false };
  }

  return(value) {
    this.#native = null;
    this.#fetched = 0;
    return { value, done: true };
  }

  [Symbol.iterator]() {
    return this;
  }

  get [Symbol.toStringTag]() {
    return 'HashSet Iterator';
  }
}

class HashSet {
  #native;
  // The number of elements, kept from what each mutation returns, so that
  // `size` makes no native call.
  #count = 0;
  // Bumped with every count recorded (and by reserve and close): iterators
  // compare it per element instead of asking the native iterator; on a
  // mismatch the native iterator decides (a no-op call is no change).
  #modifications = 0;

  #recount(count) {
    this.#count = count;
    ++this.#modifications;
  }

  /** Creates a set holding the values of `values` (any iterable of integers), if given. */
  constructor(values) {
    if (adopting !== null) {
      this.#native = adopting;
      this.#recount(adopting.size());
      adopting = null;
      return;
    }
    this.#native = new NativeSet();
    if (values != null) {
      try {
        this.#recount(this.#native.insert_many(toValueList(values)));
      } catch (error) {
        this.close();
        throw error;
      }
    }
  }

  static #adopt(nativeSet) {
    adopting = nativeSet;
    try {
      return new HashSet();
    } finally {
      adopting = null;
    }
  }

  #live() {
    const set = this.#native;
    if (set === null) throw codedError('HashSet is closed', 'ERR_HASHSET_CLOSED');
    return set;
  }

  // The native set of a HashSet, set-like or iterable `other`, and whether it
  // is a temporary to dispose of.
  static #nativeOf(other) {
    if (other instanceof HashSet) return [other.#live(), false];
    if (other == null || typeof other !== 'object') {
      throw new TypeError(`expected a HashSet, a Set or an iterable of integers, not ${other === null ? 'null' : typeof other}`);
    }
    const values = typeof other.keys === 'function' && !Array.isArray(other) ? other.keys() : other;
    const temporary = new NativeSet();
    try {
      temporary.insert_many(toValueList(values));
    } catch (error) {
      NativeSet.dispose(temporary);
      throw error;
    }
    return [temporary, true];
  }

  // Runs an in-place operation with `other`, then takes the new count.
  #updateWith(other, action) {
    this.#withOther(other, action);
    this.#recount(this.#native.size());
    return this;
  }

  #withOther(other, action) {
    const set = this.#live();
    const [otherSet, temporary] = HashSet.#nativeOf(other);
    try {
      return action(set, otherSet);
    } finally {
      if (temporary) NativeSet.dispose(otherSet);
    }
  }

  // --- the Set protocol ---------------------------------------------------

  /** The number of elements. */
  get size() {
    if (this.#native === null) this.#live();
    return this.#count;
  }

  /** True when `value` is an element; false for any value that cannot be one. */
  has(value) {
    const set = this.#live();
    return isElement(value) && set.contains(value);
  }

  /** Adds `value` (throws TypeError/RangeError for a non-int64); returns this. */
  add(value) {
    this.insert(value);
    return this;
  }

  /** Removes `value`; true when it was an element (false for a value that cannot be one). */
  delete(value) {
    this.#live();
    return isElement(value) && this.erase(value);
  }

  /** Removes every element. */
  clear() {
    this.#live().clear();
    this.#recount(0);
  }

  #iterator(entries) {
    const set = this.#live();
    return new HashSetIterator(new NativeIterator(set), this.#count, () => this.#live(),
                               () => this.#modifications, entries);
  }

  /** A fail-fast iterator over the elements (unspecified order). */
  values() {
    return this.#iterator(false);
  }

  /** Same as values(), as for Set. */
  keys() {
    return this.values();
  }

  /** [value, value] pairs, as for Set. */
  entries() {
    return this.#iterator(true);
  }

  /** Calls callback(value, value, this) for each element. */
  forEach(callback, thisArg) {
    if (typeof callback !== 'function') throw new TypeError('forEach needs a function');
    for (const value of this) callback.call(thisArg, value, value, this);
  }

  // --- the core API -------------------------------------------------------

  /** Adds `value`; true when it was not yet an element. */
  insert(value) {
    const added = this.#live().insert(value);
    if (added) this.#recount(this.#count + 1);
    return added;
  }

  /** True when `value` is an element; throws TypeError/RangeError for a non-int64. */
  contains(value) {
    return this.#live().contains(value);
  }

  /** Removes `value`; true when it was an element; throws for a non-int64. */
  erase(value) {
    const removed = this.#live().erase(value);
    if (removed) this.#recount(this.#count - 1);
    return removed;
  }

  /** Removes and returns an arbitrary element; throws ERR_HASHSET_EMPTY when empty. */
  pop() {
    const value = this.#live().pop();
    this.#recount(this.#count - 1);
    return value;
  }

  /** True when the set has no elements. */
  isEmpty() {
    return this.#live().empty();
  }

  /** Makes room for `count` elements in total. */
  reserve(count) {
    this.#live().reserve(count);
    ++this.#modifications;  // a rehash moves the elements
  }

  /** All elements as a new Array (unspecified order). */
  collect() {
    return toArray(this.#live().collect());
  }

  /** All elements as a new BigInt64Array (unspecified order). */
  toBigInt64Array() {
    return BigInt64Array.from(this.#live().collect(), BigInt);
  }

  /** Adds every value of an Array, TypedArray or iterable; returns how many were new. */
  insertMany(values) {
    const set = this.#live();
    const added = set.insert_many(toValueList(values));
    this.#recount(this.#count + added);
    return added;
  }

  /** For each value of an Array, TypedArray or iterable, 1 when it is an element, else 0. */
  containsMany(values) {
    const found = native.contains_flags(this.#live(), toValueList(values));
    return new Uint8Array(found.buffer, found.byteOffset, found.length);
  }

  /** Removes every value of an Array, TypedArray or iterable; returns how many were elements. */
  eraseMany(values) {
    const set = this.#live();
    const removed = set.erase_many(toValueList(values));
    this.#recount(this.#count - removed);
    return removed;
  }

  /** A new HashSet with the same elements. */
  copy() {
    return HashSet.#adopt(new NativeSet(this.#live()));
  }

  /** True when `other` (a HashSet, Set or iterable) holds the same elements. */
  equals(other) {
    return this.#withOther(other, (set, otherSet) => set.has_same_elements(otherSet));
  }

  /** True when every element is in `other`. */
  isSubsetOf(other) {
    return this.#withOther(other, (set, otherSet) => set.is_subset(otherSet));
  }

  /** True when every element of `other` is in this set. */
  isSupersetOf(other) {
    return this.#withOther(other, (set, otherSet) => set.is_superset(otherSet));
  }

  /** True when the sets have no element in common. */
  isDisjointFrom(other) {
    return this.#withOther(other, (set, otherSet) => set.is_disjoint(otherSet));
  }

  /** A new HashSet with the elements of both. */
  union(other) {
    return HashSet.#adopt(this.#withOther(other, (set, otherSet) => set.union_with(otherSet)));
  }

  /** A new HashSet with the elements common to both. */
  intersection(other) {
    return HashSet.#adopt(this.#withOther(other, (set, otherSet) => set.intersection_with(otherSet)));
  }

  /** A new HashSet with the elements of this set not in `other`. */
  difference(other) {
    return HashSet.#adopt(this.#withOther(other, (set, otherSet) => set.difference_with(otherSet)));
  }

  /** A new HashSet with the elements in exactly one of the two. */
  symmetricDifference(other) {
    return HashSet.#adopt(
      this.#withOther(other, (set, otherSet) => set.symmetric_difference_with(otherSet)));
  }

  /** Adds every element of `other`; returns this. */
  update(other) {
    return this.#updateWith(other, (set, otherSet) => set.update(otherSet));
  }

  /** Keeps only the elements also in `other`; returns this. */
  intersectionUpdate(other) {
    return this.#updateWith(other, (set, otherSet) => set.intersection_update(otherSet));
  }

  /** Removes every element of `other`; returns this. */
  differenceUpdate(other) {
    return this.#updateWith(other, (set, otherSet) => set.difference_update(otherSet));
  }

  /** Keeps the elements in exactly one of the two; returns this. */
  symmetricDifferenceUpdate(other) {
    return this.#updateWith(other, (set, otherSet) => set.symmetric_difference_update(otherSet));
  }

  /** The set in the portable binary format, as a Buffer (equal sets give equal bytes). */
  serialize() {
    return this.#live().serialize();
  }

  /** Reads a set from serialize()'s bytes (Buffer, TypedArray, DataView or ArrayBuffer). */
  static deserialize(bytes) {
    return HashSet.#adopt(NativeSet.deserialize(bytes));
  }

  // --- lifetime -----------------------------------------------------------

  /** Frees the C++ set now; any later use throws ERR_HASHSET_CLOSED. Idempotent. */
  close() {
    const set = this.#native;
    if (set === null) return;
    this.#native = null;
    ++this.#modifications;
    NativeSet.dispose(set);
  }

  /** True once close() was called. */
  get closed() {
    return this.#native === null;
  }

  get [Symbol.toStringTag]() {
    return 'HashSet';
  }

  [inspect.custom](depth, options) {
    if (this.#native === null) return 'HashSet <closed>';
    const body = inspect(this.collect(), options);
    return `HashSet(${this.#count}) {${body.slice(1, -1)}}`;
  }
}

HashSet.prototype[Symbol.iterator] = HashSet.prototype.values;
if (typeof Symbol.dispose === 'symbol') {
  HashSet.prototype[Symbol.dispose] = HashSet.prototype.close;
}

module.exports = { HashSet, INT64_MIN, INT64_MAX, isElement };
