// expect: wrong_answer
// case: fit(synthetic,n=60,d=5,k=3)
// message: divide by the total variance of all d directions
// The ratio over the k kept variances only: it always sums to 1.
#include <xtensor/xmath.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace drill::pca {

struct Model {
  xt::xtensor<double, 1> mean;
  xt::xtensor<double, 2> components;
  xt::xtensor<double, 1> explained_variance;
  xt::xtensor<double, 1> explained_variance_ratio;
};

Model fit(const xt::xtensor<double, 2>& X, int k) {
  const size_t n = X.shape(0), d = X.shape(1);
  if (k < 1 || size_t(k) > std::min(n, d)) throw std::invalid_argument("k out of range");
  Model m;
  m.mean = xt::mean(X, {0});
  const xt::xtensor<double, 2> Xc = X - m.mean;
  const auto svd = xt::linalg::svd(Xc, false);
  const xt::xtensor<double, 1>& s = std::get<1>(svd);
  m.components = xt::view(std::get<2>(svd), xt::range(0, k), xt::all());
  for (size_t r = 0; r < size_t(k); ++r) {
    xt::xtensor<double, 1> row = xt::row(m.components, r);
    const size_t top = xt::argmax(xt::xtensor<double, 1>(xt::abs(row)))();
    if (row(top) < 0) xt::row(m.components, r) = -row;
  }
  const xt::xtensor<double, 1> variance = s * s / double(n - 1);
  m.explained_variance = xt::view(variance, xt::range(0, k));
  m.explained_variance_ratio = m.explained_variance / xt::sum(m.explained_variance)();
  return m;
}

xt::xtensor<double, 2> transform(const Model& m, const xt::xtensor<double, 2>& X) {
  return xt::linalg::dot(xt::xtensor<double, 2>(X - m.mean), xt::transpose(m.components));
}

xt::xtensor<double, 2> inverse_transform(const Model& m, const xt::xtensor<double, 2>& Z) {
  return xt::linalg::dot(Z, m.components) + m.mean;
}

}  // namespace drill::pca
