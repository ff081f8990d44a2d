#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what it needs, builds everything
# (all flavors, tests, benchmarks), and runs CTest. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh --tests
cmake --preset default
cmake --build --preset default -j "$(nproc)"
ctest --preset default -j "$(nproc)"
