#!/usr/bin/env bash
# Installs mldrill's dependencies from Debian 12's archive (nothing else is needed).
#   scripts/setup.sh           what drilling needs: compiler, CMake, Eigen, xtensor, LibTorch, helpers
#   scripts/setup.sh --tests   also what the test suite needs
# Runs apt-get as root, or through sudo; without either it prints the command to run.
set -euo pipefail

packages=(
  g++ make cmake binutils git ca-certificates
  libeigen3-dev                                  # the eigen flavor and the references
  xtensor-dev xtl-dev libxsimd-dev libxtensor-blas-dev libblas-dev liblapack-dev  # the xtensor flavor
  libtorch-dev                                   # the torch flavor and the test oracle
  clang                                          # compiles torch-flavor candidates fast (g++ is the fallback)
  libcli11-dev libfmt-dev nlohmann-json3-dev     # argument parsing, formatting, JSON
  libsqlite3-dev libsqlitecpp-dev sqlite3        # the history database
  bubblewrap libseccomp-dev                      # the sandbox of the compiler and the candidate
  jupyter-notebook python3-nbconvert python3-matplotlib python3-numpy  # notebooks/
)
test_packages=(
  catch2                                         # the test framework
  python3-sklearn                                # oracle of the references LibTorch lacks (GaussianNB, PCA, trees, ...)
  chromium fonts-dejavu-core python3-pil         # the report rendered in a headless browser
)
if [[ "${1:-}" == "--tests" ]]; then packages+=("${test_packages[@]}"); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "mldrill: all dependencies are installed." >&2
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "mldrill needs these Debian packages: ${missing[*]}" >&2
    echo "Run as root:  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi
# apt's own chatter goes to a log; on failure its end is shown.
log="${TMPDIR:-/tmp}/mldrill-setup.log"
echo "mldrill: installing ${#missing[@]} Debian packages (a few minutes; log: $log): ${missing[*]}" >&2
if ! { "${sudo[@]}" apt-get update -q && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q \
        --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  tail -n 25 "$log" >&2
  echo "mldrill: installing the dependencies failed (full log: $log)" >&2
  exit 1
fi
echo "mldrill: dependencies installed." >&2
