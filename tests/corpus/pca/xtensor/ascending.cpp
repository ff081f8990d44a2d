// expect: wrong_answer
// case: fit(synthetic,n=60,d=5,k=3)
// message: components must be sorted by DECREASING variance
// eigh's k largest eigenpairs, but kept in its increasing order.
#include <xtensor/xmath.hpp>
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
  const xt::xtensor<double, 2> cov = xt::linalg::dot(xt::transpose(Xc), Xc) / double(n - 1);
  auto [w, V] = xt::linalg::eigh(cov);
  m.components = xt::zeros<double>({size_t(k), d});
  m.explained_variance = xt::zeros<double>({size_t(k)});
  for (size_t i = 0; i < size_t(k); ++i) {
    const size_t col = d - size_t(k) + i;
    m.explained_variance(i) = w(col);
    size_t top = 0;
    for (size_t j = 0; j < d; ++j)
      if (std::abs(V(j, col)) > std::abs(V(top, col))) top = j;
    const double sign = V(top, col) < 0 ? -1.0 : 1.0;
    for (size_t j = 0; j < d; ++j) m.components(i, j) = sign * V(j, col);
  }
  double trace = 0;
  for (size_t j = 0; j < d; ++j) trace += cov(j, j);
  m.explained_variance_ratio = m.explained_variance / trace;
  return m;
}

xt::xtensor<double, 2> transform(const Model& m, const xt::xtensor<double, 2>& X) {
  return xt::linalg::dot(xt::xtensor<double, 2>(X - m.mean), xt::transpose(m.components));
}

xt::xtensor<double, 2> inverse_transform(const Model& m, const xt::xtensor<double, 2>& Z) {
  return xt::linalg::dot(Z, m.components) + m.mean;
}

}  // namespace drill::pca
