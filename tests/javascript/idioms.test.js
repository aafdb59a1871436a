'use strict';
// The JavaScript idioms beyond the spec, with JavaScript's own Set as the
// oracle: the Set protocol, exact integers and bad input, iteration that sees
// a change, set algebra with set-likes, bytes, close() and the GC.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const util = require('node:util');
const v8 = require('node:v8');
const vm = require('node:vm');
const { Worker } = require('node:worker_threads');

const { HashSet, INT64_MIN, INT64_MAX } = require('hashset');

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const EDGES = [INT64_MIN, INT64_MAX, -1n, 0n, 1n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n,
  -(2n ** 53n) - 1n, -(2n ** 53n) + 1n, 2n ** 62n, INT64_MIN + 1n];

/** What HashSet hands back for the integer n: a Number when safe, else a BigInt. */
const natural = (n) => (n >= -BigInt(MAX_SAFE) && n <= BigInt(MAX_SAFE) ? Number(n) : n);
const sortBig = (list) => [...list].map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
/** Asserts that `hashSet` holds exactly the (Number/BigInt) elements of the JS Set `oracle`. */
function assertSame(hashSet, oracle) {
  assert.equal(hashSet.size, oracle.size);
  assert.deepEqual(sortBig(hashSet), sortBig(oracle));
  for (const value of oracle) assert.equal(hashSet.has(value), true, `missing ${value}`);
}
const throwsCode = (fn, code) => assert.throws(fn, (e) => e instanceof Error && e.code === code);

