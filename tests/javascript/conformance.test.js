'use strict';
// Replays the language-neutral spec (tests/conformance/spec.txt, path from
// HASHSET_SPEC) on the JavaScript API, twice: once passing each value as a
// user would write it (a Number when it is a safe integer, else a BigInt) and
// once passing every value as a BigInt. Every statement of the spec runs: a
// JavaScript call site can express every bad-value token (big: is a BigInt,
// float: a Number, str: a string, null is null), so none is skipped.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { HashSet } = require('hashset');

const SPEC = process.env.HASHSET_SPEC
  || path.join(__dirname, '..', 'conformance', 'spec.txt');

// error:KIND -> a predicate for assert.throws.
const ERRORS = {
  range: (error) => error instanceof RangeError,
  type: (error) => error instanceof TypeError,
  empty: (error) => error instanceof Error && error.code === 'ERR_HASHSET_EMPTY',
  concurrent: (error) => error instanceof Error && error.code === 'ERR_HASHSET_CONCURRENT_MODIFICATION',
  format: (error) => error instanceof Error && error.code === 'ERR_HASHSET_FORMAT',
  closed: (error) => error instanceof Error && error.code === 'ERR_HASHSET_CLOSED',
};

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const isSafe = (n) => n >= -MAX_SAFE && n <= MAX_SAFE;

/** A spec value token as the JavaScript value a user would pass. */
function parseValue(token, allBigInt) {
  if (token === 'null') return null;
  const colon = token.indexOf(':');
  if (colon < 0) {
    const n = BigInt(token);
    return !allBigInt && isSafe(n) ? Number(n) : n;
  }
  const kind = token.slice(0, colon);
  const text = token.slice(colon + 1);
  switch (kind) {
    case 'big': return BigInt(text);
    case 'float': return Number(text);
    case 'str': return text;
    case 'hex': return Buffer.from(text, 'hex');
    default: throw new Error(`unknown token ${token}`);
  }
}

/** Values and lists ([ ... ]) of a statement, in order. */
function parseTokens(tokens) {
  const values = [];
  const stack = [];
  for (const token of tokens) {
    if (token === '[') {
      stack.push([]);
    } else if (token === ']') {
      const done = stack.pop();
      (stack.length ? stack[stack.length - 1] : values).push(done);
    } else {
      (stack.length ? stack[stack.length - 1] : values).push(token);
    }
  }
  return values;
}

function loadCases() {
  const cases = [];
  let current = null;
  fs.readFileSync(SPEC, 'utf8').split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (line.startsWith('case ')) {
      current = { name: line.split(/\s+/)[1], statements: [] };
      cases.push(current);
      return;
    }
    const arrow = line.indexOf(' -> ');
    const statement = arrow < 0 ? line : line.slice(0, arrow);
    const expected = arrow < 0 ? null : parseTokens(line.slice(arrow + 4).trim().split(/\s+/));
    const [op, ...tokens] = statement.split(/\s+/);
    current.statements.push({ line: index + 1, op, args: parseTokens(tokens), expected });
  });
  return cases;
}

/** The exact integer of a returned element; checks the Number/BigInt convention. */
function exact(value) {
  if (typeof value === 'number') {
    assert.ok(Number.isSafeInteger(value), `${value} is not a safe integer`);
    return BigInt(value);
  }
  assert.equal(typeof value, 'bigint', `an element came back as ${typeof value}`);
  assert.ok(!isSafe(value), `${value}n is a safe integer but came back as a BigInt`);
  return value;
}

