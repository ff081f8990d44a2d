// Reference inverted dropout in the xtensor flavor: graded as a candidate (must be accepted).
// The mask is drawn from rng entry by entry, row-major (std::bernoulli_distribution); xt::random
// would draw from a generator of its own unless handed rng.
#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <random>
#include <stdexcept>

namespace drill::dropout {

struct Forward { xt::xtensor<double, 2> out; xt::xtensor<double, 2> mask; };

namespace {
void check_p(double p) {
  if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("dropout probability has to be between 0 and 1");
}
double scale(double p) { return p < 1.0 ? 1.0 / (1.0 - p) : 0.0; }  // p = 1: zeros, not 0/0
}  // namespace

Forward forward(const xt::xtensor<double, 2>& X, double p, bool training, std::mt19937_64& rng) {
  check_p(p);
  if (!training) return {X, xt::ones<double>(X.shape())};
  xt::xtensor<double, 2> mask = xt::zeros<double>(X.shape());
  std::bernoulli_distribution keep(1.0 - p);
  for (std::size_t i = 0; i < mask.shape(0); ++i)
    for (std::size_t j = 0; j < mask.shape(1); ++j) mask(i, j) = keep(rng) ? 1.0 : 0.0;
  return {X * mask * scale(p), mask};
}

xt::xtensor<double, 2> backward(const xt::xtensor<double, 2>& dOut, const xt::xtensor<double, 2>& mask, double p,
                                bool training) {
  if (!training) return dOut;
  return dOut * mask * scale(p);
}

}  // namespace drill::dropout