// A small deterministic PRNG (mulberry32), so a failure replays.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('exact 64-bit integers', () => {
  test('every edge value round-trips, as a Number when safe and a BigInt otherwise', () => {
    const s = new HashSet();
    for (const n of EDGES) assert.equal(s.insert(n), true, `${n}`);
    for (const n of EDGES) assert.equal(s.insert(natural(n)), false, `${n} given as written`);
    assert.equal(s.size, EDGES.length);
    const back = s.collect();
    assert.deepEqual(sortBig(back), sortBig(EDGES));
    for (const value of back) assert.equal(value, natural(BigInt(value)));
    for (const n of EDGES) {
      assert.equal(s.contains(n), true);
      assert.equal(s.has(natural(n)), true);
    }
    assert.deepEqual(sortBig([...s]), sortBig(EDGES));
    assert.deepEqual(sortBig(s.toBigInt64Array()), sortBig(EDGES));
    const copy = HashSet.deserialize(s.serialize());
    assert.ok(copy.equals(s));
    const popped = [];
    while (!copy.isEmpty()) popped.push(copy.pop());
    assert.deepEqual(sortBig(popped), sortBig(EDGES));
    for (const value of popped) assert.equal(value, natural(BigInt(value)));
  });

  test('1 and 1n are the same element; -0 is 0', () => {
    const s = new HashSet([1, 1n, 0, -0, 0n]);
    assert.equal(s.size, 2);
    assert.equal(s.has(1n), true);
    assert.equal(s.delete(1n), true);
    assert.equal(s.has(1), false);
    assert.ok(Object.is(s.collect()[0], 0));
  });

  const bad = [
    ['2n**63n', 2n ** 63n, RangeError],
    ['-(2n**63n)-1n', INT64_MIN - 1n, RangeError],
    ['2n**64n-1n', 2n ** 64n - 1n, RangeError],
    ['2**53 (unsafe Number)', 2 ** 53, RangeError],
    ['-(2**53) (unsafe Number)', -(2 ** 53), RangeError],
    ['2**63 (Number)', 2 ** 63, RangeError],
    ['1e300', 1e300, RangeError],
    ['1.5', 1.5, TypeError],
    ['-0.5', -0.5, TypeError],
    ['NaN', NaN, TypeError],
    ['Infinity', Infinity, TypeError],
    ['-Infinity', -Infinity, TypeError],
    ["'1'", '1', TypeError],
    ['null', null, TypeError],
    ['undefined', undefined, TypeError],
    ['true', true, TypeError],
    ['{}', {}, TypeError],
    ['[1]', [1], TypeError],
    ['new Number(1)', new Number(1), TypeError],  // eslint-disable-line no-new-wrappers
    ['Symbol()', Symbol('x'), TypeError],
  ];

  for (const [label, value, ErrorType] of bad) {
    test(`${label} throws ${ErrorType.name} and leaves the set unchanged`, () => {
      const s = new HashSet([1, 2, INT64_MAX]);
      const before = s.serialize();
      for (const call of [() => s.add(value), () => s.insert(value), () => s.contains(value),
        () => s.erase(value), () => s.insertMany([3, value]), () => s.eraseMany([1, value]),
        () => s.containsMany([1, value]), () => new HashSet([4, value])]) {
        assert.throws(call, ErrorType);
      }
      // The Set methods answer as Set does for a value that cannot be an element.
      assert.equal(s.has(value), false);
      assert.equal(s.delete(value), false);
      assert.deepEqual(s.serialize(), before);
    });
  }

  test('typed arrays: BigInt64Array exact, other integer arrays converted, bad ones refused', () => {
    const s = new HashSet();
    assert.equal(s.insertMany(new BigInt64Array([INT64_MIN, INT64_MAX, 5n])), 3);
    assert.equal(s.insertMany(new Int32Array([-1, 5])), 1);
    assert.equal(s.insertMany(new Uint8Array([255])), 1);
    assert.equal(s.insertMany(new Float64Array([7, -8])), 2);
    assert.equal(s.insertMany(new BigUint64Array([2n ** 63n - 1n, 9n])), 1);
    assert.deepEqual(sortBig(s), sortBig([INT64_MIN, INT64_MAX, 5n, -1n, 255n, 7n, -8n, 9n]));
    const before = s.serialize();
    assert.throws(() => s.insertMany(new BigUint64Array([10n, 2n ** 63n])), RangeError);
    assert.throws(() => s.insertMany(new Float64Array([11, 0.5])), TypeError);
    assert.throws(() => s.insertMany(new Float64Array([12, 2 ** 60])), RangeError);
    assert.throws(() => s.insertMany(5), TypeError);
    assert.throws(() => s.insertMany(null), TypeError);
    assert.throws(() => s.insertMany('12'), TypeError);  // iterable, but of strings
    assert.deepEqual(s.serialize(), before);
    assert.equal(s.eraseMany(new Set([5, 6, INT64_MIN])), 2);
    assert.equal(s.insertMany((function* gen() { yield 1; yield 2n; })()), 2);
    assert.deepEqual([...s.containsMany(new Float64Array([7, 70]))], [1, 0]);
    assert.deepEqual([...s.containsMany(new BigInt64Array([INT64_MAX, 5n]))], [1, 0]);
    assert.deepEqual([...s.containsMany([])], []);
  });

  test('reserve takes a non-negative integer', () => {
    const s = new HashSet([1]);
    s.reserve(1000);
    s.reserve(10n);
    assert.throws(() => s.reserve(-1), RangeError);
    assert.throws(() => s.reserve(1.5), TypeError);
    assert.throws(() => s.reserve('9'), TypeError);
    assert.deepEqual(s.collect(), [1]);
  });
});

