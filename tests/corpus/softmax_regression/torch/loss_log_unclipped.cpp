// expect: wrong_answer
// case: stability(logits<=1e3)
// message: log(0) = −inf
// log of the probability without clipping: log(0) = −inf when the true class underflows.
#include <torch/torch.h>
#include <cmath>
#include <stdexcept>

namespace drill::softmax_regression {
struct Gradient { torch::Tensor dW; torch::Tensor db; };
struct Model    { torch::Tensor W;  torch::Tensor b;  };

torch::Tensor softmax(const torch::Tensor& Z) {
  const torch::Tensor e = (Z - std::get<0>(Z.max(1, true))).exp();
  return e / e.sum(1, true);
}

torch::Tensor predict_proba(const torch::Tensor& X, const torch::Tensor& W, const torch::Tensor& b) {
  return softmax(X.matmul(W) + b);
}

torch::Tensor predict(const torch::Tensor& X, const torch::Tensor& W, const torch::Tensor& b) {
  const torch::Tensor Z = X.matmul(W) + b;
  auto z = Z.accessor<double, 2>();
  torch::Tensor y = torch::zeros({Z.size(0)}, torch::kInt64);
  auto out = y.accessor<int64_t, 1>();
  for (int64_t i = 0; i < Z.size(0); ++i) {
    int64_t k = 0;
    for (int64_t j = 1; j < Z.size(1); ++j)
      if (z[i][j] > z[i][k]) k = j;
    out[i] = k;
  }
  return y;
}

double loss(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& W, const torch::Tensor& b,
            double l2) {
  const torch::Tensor p = predict_proba(X, W, b).gather(1, y.unsqueeze(1));
  const double data = -p.log().sum().item<double>() / double(X.size(0));
  return data + 0.5 * l2 * W.pow(2).sum().item<double>();
}

Gradient gradient(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& W, const torch::Tensor& b,
                  double l2) {
  torch::Tensor dZ = predict_proba(X, W, b);
  dZ.index_put_({torch::arange(X.size(0)), y}, dZ.index({torch::arange(X.size(0)), y}) - 1.0);
  dZ = dZ / double(X.size(0));
  return {X.t().matmul(dZ) + l2 * W, dZ.sum(0)};
}

Model fit(const torch::Tensor& X, const torch::Tensor& y, int num_classes, double learning_rate, int epochs,
          double l2) {
  Model m{torch::zeros({X.size(1), num_classes}, torch::kFloat64), torch::zeros({num_classes}, torch::kFloat64)};
  for (int e = 0; e < epochs; ++e) {
    const Gradient g = gradient(X, y, m.W, m.b, l2);
    m.W = m.W - learning_rate * g.dW;
    m.b = m.b - learning_rate * g.db;
  }
  return m;
}

}  // namespace drill::softmax_regression
