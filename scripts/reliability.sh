#!/usr/bin/env bash
# The long profiles of the reliability campaigns (the short ones run in ctest).
# Run from anywhere; each subcommand builds what it needs. See --help.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python=/usr/bin/python3
jobs="${HASHSET_JOBS:-2}"

usage() {
  cat <<'EOF'
usage: scripts/reliability.sh COMMAND [ARG]

Long profiles of the reliability campaigns (short profiles run in ctest):

  state-machine [OPS]  Hypothesis state machine, HashSet vs Python set, until
                       OPS operations have run (default 1000000; ~5 min).
                       tests/python/test_state_machine.py, HASHSET_LONG=1.
  fuzz [SECONDS]       each libFuzzer harness (fuzz/fuzz_ops, fuzz/fuzz_deserialize)
                       for SECONDS (default 600), one after the other, under
                       ASan+UBSan (the `fuzz` preset, clang); new inputs go to
                       build/fuzz/long-<harness>/, crashes to .../crash-*.
  asan                 the `asan` preset (gcc ASan+UBSan): C++ tests and the whole
                       Python suite with libasan preloaded (ctest --preset asan).
  valgrind             the Python suite under valgrind memcheck (PYTHONMALLOC=malloc,
                       the default build); fails unless "definitely lost: 0 bytes".
  threads [OPS]        8 threads x OPS mixed operations on one shared set
                       (default 100000), exact contents checked.
  leaks [CYCLES]       CYCLES create/fill/iterate/destroy cycles (default 1000000),
                       resident memory growth asserted < 4 MiB.
  languages [REGEX]    the long profiles (HASHSET_LONG=1) of the other languages'
                       *_threads and *_leaks ctests (10^6 cycles; 8 x 100,000 ops),
                       in the `all` preset; REGEX picks languages (e.g. 'java|go').
                       Hours in total: R's leak run alone takes about an hour.
  all                  every campaign above, in this order.

Environment: HASHSET_JOBS (build parallelism, default 2). Logs: build/reliability/.
EOF
}

logs="$root/build/reliability"
mkdir -p "$logs"

build_default() {
  cmake --preset default >/dev/null
  cmake --build --preset default -j "$jobs" >/dev/null
}

pytest_default() {
  env PYTHONPATH="$root/build/default/python" HASHSET_SPEC="$root/tests/conformance/spec.txt" \
    "$@" "$python" -m pytest -q -s -p no:cacheprovider
}

state_machine() {
  build_default
  pytest_default HASHSET_LONG=1 HASHSET_STATE_MACHINE_OPERATIONS="${1:-1000000}" \
    "$root/tests/python/test_state_machine.py" -k long 2>&1 | tee "$logs/state-machine.log"
}

threads() {
  build_default
  pytest_default HASHSET_LONG=1 HASHSET_THREAD_OPS="${1:-100000}" \
    "$root/tests/python/test_threads.py" 2>&1 | tee "$logs/threads.log"
}

leaks() {
  build_default
  pytest_default HASHSET_LONG=1 HASHSET_LEAK_CYCLES="${1:-1000000}" \
    "$root/tests/python/test_leaks.py" 2>&1 | tee "$logs/leaks.log"
}

fuzz() {
  local seconds="${1:-600}"
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz -j "$jobs" >/dev/null
  export ASAN_OPTIONS="allocator_may_return_null=1:abort_on_error=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  for harness in ops deserialize; do
    local work="$root/build/fuzz/long-$harness"
    mkdir -p "$work"
    echo "fuzz_$harness: $seconds s"
    "$root/build/fuzz/fuzz/fuzz_$harness" -max_total_time="$seconds" -malloc_limit_mb=256 \
      -rss_limit_mb=1024 -timeout=10 -print_final_stats=1 -artifact_prefix="$work/crash-" \
      "$work" "$root/fuzz/corpus/$harness" >"$logs/fuzz-$harness.log" 2>&1 || {
      echo "fuzz_$harness FAILED: see $logs/fuzz-$harness.log and $work/crash-*"
      return 1
    }
    grep -E '^(Done|stat::number_of_executed_units|stat::new_units_added)' "$logs/fuzz-$harness.log"
  done
}

asan() {
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$jobs" >/dev/null
  ctest --preset asan 2>&1 | tee "$logs/asan.log"
}

valgrind_campaign() {
  build_default
  # The long profiles, the memory-measuring tests and the 8-thread stress are
  # skipped (HASHSET_NO_RSS, short profiles); everything else runs under memcheck.
  env PYTHONMALLOC=malloc HASHSET_NO_RSS=1 HASHSET_THREAD_OPS=300 \
    PYTHONPATH="$root/build/default/python" HASHSET_SPEC="$root/tests/conformance/spec.txt" \
    valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite \
    --errors-for-leak-kinds=definite --error-exitcode=99 --num-callers=30 \
    --suppressions=/usr/lib/valgrind/python3.supp --suppressions="$root/tests/python/valgrind.supp" \
    "$python" -m pytest -q -p no:cacheprovider "$root/tests/python" >"$logs/valgrind.log" 2>&1 || {
    echo "valgrind: errors or leaks, see $logs/valgrind.log"
    tail -n 30 "$logs/valgrind.log"
    return 1
  }
  grep -E 'passed|ERROR SUMMARY|definitely lost|indirectly lost' "$logs/valgrind.log"
}

languages() {
  local pattern="${1:-[a-z]+}"
  scripts/install-deps.sh --all >/dev/null
  cmake --preset all >/dev/null
  cmake --build --preset all -j "$jobs" >/dev/null
  # Python's long profiles are the threads and leaks commands above. Each test
  # gets up to two hours: the preset's 20 minutes fit only the short profiles.
  HASHSET_LONG=1 ctest --preset all --timeout 7200 -V -R "^(${pattern})_(threads|leaks)\$" -E '^python_' \
    2>&1 | tee "$logs/languages.log"
}

command="${1:-}"
shift || true
case "$command" in
  state-machine) state_machine "$@" ;;
  fuzz) fuzz "$@" ;;
  asan) asan ;;
  valgrind) valgrind_campaign ;;
  threads) threads "$@" ;;
  leaks) leaks "$@" ;;
  languages) languages "$@" ;;
  all) state_machine && fuzz && asan && valgrind_campaign && threads && leaks && languages ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