describe('the Set protocol, against Set', () => {
  test('random operations agree with Set', () => {
    const next = random(20261124);
    const pick = () => (next() < 0.1
      ? EDGES[Math.floor(next() * EDGES.length)]
      : Math.floor(next() * 200) - 100);
    const s = new HashSet();
    const oracle = new Set();  // holds the natural form of each element
    for (let step = 0; step < 5000; step += 1) {
      const value = pick();
      const key = natural(BigInt(value));
      const r = next();
      if (r < 0.4) {
        assert.equal(s.add(value), s);
        oracle.add(key);
      } else if (r < 0.6) {
        assert.equal(s.delete(value), oracle.delete(key));
      } else if (r < 0.75) {
        assert.equal(s.has(value), oracle.has(key));
      } else if (r < 0.8) {
        const values = [value, pick(), pick()];
        const found = s.containsMany(values);
        assert.ok(found instanceof Uint8Array);
        assert.deepEqual([...found], values.map((v) => (oracle.has(natural(BigInt(v))) ? 1 : 0)));
      } else if (r < 0.9) {
        const values = [pick(), pick(), pick()];
        const fresh = new Set(values.map((v) => natural(BigInt(v))).filter((k) => !oracle.has(k)));
        assert.equal(s.insertMany(values), fresh.size);
        for (const v of values) oracle.add(natural(BigInt(v)));
      } else if (r < 0.995) {
        const values = [pick(), pick()];
        const present = new Set(values.map((v) => natural(BigInt(v))).filter((k) => oracle.has(k)));
        assert.equal(s.eraseMany(values), present.size);
        for (const v of values) oracle.delete(natural(BigInt(v)));
      } else {
        s.clear();
        oracle.clear();
      }
      assert.equal(s.size, oracle.size);
    }
    assertSame(s, oracle);
    assert.deepEqual(new Set(s), oracle);  // same values and same Number/BigInt forms
  });

  test('construction, spread, Array.from, keys, entries, forEach', () => {
    const source = [3, 1, 2, 3, 2n ** 60n];
    const s = new HashSet(source);
    const oracle = new Set([3, 1, 2, 2n ** 60n]);
    assertSame(s, oracle);
    assert.deepEqual(new Set(Array.from(s)), oracle);
    assert.deepEqual(new Set(s.keys()), oracle);
    assert.deepEqual(new Set(s.values()), oracle);
    for (const [a, b] of s.entries()) assert.equal(a, b);
    assert.equal([...s.entries()].length, oracle.size);
    const seen = [];
    const self = {};
    s.forEach(function each(value, key, set) {
      assert.equal(value, key);
      assert.equal(set, s);
      assert.equal(this, self);
      seen.push(value);
    }, self);
    assert.deepEqual(new Set(seen), oracle);
    assert.throws(() => s.forEach(42), TypeError);
    assertSame(new HashSet(new Set([5, 6])), new Set([5, 6]));
    assertSame(new HashSet(), new Set());
    assertSame(new HashSet(null), new Set());
    assert.throws(() => new HashSet(5), TypeError);
  });

  test('add chains, delete answers, clear, pop, isEmpty', () => {
    const s = new HashSet();
    assert.equal(s.add(1).add(2).add(2), s);
    assert.equal(s.delete(2), true);
    assert.equal(s.delete(2), false);
    assert.equal(s.isEmpty(), false);
    assert.equal(s.pop(), 1);
    assert.equal(s.isEmpty(), true);
    throwsCode(() => s.pop(), 'ERR_HASHSET_EMPTY');
    s.add(4);
    s.clear();
    assertSame(s, new Set());
  });

  test('collect returns a new plain Array each time', () => {
    const s = new HashSet([1, 2]);
    const list = s.collect();
    assert.ok(Array.isArray(list));
    list.push(3);
    assert.equal(s.size, 2);
    assert.notEqual(s.collect(), s.collect());
  });

  test('names, tags and inspect', () => {
    const s = new HashSet([7]);
    assert.ok(s instanceof HashSet);
    assert.equal(Object.prototype.toString.call(s), '[object HashSet]');
    assert.equal(util.inspect(s), 'HashSet(1) { 7 }');
    assert.equal(util.inspect(new HashSet()), 'HashSet(0) {}');
    assert.equal(Object.prototype.toString.call(s.values()), '[object HashSet Iterator]');
  });
});

