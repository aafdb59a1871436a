'use strict';
// hashset's HashSet against JavaScript's Set on the same random keys
// (distinct safe integers), timed with process.hrtime.bigint().
//
//   NODE_PATH=<build>/javascript/node_modules node --expose-gc bench.js \
//       --floor <empty_call.node> [--sizes 100000,1000000] [--rounds 5] [--warmup 2]
//
// Prints one tab-separated line per measurement: n, operation, variant
// (hashset, native or floor), ns per element (the minimum over the rounds).
// Every round times each operation's variants back to back, in an order that
// rotates from round to round; the first --warmup rounds only warm the JIT up.

const { HashSet } = require('hashset');

const options = { sizes: '100000,1000000', rounds: '5', warmup: '2', floor: null };
for (let i = 2; i + 1 < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^--/, '');
  if (!(name in options)) throw new Error(`unknown option ${process.argv[i]}`);
  options[name] = process.argv[i + 1];
}
const { emptyCall } = require(require('node:path').resolve(options.floor));

/** The floor with the binding's guard: a method that checks a private field, as HashSet.has does. */
class Guarded {
  #native = { emptyCall };

  emptyCall(value) {
    const native = this.#native;
    if (native === null) throw new Error('closed');
    return native.emptyCall(value);
  }
}

// Results flow here so that the JIT cannot drop the timed work.
let sink = 0;

/** A seeded generator (xorshift64*), so that every run sees the same keys. */
function randomSafeIntegers(seed) {
  let state = BigInt(seed) | 1n;
  const mask = (1n << 64n) - 1n;
  return () => {
    state ^= state >> 12n;
    state ^= (state << 25n) & mask;
    state ^= state >> 27n;
    const bits = (state * 0x2545F4914F6CDD1Dn) & mask;
    // 54 random bits: a sign and 53 bits of magnitude, so a safe integer.
    const magnitude = Number(bits >> 11n);
    return bits & 1024n ? -magnitude : magnitude;
  };
}

/** Distinct random keys; hits are the keys shuffled, misses are other random keys. */
function makeData(n) {
  const next = randomSafeIntegers(20241124 + n);
  const seen = new Set();
  const distinct = new Float64Array(2 * n);
  for (let i = 0; i < distinct.length;) {
    const key = next();
    if (!seen.has(key)) {
      seen.add(key);
      distinct[i++] = key;
    }
  }
  const keys = distinct.slice(0, n);
  const misses = distinct.slice(n);
  const hits = keys.slice();
  for (let i = hits.length - 1; i > 0; --i) {
    const j = Math.abs(next()) % (i + 1);
    [hits[i], hits[j]] = [hits[j], hits[i]];
  }
  return { keys, hits, misses };
}

/** Elapsed nanoseconds of body(). */
function time(body) {
  const start = process.hrtime.bigint();
  body();
  return Number(process.hrtime.bigint() - start);
}

const compare = (hashset, native) => ({ hashset, native });

function compareContains(ours, theirs, queries) {
  return compare(
    () => time(() => {
      let found = 0;
      for (const query of queries) if (ours.has(query)) ++found;
      sink += found;
    }),
    () => time(() => {
      let found = 0;
      for (const query of queries) if (theirs.has(query)) ++found;
      sink += found;
    }));
}

function operations({ keys, hits, misses }, ours, theirs) {
  const n = keys.length;
  return {
    insert: compare(
      () => {
        const set = new HashSet();
        const elapsed = time(() => {
          for (const key of keys) set.add(key);
        });
        set.close();
        return elapsed;
      },
      () => time(() => {
        const set = new Set();
        for (const key of keys) set.add(key);
        sink += set.size;
      })),
    contains_hit: compareContains(ours, theirs, hits),
    contains_miss: compareContains(ours, theirs, misses),
    size: compare(
      () => time(() => {
        let total = 0;
        for (let i = 0; i < n; ++i) total += ours.size;
        sink += total;
      }),
      () => time(() => {
        let total = 0;
        for (let i = 0; i < n; ++i) total += theirs.size;
        sink += total;
      })),
    iterate: compare(
      () => time(() => {
        let total = 0;
        for (const value of ours) total += value;
        sink += total;
      }),
      () => time(() => {
        let total = 0;
        for (const value of theirs) total += value;
        sink += total;
      })),
    collect: compare(
      () => time(() => { sink += ours.collect().length; }),
      () => time(() => { sink += Array.from(theirs).length; })),
    insert_many: compare(
      () => {
        const set = new HashSet();
        const elapsed = time(() => { sink += set.insertMany(keys); });
        set.close();
        return elapsed;
      },
      // Set's bulk route: the constructor from an iterable (the Float64Array).
      () => time(() => { sink += new Set(keys).size; })),
    contains_many: compare(
      () => time(() => { sink += ours.containsMany(hits).length; }),
      () => time(() => {
        const found = new Uint8Array(n);
        for (let i = 0; i < n; ++i) found[i] = theirs.has(hits[i]) ? 1 : 0;
        sink += found.length;
      })),
    empty_call: {
      floor: () => time(() => {
        let found = 0;
        for (const key of keys) if (emptyCall(key)) ++found;
        sink += found;
      }),
    },
    guarded_empty_call: {
      floor: () => time(() => {
        const guarded = new Guarded();
        let found = 0;
        for (const key of keys) if (guarded.emptyCall(key)) ++found;
        sink += found;
      }),
    },
  };
}

for (const n of options.sizes.split(',').map(Number)) {
  const data = makeData(n);
  const ours = new HashSet(data.keys);
  const theirs = new Set(data.keys);
  const ops = operations(data, ours, theirs);
  const best = new Map();
  const rounds = Number(options.warmup) + Number(options.rounds);
  for (let round = 0; round < rounds; ++round) {
    for (const [operation, variants] of Object.entries(ops)) {
      const names = Object.keys(variants);
      for (let k = 0; k < names.length; ++k) {
        const variant = names[(k + round) % names.length];
        // A clean heap for each variant: the garbage of the previous one is not billed to it.
        global.gc();
        const nsPerElement = variants[variant]() / n;
        const key = `${operation}\t${variant}`;
        if (round >= Number(options.warmup) && !(best.get(key) <= nsPerElement)) best.set(key, nsPerElement);
      }
    }
  }
  for (const [operation, variants] of Object.entries(ops)) {
    for (const variant of Object.keys(variants)) {
      console.log(`${n}\t${operation}\t${variant}\t${best.get(`${operation}\t${variant}`).toFixed(3)}`);
    }
  }
  ours.close();
}
console.error(`checksum ${sink}`);
