#!/usr/bin/env bash
# The benchmarks (bench/): builds what they need in build/bench, runs the C++
# (Google Benchmark) and Python benchmarks, and writes bench/results/latest.md
# and bench/results/scaling.png.
#   scripts/bench.sh           the full run (N = 10^3 ... 10^7, about 15 minutes)
#   scripts/bench.sh --quick   a smoke run (N <= 10^5, under a minute once built)
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
case "${1:-}" in
  "") ;;
  --quick) quick=1 ;;
  *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac

# Packages: the core's and Python's lists, plus the bench-only bench/deps.txt
# (kept out of scripts/deps/, so `scripts/run.sh test` never installs it).
scripts/install-deps.sh python bench/deps.txt

python=/usr/bin/python3   # Debian's, as in CMakePresets.json
build=build/bench
cmake -S bench -B "$build" -G Ninja -DPython3_EXECUTABLE=$python >/dev/null
cmake --build "$build" -j2

out=bench/results
raw=$build/results
mkdir -p "$out" "$raw"
if [[ $quick -eq 1 ]]; then
  out=$raw/quick   # a smoke run does not replace the committed results
  cpp_args=(--max-n=100000 --reps=1)
  py_args=(--quick)
else
  cpp_args=(--max-n=10000000 --reps=3)
  py_args=()
fi

echo "== C++ core vs std::unordered_set (Google Benchmark)"
"$build"/core_bench "${cpp_args[@]}" --benchmark_out="$raw/cpp.json" --benchmark_out_format=json \
  --benchmark_display_aggregates_only=true

echo "== Python"
PYTHONPATH="$build/python:$build/pymods" $python bench/python/bench.py "${py_args[@]}" --out "$raw/python.json"

echo "== Report"
$python bench/python/report.py "$raw/python.json" "$raw/cpp.json" "$out"
echo "bench: wrote $out/latest.md and $out/scaling.png"
