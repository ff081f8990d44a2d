// expect: wrong_answer
// case: fit(synthetic,n=60,d=5,k=3)
// message: sign: the largest-|entry| of each component must be positive
// The wrong sign rule: each row flipped so that its FIRST entry is positive.
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
    if (c[r][0] < 0)
      for (int64_t j = 0; j < d; ++j) c[r][j] = -c[r][j];
  }
  const torch::Tensor variance = S * S / double(n - 1);
  const torch::Tensor explained = variance.slice(0, 0, k).clone();
  return {mean, components, explained, explained / variance.sum()};
}

torch::Tensor transform(const Model& m, const torch::Tensor& X) { return (X - m.mean).matmul(m.components.t()); }

torch::Tensor inverse_transform(const Model& m, const torch::Tensor& Z) { return Z.matmul(m.components) + m.mean; }

}  // namespace drill::pca
