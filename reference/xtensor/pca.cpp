// Reference PCA in the xtensor flavor: graded as a candidate (must be accepted). NumPy's
// route, as scikit-learn: centre, thin SVD (Vt's rows the axes), s²/(n − 1), the ratio over
// the total ddof-1 variance, then the sign rule on each row of Vt.
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

namespace drill::pca {

struct Model {
  xt::xtensor<double, 1> mean;                      // d
  xt::xtensor<double, 2> components;                // k × d
  xt::xtensor<double, 1> explained_variance;        // k
  xt::xtensor<double, 1> explained_variance_ratio;  // k
};

Model fit(const xt::xtensor<double, 2>& X, int k) {
  const auto n = X.shape(0), d = X.shape(1);
  if (k < 1 || size_t(k) > std::min(n, d)) throw std::invalid_argument("fit: k must be in 1 .. min(n, d)");
  Model m;
  m.mean = xt::mean(X, {0});
  const xt::xtensor<double, 2> Xc = X - xt::view(m.mean, xt::newaxis(), xt::all());
  auto [U, s, Vt] = xt::linalg::svd(Xc, /*full_matrices=*/false);
  m.components = xt::view(Vt, xt::range(0, k), xt::all());
  for (int r = 0; r < k; ++r) {
    auto row = xt::view(m.components, r, xt::all());
    const size_t top = xt::argmax(xt::eval(xt::abs(row)))();  // the first maximum, as np.argmax
    if (row(top) < 0) row *= -1.0;
  }
  const xt::xtensor<double, 1> variances = xt::square(s) / double(n - 1);
  m.explained_variance = xt::view(variances, xt::range(0, k));
  const double total = xt::sum(xt::square(Xc))() / double(n - 1);
  m.explained_variance_ratio = m.explained_variance / total;
  return m;
}

xt::xtensor<double, 2> transform(const Model& m, const xt::xtensor<double, 2>& X) {
  const xt::xtensor<double, 2> Xc = X - xt::view(m.mean, xt::newaxis(), xt::all());
  return xt::linalg::dot(Xc, xt::transpose(m.components));
}

xt::xtensor<double, 2> inverse_transform(const Model& m, const xt::xtensor<double, 2>& Z) {
  return xt::linalg::dot(Z, m.components) + xt::view(m.mean, xt::newaxis(), xt::all());
}

}  // namespace drill::pca
