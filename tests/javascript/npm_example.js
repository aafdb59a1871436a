// The README's JavaScript example, run by the javascript_npm_package test from
// a project where `npm install <tarball>` put hashset in ./node_modules.
const path = require('node:path');
const { HashSet } = require('hashset');
const s = new HashSet([1, 2n ** 63n - 1n]); s.add(3).delete(1);
console.log(s.size, s.has(3), [...s].sort(), HashSet.deserialize(s.serialize()).equals(s));

const resolved = require.resolve('hashset');
if (!resolved.startsWith(path.join(__dirname, 'node_modules', 'hashset') + path.sep)) {
  throw new Error(`hashset resolved outside the project: ${resolved}`);
}
console.log('from', path.relative(__dirname, resolved));
