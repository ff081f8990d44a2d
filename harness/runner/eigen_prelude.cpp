// The Eigen product kernels that eigen_prelude.hpp declares extern, instantiated once for
// every eigen-flavor runner library (the candidate's object links against them).
#include "runner/eigen_prelude.hpp"

namespace Eigen::internal {
MLDRILL_EIGEN_PRODUCTS(template)
}  // namespace Eigen::internal