describe('set algebra, against Set', () => {
  const a = [1, 2, 3, 4, 2n ** 62n];
  const b = [3, 4, 5, 2n ** 62n, INT64_MIN];
  const A = new Set(a);
  const B = new Set(b);
  const oracle = {
    union: new Set([...A, ...B]),
    intersection: new Set([...A].filter((x) => B.has(x))),
    difference: new Set([...A].filter((x) => !B.has(x))),
    symmetricDifference: new Set([...[...A].filter((x) => !B.has(x)), ...[...B].filter((x) => !A.has(x))]),
  };
  // `other` may be a HashSet, a Set (or any set-like with keys()), or an iterable.
  const others = { HashSet: () => new HashSet(b), Set: () => new Set(b), Array: () => [...b] };

  for (const [kind, makeOther] of Object.entries(others)) {
    test(`new sets with a ${kind} argument`, () => {
      const s = new HashSet(a);
      for (const [method, expected] of Object.entries(oracle)) {
        const result = s[method](makeOther());
        assert.ok(result instanceof HashSet, method);
        assert.notEqual(result, s);
        assertSame(result, expected);
      }
      assertSame(s, A);
    });

    test(`in-place updates and comparisons with a ${kind} argument`, () => {
      const updates = { update: 'union', intersectionUpdate: 'intersection',
        differenceUpdate: 'difference', symmetricDifferenceUpdate: 'symmetricDifference' };
      for (const [method, result] of Object.entries(updates)) {
        const s = new HashSet(a);
        assert.equal(s[method](makeOther()), s);
        assertSame(s, oracle[result]);
      }
      const s = new HashSet(a);
      assert.equal(s.isSubsetOf(makeOther()), false);
      assert.equal(s.intersection(makeOther()).isSubsetOf(makeOther()), true);
      assert.equal(s.union(makeOther()).isSupersetOf(makeOther()), true);
      assert.equal(s.isSupersetOf(makeOther()), false);
      assert.equal(s.isDisjointFrom(makeOther()), false);
      assert.equal(s.difference(makeOther()).isDisjointFrom(makeOther()), true);
      assert.equal(s.equals(makeOther()), false);
      assert.equal(new HashSet(b).equals(makeOther()), true);
    });
  }

  test('a bad argument throws and changes nothing', () => {
    const s = new HashSet(a);
    assert.throws(() => s.union(null), TypeError);
    assert.throws(() => s.union(7), TypeError);
    assert.throws(() => s.update(new Set(['x'])), TypeError);
    assert.throws(() => s.intersectionUpdate([1, 2n ** 64n]), RangeError);
    assertSame(s, A);
  });

  test('random sets agree with Set', () => {
    const next = random(7);
    for (let round = 0; round < 30; round += 1) {
      const xs = Array.from({ length: Math.floor(next() * 40) }, () => Math.floor(next() * 60));
      const ys = Array.from({ length: Math.floor(next() * 40) }, () => Math.floor(next() * 60));
      const X = new Set(xs);
      const Y = new Set(ys);
      const x = new HashSet(xs);
      const y = new HashSet(ys);
      assertSame(x.union(y), new Set([...X, ...Y]));
      assertSame(x.intersection(y), new Set(xs.filter((v) => Y.has(v))));
      assertSame(x.difference(y), new Set(xs.filter((v) => !Y.has(v))));
      assertSame(x.symmetricDifference(y),
        new Set([...xs.filter((v) => !Y.has(v)), ...ys.filter((v) => !X.has(v))]));
      assert.equal(x.isSubsetOf(y), xs.every((v) => Y.has(v)));
      assert.equal(x.isSupersetOf(y), ys.every((v) => X.has(v)));
      assert.equal(x.isDisjointFrom(y), !xs.some((v) => Y.has(v)));
      assert.equal(x.equals(y), X.size === Y.size && xs.every((v) => Y.has(v)));
    }
  });
});

describe('iteration sees changes', () => {
  const CONCURRENT = 'ERR_HASHSET_CONCURRENT_MODIFICATION';

  test('adding during for...of throws, and the set keeps the change', () => {
    const s = new HashSet([1, 2, 3]);
    throwsCode(() => {
      for (const value of s) s.add(value + 100);
    }, CONCURRENT);
    assert.equal(s.size, 4);
  });

  test('deleting during forEach, clear, insertMany and update all throw', () => {
    const mutations = [
      (s) => s.delete(1), (s) => s.clear(), (s) => s.insertMany([50, 51]),
      (s) => s.update([60]), (s) => s.pop(), (s) => s.eraseMany([2]),
    ];
    for (const mutate of mutations) {
      const s = new HashSet([1, 2, 3]);
      throwsCode(() => s.forEach(() => mutate(s)), CONCURRENT);
    }
  });

  test('a change that changes nothing does not disturb the iteration', () => {
    const s = new HashSet([1, 2, 3]);
    const seen = [];
    for (const value of s) {
      s.add(1);      // already an element
      s.delete(99);  // not an element
      seen.push(value);
    }
    assert.deepEqual(sortBig(seen), sortBig([1, 2, 3]));
  });

  test('an exhausted iterator stays done; a new one sees the new contents', () => {
    const s = new HashSet([1]);
    const iterator = s.values();
    assert.deepEqual(iterator.next(), { value: 1, done: false });
    assert.deepEqual(iterator.next(), { value: undefined, done: true });
    s.add(2);
    assert.deepEqual(iterator.next(), { value: undefined, done: true });
    assert.deepEqual(new Set(s.values()), new Set([1, 2]));
  });

  test('break ends an iteration cleanly', () => {
    const s = new HashSet([1, 2, 3]);
    for (const value of s) {
      assert.ok(s.has(value));
      break;
    }
    s.add(4);
    assert.equal([...s].length, 4);
  });
});

