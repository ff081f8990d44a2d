// Forced first include of every eigen-flavor candidate, precompiled once per build
// (build/pch/eigen/prelude.hpp.gch): what the stub includes, so a check compiles only the
// candidate's own code.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>
