#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what it needs, builds everything
# (all flavors, tests, benchmarks), and runs every CTest test (the `default` presets).
# Exits non-zero on any failure; with CI=true (.ci/run) a skipped test is a failure too.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh --tests
cmake --preset default
cmake --build --preset default -j "$(nproc)"
ctest --preset default -j "$(nproc)"
