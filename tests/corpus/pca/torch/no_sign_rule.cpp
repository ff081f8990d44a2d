// expect: wrong_answer
// case: fit(synthetic,n=60,d=5,k=3)
// message: sign: the largest-|entry| of each component must be positive
// eigh's eigenvectors with whatever signs it returns.
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
  const torch::Tensor Xc = X - mean;
  const torch::Tensor cov = Xc.t().matmul(Xc) / double(n - 1);
  auto [w, V] = torch::linalg::eigh(cov, "L");
  const torch::Tensor order = torch::arange(d - 1, d - 1 - k, -1, torch::kLong);
  torch::Tensor components = V.index_select(1, order).t().contiguous();
  const torch::Tensor explained = w.index_select(0, order);
  return {mean, components, explained, explained / cov.trace()};
}

torch::Tensor transform(const Model& m, const torch::Tensor& X) { return (X - m.mean).matmul(m.components.t()); }

torch::Tensor inverse_transform(const Model& m, const torch::Tensor& Z) { return torch::addmm(m.mean, Z, m.components); }

}  // namespace drill::pca
