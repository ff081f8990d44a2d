// expect: accepted
// The library's building blocks, no autograd: torch::softmax and torch::log_softmax over dim 1,
// the loss by gather on log-probabilities (log-sum-exp inside), a one-hot matrix from
// scatter, ties by torch::argmax (first maximum).
#include <torch/torch.h>
#include <stdexcept>

namespace drill::softmax_regression {
struct Gradient { torch::Tensor dW; torch::Tensor db; };
struct Model    { torch::Tensor W;  torch::Tensor b;  };

torch::Tensor softmax(const torch::Tensor& Z) { return torch::softmax(Z, 1); }

torch::Tensor predict_proba(const torch::Tensor& X, const torch::Tensor& W, const torch::Tensor& b) {
  return torch::softmax(torch::addmm(b, X, W), 1);
}

torch::Tensor predict(const torch::Tensor& X, const torch::Tensor& W, const torch::Tensor& b) {
  return torch::argmax(torch::addmm(b, X, W), 1);
}

double loss(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& W, const torch::Tensor& b,
            double l2) {
  const torch::Tensor logp = torch::log_softmax(torch::addmm(b, X, W), 1);
  const double nll = -logp.gather(1, y.view({-1, 1})).mean().item<double>();
  return nll + l2 / 2 * (W * W).sum().item<double>();
}

Gradient gradient(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& W, const torch::Tensor& b,
                  double l2) {
  const torch::Tensor P = predict_proba(X, W, b);
  const torch::Tensor Y = torch::zeros_like(P).scatter_(1, y.view({-1, 1}), 1.0);
  const torch::Tensor dZ = (P - Y) / double(X.size(0));
  return {X.t().mm(dZ) + l2 * W, dZ.sum(0)};
}

Model fit(const torch::Tensor& X, const torch::Tensor& y, int num_classes, double learning_rate, int epochs,
          double l2) {
  torch::Tensor W = torch::zeros({X.size(1), num_classes}, X.options());
  torch::Tensor b = torch::zeros({num_classes}, X.options());
  for (int e = 0; e < epochs; ++e) {
    const Gradient g = gradient(X, y, W, b, l2);
    W.sub_(learning_rate * g.dW);
    b.sub_(learning_rate * g.db);
  }
  return {W, b};
}

}  // namespace drill::softmax_regression