describe('bytes', () => {
  test('serialize gives a Buffer; deserialize takes any byte view', () => {
    const s = new HashSet([2, -1, INT64_MAX]);
    const bytes = s.serialize();
    assert.ok(Buffer.isBuffer(bytes));
    assert.deepEqual(new HashSet([INT64_MAX, -1, 2]).serialize(), bytes);  // equal sets, equal bytes
    const copy = new Uint8Array(bytes);
    const arrayBuffer = copy.buffer.slice(0);
    const offset = Buffer.concat([Buffer.from([0xee, 0xee]), bytes]).subarray(2);
    for (const input of [bytes, copy, arrayBuffer, new DataView(arrayBuffer), offset]) {
      assert.ok(HashSet.deserialize(input).equals(s));
    }
  });

  test('bad bytes throw ERR_HASHSET_FORMAT; non-bytes throw TypeError', () => {
    const bytes = new HashSet([1]).serialize();
    const corrupt = Buffer.from(bytes);
    corrupt[corrupt.length - 1] ^= 1;
    for (const input of [corrupt, bytes.subarray(0, 5), Buffer.alloc(0), Buffer.from('not a set')]) {
      throwsCode(() => HashSet.deserialize(input), 'ERR_HASHSET_FORMAT');
    }
    for (const input of ['abc', null, undefined, [1, 2], 5]) {
      assert.throws(() => HashSet.deserialize(input), TypeError);
    }
  });
});

