// expect: wrong_answer
// case: fit(synthetic,n=60,d=5,k=3)
// message: explained_variance is (n−1)/n too small
// message: ddof = 1
// Variances S²/n (ddof = 0, np.var's default) instead of S²/(n − 1).
#include <torch/torch.h>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace drill::pca {

struct Model {
  torch::Tensor mean;
  torch::Tensor components;
  torch::Tensor explained_variance;
  torch::Tensor explained_variance_ratio;
};

Model fit(const torch::Tensor& X, int k) {
  const int64_t n = X.size(0), d = X.size(1);
  if (k < 1 || k > std::min(n, d)) throw std::invalid_argument("k out of range");
  const torch::Tensor mean = X.mean(0);
  auto [U, S, Vh] = torch::linalg::svd(X - mean, false, c10::nullopt);
  torch::Tensor components = Vh.slice(0, 0, k).clone();
  auto c = components.accessor<double, 2>();
  for (int64_t r = 0; r < k; ++r) {
    int64_t top = 0;
    for (int64_t j = 1; j < d; ++j)
      if (std::abs(c[r][j]) > std::abs(c[r][top])) top = j;
    if (c[r][top] < 0)
      for (int64_t j = 0; j < d; ++j) c[r][j] = -c[r][j];
  }
  const torch::Tensor variance = S * S / double(n);
  const torch::Tensor explained = variance.slice(0, 0, k).clone();
  return {mean, components, explained, explained / variance.sum()};
}

torch::Tensor transform(const Model& m, const torch::Tensor& X) { return (X - m.mean).matmul(m.components.t()); }

torch::Tensor inverse_transform(const Model& m, const torch::Tensor& Z) { return Z.matmul(m.components) + m.mean; }

}  // namespace drill::pca
