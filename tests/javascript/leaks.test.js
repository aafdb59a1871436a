'use strict';
// Leaks over time (docs/reliability.md): many create/fill/iterate/destroy
// cycles, half the sets closed and half left to the garbage collector, with
// the error paths taken; resident memory must stay flat.
// HASHSET_LONG=1 selects the long profile.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const v8 = require('node:v8');
const vm = require('node:vm');

const { HashSet } = require('hashset');

const LONG = process.env.HASHSET_LONG === '1';
const BAD_BYTES = new Uint8Array([1, 2, 3]);
const throwsCode = (fn, code) => assert.throws(fn, (e) => e instanceof Error && e.code === code);

/**
 * One cycle: sets built every way, iterated fully, partly and past a change,
 * every error path taken; the sets of odd cycles and the partial iterator are
 * left to the GC.
 */
function cycle(i) {
  const set = new HashSet([i, i + 1, i + 2, i + 3]);
  set.insertMany([-i, i % 64, i % 64]);
  let sum = 0;
  for (const v of set) sum += v;
  const copy = set.copy();
  copy.update(set);
  const union = set.union(new HashSet([i + 100]));
  const restored = HashSet.deserialize(union.serialize());
  if (Number.isNaN(sum) || !copy.equals(set) || !restored.equals(union)) throw new Error(`cycle ${i}`);
  restored.values().next();  // a partial iteration, never finished
  const stale = copy.values();
  stale.next();
  copy.add(i + 200);
  throwsCode(() => stale.next(), 'ERR_HASHSET_CONCURRENT_MODIFICATION');
  throwsCode(() => HashSet.deserialize(BAD_BYTES), 'ERR_HASHSET_FORMAT');
  const empty = new HashSet();
  throwsCode(() => empty.pop(), 'ERR_HASHSET_EMPTY');
  empty.close();
  throwsCode(() => empty.pop(), 'ERR_HASHSET_CLOSED');
  if (i % 2 === 0) {
    set.close();
    copy.close();
    union.close();
    restored.close();
  }
}

test('create/fill/iterate/destroy cycles keep resident memory flat', () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  // One leaked set per cycle (of six, plus three iterators) would cost about
  // 10 MiB (215 bytes each) even in the short profile.
  const bound = 8 * 2 ** 20;
  const warmUp = LONG ? 100000 : 10000;
  const cycles = LONG ? 1000000 : 50000;
  for (let i = 0; i < warmUp; i += 1) cycle(i);
  gc();
  const before = process.memoryUsage().rss;
  const began = process.hrtime.bigint();
  const checkpoints = [];
  for (let i = 0; i < cycles; i += 1) {
    cycle(i);
    if ((i + 1) % (cycles / 5) === 0) checkpoints.push(Math.round((process.memoryUsage().rss - before) / 1024));
  }
  gc();
  const growth = process.memoryUsage().rss - before;
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  console.log(`leaks: ${cycles} cycles in ${seconds.toFixed(1)} s, resident growth ${Math.round(growth / 1024)} KiB ` +
    `(checkpoints, KiB: ${checkpoints.join(' ')})`);
  assert.ok(growth < bound, `resident memory grew by ${Math.round(growth / 1024)} KiB`);
});
