// Forced first include of every cpp-flavor candidate, precompiled once per build
// (build/pch/cpp/prelude.hpp.gch): the standard headers a plain C++ solution uses.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>
