// expect: wrong_answer
// case: independence(n=250,d=200,p=0.2|0.5|0.75)
// message: each entry is kept independently
// One keep/drop per row, broadcast over the row's entries.
#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <random>
#include <stdexcept>

namespace drill::dropout {

struct Forward { xt::xtensor<double, 2> out; xt::xtensor<double, 2> mask; };

Forward forward(const xt::xtensor<double, 2>& X, double p, bool training, std::mt19937_64& rng) {
  if (p < 0 || p > 1) throw std::invalid_argument("p must be in [0, 1]");
  if (!training) return {X, xt::ones<double>(X.shape())};
  xt::xtensor<double, 2> mask = xt::zeros<double>(X.shape());
  std::bernoulli_distribution keep(1 - p);
  for (std::size_t i = 0; i < X.shape(0); ++i) {
    const double k = keep(rng) ? 1.0 : 0.0;
    for (std::size_t j = 0; j < X.shape(1); ++j) mask(i, j) = k;
  }
  if (p == 1) return {xt::zeros<double>(X.shape()), mask};
  return {X * mask / (1 - p), mask};
}

xt::xtensor<double, 2> backward(const xt::xtensor<double, 2>& dOut, const xt::xtensor<double, 2>& mask, double p,
                                bool training) {
  if (!training) return dOut;
  if (p == 1) return xt::zeros<double>(dOut.shape());
  return dOut * mask / (1 - p);
}

}  // namespace drill::dropout
