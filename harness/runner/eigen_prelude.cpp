// The Eigen product kernels and decompositions that eigen_prelude.hpp declares extern,
// instantiated once for every eigen-flavor runner library (the candidate links against them).
#include "runner/eigen_prelude.hpp"

namespace Eigen::internal {
MLDRILL_EIGEN_PRODUCTS(template)
}  // namespace Eigen::internal
MLDRILL_EIGEN_DECOMPOSITIONS(template)
