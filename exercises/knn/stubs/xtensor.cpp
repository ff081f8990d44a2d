// k-nearest-neighbours classifier — xtensor flavor (NumPy's API in C++). Target: 30 minutes.
// Implement the two functions below; `mldrill check` grades them in this order.
// Shapes: n training rows, m query rows, d features. X_train is n × d, X_query is m × d
// (one sample per row); y_train holds n class indices 0 .. C-1.
// Keep the names and signatures exactly as they are: the grader calls them.
// xtensor 0.24 notes: xt::sum(A * A, {1}) gives row-wise squared norms; xt::view(a2, xt::all(),
// xt::newaxis()) is a2[:, None]; xt::linalg::dot(A, xt::transpose(B)) is A @ B.T; expressions
// are lazy, so assign to an xt::xtensor before reusing one.
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace drill::knn {

// Squared Euclidean distances, (rows of A) × (rows of B): D(i, j) = ‖A[i] − B[j]‖².
// The vectorised form ‖a‖² + ‖b‖² − 2 a·b is fine, but it can dip just below 0 for
// near-duplicate rows: clamp at 0.
xt::xtensor<double, 2> pairwise_sq_dist(const xt::xtensor<double, 2>& A, const xt::xtensor<double, 2>& B) {
  throw std::logic_error("not implemented: pairwise_sq_dist");
}

// Label of each query row (a vector of m) by majority vote among its k nearest training rows.
// Distance ties: the lower training index is nearer. Vote ties: the smallest label wins.
// Throws std::invalid_argument when k < 1 or k > n.
xt::xtensor<int, 1> predict(const xt::xtensor<double, 2>& X_train, const xt::xtensor<int, 1>& y_train,
                            const xt::xtensor<double, 2>& X_query, int k) {
  throw std::logic_error("not implemented: predict");
}

}  // namespace drill::knn
