// Reference inverted dropout in the torch flavor: graded as a candidate (must be accepted). The
// mask is drawn from rng (std::bernoulli_distribution, row by row) into a kFloat64 tensor through
// an accessor: torch's own generator (torch::rand, torch::bernoulli) would ignore rng.
#include <torch/torch.h>
#include <random>
#include <stdexcept>

namespace drill::dropout {

struct Forward { torch::Tensor out; torch::Tensor mask; };

namespace {
void check_p(double p) {
  if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("dropout probability has to be between 0 and 1");
}
double scale(double p) { return p < 1.0 ? 1.0 / (1.0 - p) : 0.0; }  // p = 1: zeros, not 0/0
}  // namespace

Forward forward(const torch::Tensor& X, double p, bool training, std::mt19937_64& rng) {
  check_p(p);
  if (!training) return {X.clone(), torch::ones_like(X)};
  torch::Tensor mask = torch::empty_like(X);
  auto m = mask.accessor<double, 2>();
  std::bernoulli_distribution keep(1.0 - p);
  for (int64_t i = 0; i < m.size(0); ++i)
    for (int64_t j = 0; j < m.size(1); ++j) m[i][j] = keep(rng) ? 1.0 : 0.0;
  return {X * mask * scale(p), mask};
}

torch::Tensor backward(const torch::Tensor& dOut, const torch::Tensor& mask, double p, bool training) {
  if (!training) return dOut.clone();
  return dOut * mask * scale(p);
}

}  // namespace drill::dropout