const sortBig = (list) => [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

class Runner {
  constructor(allBigInt) {
    this.allBigInt = allBigInt;
    this.sets = new Map();
  }

  value(token) {
    return parseValue(token, this.allBigInt);
  }

  call(op, args) {
    const [name, ...rest] = args;
    const sets = this.sets;
    if (op === 'new') {
      sets.set(name, new HashSet(rest.length ? rest[0].map((v) => this.value(v)) : undefined));
      return undefined;
    }
    if (op === 'copy') {
      sets.set(rest[0], sets.get(name).copy());
      return undefined;
    }
    if (op === 'deserialize') {
      sets.set(name, HashSet.deserialize(this.value(rest[0])));
      return undefined;
    }
    const s = sets.get(name);
    assert.ok(s, `no set ${name}`);
    switch (op) {
      case 'insert': return s.insert(this.value(rest[0]));
      case 'contains': return s.contains(this.value(rest[0]));
      case 'erase': return s.erase(this.value(rest[0]));
      case 'insert_many': return s.insertMany(rest[0].map((v) => this.value(v)));
      case 'erase_many': return s.eraseMany(rest[0].map((v) => this.value(v)));
      case 'size': return s.size;
      case 'empty': return s.isEmpty();
      case 'clear': return s.clear();
      case 'reserve': return s.reserve(this.value(rest[0]));
      case 'pop': return s.pop();
      case 'collect': {
        const list = s.collect();
        assert.ok(Array.isArray(list), 'collect() must return an Array');
        return list;
      }
      case 'iterate': return [...s];
      case 'iterate_then_insert': {
        const iterator = s[Symbol.iterator]();
        iterator.next();
        s.add(this.value(rest[0]));
        return iterator.next();
      }
      case 'iterate_then_close': {
        const iterator = s[Symbol.iterator]();
        iterator.next();
        s.close();
        return iterator.next();
      }
      case 'close': return s.close();
      case 'serialize': return s.serialize();
      default: break;
    }
    const other = sets.get(rest[0]);
    assert.ok(other, `no set ${rest[0]}`);
    switch (op) {
      case 'equals': return s.equals(other);
      case 'is_subset': return s.isSubsetOf(other);
      case 'is_superset': return s.isSupersetOf(other);
      case 'is_disjoint': return s.isDisjointFrom(other);
      case 'union': return s.union(other);
      case 'intersection': return s.intersection(other);
      case 'difference': return s.difference(other);
      case 'symmetric_difference': return s.symmetricDifference(other);
      case 'update': s.update(other); return undefined;
      case 'intersection_update': s.intersectionUpdate(other); return undefined;
      case 'difference_update': s.differenceUpdate(other); return undefined;
      case 'symmetric_difference_update': s.symmetricDifferenceUpdate(other); return undefined;
      default: throw new Error(`unknown spec operation ${op}`);
    }
  }
}

function check(result, expected) {
  assert.equal(expected.length, 1);
  const [want] = expected;
  if (Array.isArray(want)) {
    const list = result instanceof HashSet ? result.collect() : result;
    assert.ok(Array.isArray(list), 'expected a list');
    assert.deepEqual(sortBig(list.map(exact)), sortBig(want.map(BigInt)));
  } else if (want === 'true' || want === 'false') {
    assert.equal(result, want === 'true');
  } else if (want.startsWith('hex:')) {
    assert.ok(Buffer.isBuffer(result), 'serialize() must return a Buffer');
    assert.equal(result.toString('hex'), want.slice(4));
  } else {
    assert.equal(exact(result), BigInt(want));
  }
}

const cases = loadCases();
let statementsRun = 0;
let notApplicable = 0;  // bad-value tokens JavaScript cannot express: none
const statementsInSpec = cases.reduce((n, c) => n + c.statements.length, 0);

for (const allBigInt of [false, true]) {
  const mode = allBigInt ? 'all values as BigInt' : 'values as written';
  for (const { name, statements } of cases) {
    test(`${name} (${mode})`, () => {
      const runner = new Runner(allBigInt);
      for (const { line, op, args, expected } of statements) {
        const where = `${path.basename(SPEC)}:${line} ${op} ${JSON.stringify(args)}`;
        statementsRun += 1;
        const want = expected ? expected[0] : null;
        if (typeof want === 'string' && want.startsWith('error:')) {
          const kind = want.slice('error:'.length);
          assert.ok(ERRORS[kind], `${where}: unknown error kind ${kind}`);
          assert.throws(() => runner.call(op, args), ERRORS[kind], where);
          continue;
        }
        const result = runner.call(op, args);
        if (expected !== null) {
          try {
            check(result, expected);
          } catch (error) {
            error.message = `${where}: ${error.message}`;
            throw error;
          }
        } else if (!['new', 'copy', 'deserialize'].includes(op)) {
          assert.equal(result, undefined, where);
        }
      }
    });
  }
}

test('the spec is not empty and every statement ran', (t) => {
  assert.ok(cases.length >= 10, `only ${cases.length} cases in ${SPEC}`);
  assert.equal(statementsRun, 2 * statementsInSpec);
  t.diagnostic(`spec statements run: ${statementsRun} (${statementsInSpec} in each of 2 modes), `
    + `not applicable: ${notApplicable}`);
});
