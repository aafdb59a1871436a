#!/usr/bin/env bash
# The benchmarks of the Java, C#, Go and JavaScript bindings against each
# language's own set (bench/java, bench/csharp, bench/go, bench/javascript):
# builds the four bindings in build/langbench, runs each benchmark with its
# language's own timing, and writes bench/results/languages.md.
#   scripts/bench-languages.sh           the full run (N = 10^5 and 10^6, a few minutes)
#   scripts/bench-languages.sh --quick   a smoke run (N = 10^4, one round; the
#                                        report goes to build/langbench/bench/results/)
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=100000,1000000
rounds=7
warmup=2
out=bench/results
case "${1:-}" in
  "") ;;
  --quick) sizes=10000 rounds=1 warmup=1 out=build/langbench/bench/results ;;
  *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac

scripts/install-deps.sh java csharp go javascript

build=build/langbench
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=/usr/bin/python3 \
  -DHASHSET_PYTHON=OFF -DHASHSET_BUILD_TESTS=OFF \
  -DHASHSET_JAVA=ON -DHASHSET_CSHARP=ON -DHASHSET_GO=ON -DHASHSET_JAVASCRIPT=ON >/dev/null
cmake --build "$build" -j2 --target hashset_java hashset_csharp hashset_go hashset_javascript

cached() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }
work=$PWD/$build/bench
raw=$work/results
mkdir -p "$work"/{java,csharp,go,javascript} "$raw" "$out"

echo "== Java"
cc -O2 -shared -fPIC -I"$(cached JAVA_INCLUDE_PATH)" -I"$(cached JAVA_INCLUDE_PATH2)" \
  bench/java/empty_call.c -o "$work/java/libempty_call.so"
javac --release 17 -Xlint:all -Werror -d "$work/java/classes" -cp "$build/java/hashset.jar" \
  bench/java/HashSetBench.java
java -cp "$build/java/hashset.jar:$work/java/classes" -Dhashset.bench.floor="$work/java/libempty_call.so" \
  HashSetBench --sizes "$sizes" --rounds "$rounds" --warmup "$warmup" | tee "$raw/java.tsv"

echo "== C#"
cc -O2 -shared -fPIC bench/csharp/empty_call.c -o "$work/csharp/libempty_call.so"
mcs -nologo -optimize+ -warnaserror+ -r:"$build/csharp/HashSetLib.dll" \
  -out:"$work/csharp/HashSetBench.exe" bench/csharp/HashSetBench.cs
# Mono loads a native library from the assembly's directory before
# LD_LIBRARY_PATH: copy both, so an older build's library never shadows this one.
cp "$build/csharp/HashSetLib.dll" "$build/csharp/libhashset_csharp.so" "$work/csharp/"
LD_LIBRARY_PATH="$build/csharp:$work/csharp" mono "$work/csharp/HashSetBench.exe" \
  --sizes "$sizes" --rounds "$rounds" --warmup "$warmup" | tee "$raw/csharp.tsv"

echo "== Go"
# A module of its own that requires the built module through a replace
# directive; the go tool stays offline and writes only inside the build tree.
export GOCACHE=$PWD/$build/go/cache GOPATH=$PWD/$build/go/gopath GOFLAGS=-mod=mod GOPROXY=off \
  GOWORK=off GOENV=off GOTOOLCHAIN=local GOTELEMETRY=off GO111MODULE=on CGO_ENABLED=1
rm -f "$work"/go/*.go "$work/go/go.mod"
cp bench/go/*.go "$work/go/"
(cd "$work/go" && go mod init hashsetbench >/dev/null 2>&1 &&
  go mod edit -require=hashset@v0.0.0 -replace=hashset="$PWD/../../go/hashset" &&
  go vet . && go test -c -o bench.test .)
: >"$raw/go.txt"
# testing.B times the variants one after another: the rounds are separate
# runs, each with the variants in another order (HASHSET_BENCH_ROUND).
for round in $(seq 0 $((rounds - 1))); do
  HASHSET_BENCH_SIZES=$sizes HASHSET_BENCH_ROUND=$round "$work/go/bench.test" \
    -test.run '^$' -test.bench . -test.benchtime 0.5s | tee -a "$raw/go.txt"
done

echo "== JavaScript"
c++ -O2 -std=c++17 -shared -fPIC -DBUILDING_NODE_EXTENSION -I"$(cached HASHSET_NODE_INCLUDE_DIR)" \
  bench/javascript/empty_call.cpp -o "$work/javascript/empty_call.node"
NODE_PATH="$build/javascript/node_modules" node --expose-gc bench/javascript/bench.js \
  --floor "$work/javascript/empty_call.node" --sizes "$sizes" --rounds "$rounds" --warmup "$warmup" \
  | tee "$raw/javascript.tsv"

echo "== Report"
python3 bench/languages_report.py "$raw" "$out/languages.md" --rounds "$rounds"
echo "bench-languages: wrote $out/languages.md"
