// Forced first include of every torch-flavor candidate, precompiled once per build
// (build/pch/torch/prelude.hpp.pch with clang++, .gch with g++): LibTorch's headers cost
// ~9 s per file otherwise.
#include <torch/torch.h>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>
