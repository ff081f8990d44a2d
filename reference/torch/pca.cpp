// Reference PCA in LibTorch: centre, torch::linalg::svd (Vh's rows the axes), s²/(n − 1), the
// ratio over the total ddof-1 variance, then the sign rule on each row (largest |entry| > 0).
#include <torch/torch.h>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace drill::pca {

struct Model {
  torch::Tensor mean;                      // d
  torch::Tensor components;                // k × d
  torch::Tensor explained_variance;        // k
  torch::Tensor explained_variance_ratio;  // k
};

Model fit(const torch::Tensor& X, int k) {
  const int64_t n = X.size(0), d = X.size(1);
  if (k < 1 || k > std::min(n, d)) throw std::invalid_argument("fit: k must be in 1 .. min(n, d)");
  const torch::Tensor mean = X.mean(0);
  const torch::Tensor Xc = X - mean;
  auto [U, S, Vh] = torch::linalg::svd(Xc, /*full_matrices=*/false, c10::nullopt);
  torch::Tensor components = Vh.slice(0, 0, k).clone();
  // argmax returns the first maximum; the sign of that entry flips its row.
  const torch::Tensor top = components.abs().argmax(1, /*keepdim=*/true);
  components = components * components.gather(1, top).sign();
  const torch::Tensor variance = S.square() / double(n - 1);
  const torch::Tensor explained = variance.slice(0, 0, k).clone();
  const double total = (Xc.square().sum() / double(n - 1)).item<double>();
  return {mean, components, explained, explained / total};
}

torch::Tensor transform(const Model& m, const torch::Tensor& X) { return (X - m.mean).matmul(m.components.t()); }

torch::Tensor inverse_transform(const Model& m, const torch::Tensor& Z) { return Z.matmul(m.components) + m.mean; }

}  // namespace drill::pca
