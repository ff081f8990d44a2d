// Principal component analysis, as scikit-learn's PCA — xtensor flavor (NumPy's API in C++).
// Target: 20 minutes. Implement the three functions below; `mldrill check` grades them in this order.
// Shapes: n samples, d features, k components. X is n × d (one sample per row).
// Keep the names, signatures and structs exactly as they are: the grader calls them.
// xtensor-blas: xt::linalg::svd(A, /*full_matrices=*/false) returns {U, s, Vt} as NumPy
// (s decreasing, Vt's ROWS the axes); xt::linalg::eigh returns eigenvalues INCREASING.
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace drill::pca {

struct Model {
  xt::xtensor<double, 1> mean;                      // d: column means of the training X
  xt::xtensor<double, 2> components;                // k × d: ROWS are the unit principal axes, by decreasing variance
  xt::xtensor<double, 1> explained_variance;        // k: the k largest eigenvalues of the covariance, ddof = 1
  xt::xtensor<double, 1> explained_variance_ratio;  // k: explained_variance / TOTAL variance (all d directions)
};

// Centres X by its column means and takes the k leading eigenvectors of the covariance
// Xcᵀ Xc / (n − 1) (or the k leading right singular vectors of Xc, variance s² / (n − 1)).
// Sign rule: in each row of components, the entry of largest |value| is POSITIVE (the first
// one if two tie). Throws std::invalid_argument unless 1 ≤ k ≤ min(n, d).
Model fit(const xt::xtensor<double, 2>& X, int k) {
  throw std::logic_error("not implemented: fit");
}

// (X − mean) componentsᵀ: n × k scores (no whitening).
xt::xtensor<double, 2> transform(const Model& m, const xt::xtensor<double, 2>& X) {
  throw std::logic_error("not implemented: transform");
}

// Z components + mean: n × d reconstruction.
xt::xtensor<double, 2> inverse_transform(const Model& m, const xt::xtensor<double, 2>& Z) {
  throw std::logic_error("not implemented: inverse_transform");
}

}  // namespace drill::pca