describe('lifetime', () => {
  const CLOSED = 'ERR_HASHSET_CLOSED';

  test('every use of a closed set throws ERR_HASHSET_CLOSED; close is idempotent', () => {
    const s = new HashSet([1, 2]);
    const other = new HashSet([1]);
    assert.equal(s.closed, false);
    s.close();
    s.close();
    assert.equal(s.closed, true);
    const uses = [
      () => s.size, () => s.has(1), () => s.has('x'), () => s.add(1), () => s.delete(1),
      () => s.clear(), () => s.values(), () => s.keys(), () => s.entries(), () => [...s],
      () => s.forEach(() => {}), () => s.insert(1), () => s.contains(1), () => s.erase(1),
      () => s.pop(), () => s.isEmpty(), () => s.reserve(1), () => s.collect(),
      () => s.toBigInt64Array(), () => s.insertMany([1]), () => s.eraseMany([1]),
      () => s.containsMany([1]),
      () => s.copy(), () => s.equals(other), () => s.isSubsetOf(other),
      () => s.isSupersetOf(other), () => s.isDisjointFrom(other), () => s.union(other),
      () => s.intersection(other), () => s.difference(other),
      () => s.symmetricDifference(other), () => s.update(other),
      () => s.intersectionUpdate(other), () => s.differenceUpdate(other),
      () => s.symmetricDifferenceUpdate(other), () => s.serialize(),
      // a closed set as the argument of another set
      () => other.union(s), () => other.equals(s), () => other.update(s),
    ];
    for (const use of uses) throwsCode(use, CLOSED);
    assert.equal(util.inspect(s), 'HashSet <closed>');
    assertSame(other, new Set([1]));
  });

  test('an iterator of a set closed under it throws, and never crashes', () => {
    const s = new HashSet([1, 2, 3]);
    const iterator = s.values();
    iterator.next();
    s.close();
    throwsCode(() => iterator.next(), CLOSED);
  });

  test('Symbol.dispose closes, where the runtime has it', { skip: typeof Symbol.dispose !== 'symbol' }, () => {
    const s = new HashSet([1]);
    s[Symbol.dispose]();
    assert.equal(s.closed, true);
  });

  test('the GC frees the C++ sets of unreachable HashSets', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc');
    const chunk = new BigInt64Array(200000).map((_, i) => BigInt(i));
    const makeGarbage = () => {
      for (let i = 0; i < 10; i += 1) new HashSet(chunk).add(-1);  // ~3.5 MB each
    };
    makeGarbage();
    gc();
    const start = process.memoryUsage().rss;
    for (let round = 0; round < 15; round += 1) {
      makeGarbage();
      gc();
    }
    const growth = (process.memoryUsage().rss - start) / 2 ** 20;
    // 150 sets of 200,000 elements would keep about 500 MB if never freed.
    assert.ok(growth < 150, `RSS grew by ${growth.toFixed(0)} MB`);
  });

  test('close frees at once, and the GC of a closed set is harmless', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc');
    for (let i = 0; i < 100; i += 1) {
      const s = new HashSet([i, i + 1]);
      const iterator = s.values();
      s.close();
      throwsCode(() => iterator.next(), CLOSED);
    }
    gc();
    gc();
    assertSame(new HashSet([1]), new Set([1]));
  });

  test('dropping the last reference mid-iteration finishes the iteration', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc');
    // More than one batch of elements, so the rest comes from the native
    // iterator after the collection.
    const values = Array.from({ length: 1000 }, (_, i) => i * 7919 - 3000);
    const started = (() => {
      const s = new HashSet(values);
      return [s[Symbol.iterator](), s.values(), s.entries()];
    })();
    const rests = started.map((iterator) => {
      const rest = new Set(values);
      const first = iterator.next().value;
      assert.equal(rest.delete(Array.isArray(first) ? first[0] : first), true);
      return rest;
    });
    gc();
    gc();
    started.forEach((iterator, i) => {
      const finished = [...iterator].map((value) => (Array.isArray(value) ? value[0] : value));
      assert.equal(finished.length, rests[i].size, 'each remaining element once');
      assert.deepEqual(sortBig(finished), sortBig(rests[i]));
    });
  });

  test('process exit with live sets is clean', () => {
    const script = `
      const { HashSet } = require('hashset');
      const live = [];
      for (let i = 0; i < 50; i += 1) {
        const s = new HashSet(Array.from({ length: i * 100 }, (_, j) => j));
        const iterator = s.values();
        iterator.next();
        live.push(iterator, i % 2 === 0 ? s : null);
      }
      live.push(new HashSet(new BigInt64Array(1000000).map((_, j) => BigInt(j))).values());
      const closed = new HashSet([1, 2, 3]);
      live.push(closed.values());
      closed.close();
      const cycle = { set: new HashSet([7]) };
      cycle.self = cycle;
      globalThis.keep = [live, cycle];
      console.log('live sets left at exit');
    `;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60000 });
    assert.equal(child.stderr, '');
    assert.equal(child.status, 0);
    assert.equal(child.signal, null);
    assert.equal(child.stdout, 'live sets left at exit\n');
  });

  test('worker threads: each uses its own sets; a posted set arrives as an empty object', async () => {
    // The C++ set is not shared: structured cloning copies no native state,
    // so the worker's copy must fail loudly on use, and the original stays intact.
    const ours = new HashSet([1, 2, 3]);
    const script = `
      const { parentPort, workerData } = require('node:worker_threads');
      const { HashSet } = require('hashset');
      const own = new HashSet([5, 6]);
      own.add(7);
      const attempt = (call) => { try { call(); return 'no error'; } catch (e) { return e.constructor.name; } };
      parentPort.postMessage({
        own: [...own].sort(),
        methodOnCopy: attempt(() => workerData.add(8)),
        protoOnCopy: attempt(() => HashSet.prototype.add.call(workerData, 8)),
        copyAsArgument: attempt(() => own.update(workerData)),
      });
    `;
    const report = await new Promise((resolve, reject) => {
      const worker = new Worker(script, { eval: true, workerData: ours });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    assert.deepEqual(report, {
      own: [5, 6, 7], methodOnCopy: 'TypeError', protoOnCopy: 'TypeError', copyAsArgument: 'TypeError',
    });
    assertSame(ours, new Set([1, 2, 3]));
  });
});
