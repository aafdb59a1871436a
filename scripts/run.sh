#!/usr/bin/env bash
# The README's two commands:
#   scripts/run.sh demo   build the Python package and run the demo
#   scripts/run.sh test   build every language and run every test through ctest
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  demo)
    scripts/install-deps.sh python
    cmake --preset default
    cmake --build --preset default --target demo
    ;;
  test)
    scripts/install-deps.sh --all
    cmake --preset all
    cmake --build --preset all
    ctest --preset all
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
