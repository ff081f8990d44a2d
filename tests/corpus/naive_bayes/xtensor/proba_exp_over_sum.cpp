// expect: wrong_answer
// case: predict_proba(iris model,queries=28)
// message: NaN: exp underflowed to 0/0
// Posteriors as exp(jll) / Σ exp(jll): 0/0 = NaN on rows far from every class.
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace drill::naive_bayes {

struct Model {
  xt::xtensor<double, 2> theta;
  xt::xtensor<double, 2> var;
  xt::xtensor<double, 1> prior;
  double epsilon;
};

Model fit(const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& y, double var_smoothing) {
  const size_t n = X.shape(0), d = X.shape(1);
  size_t C = 0;
  for (size_t i = 0; i < n; ++i) C = std::max(C, size_t(y(i)) + 1);
  Model m{xt::zeros<double>({C, d}), xt::zeros<double>({C, d}), xt::zeros<double>({C}), 0.0};
  std::vector<int> count(C, 0);
  for (size_t i = 0; i < n; ++i) {
    ++count[y(i)];
    for (size_t j = 0; j < d; ++j) m.theta(y(i), j) += X(i, j);
  }
  for (size_t c = 0; c < C; ++c)
    for (size_t j = 0; j < d; ++j) m.theta(c, j) /= count[c];
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < d; ++j) m.var(y(i), j) += (X(i, j) - m.theta(y(i), j)) * (X(i, j) - m.theta(y(i), j));
  double largest = 0;
  for (size_t j = 0; j < d; ++j) {
    double mean = 0, ss = 0;
    for (size_t i = 0; i < n; ++i) mean += X(i, j);
    mean /= double(n);
    for (size_t i = 0; i < n; ++i) ss += (X(i, j) - mean) * (X(i, j) - mean);
    largest = std::max(largest, ss / double(n));
  }
  m.epsilon = var_smoothing * largest;
  for (size_t c = 0; c < C; ++c) {
    m.prior(c) = double(count[c]) / double(n);
    for (size_t j = 0; j < d; ++j) m.var(c, j) = m.var(c, j) / count[c] + m.epsilon;
  }
  return m;
}

xt::xtensor<double, 2> joint_log_likelihood(const Model& m, const xt::xtensor<double, 2>& X) {
  const size_t n = X.shape(0), d = X.shape(1), C = m.theta.shape(0);
  xt::xtensor<double, 2> jll = xt::zeros<double>({n, C});
  for (size_t c = 0; c < C; ++c) {
    double norm = 0;
    for (size_t j = 0; j < d; ++j) norm += std::log(2 * M_PI * m.var(c, j));
    for (size_t i = 0; i < n; ++i) {
      double z = 0;
      for (size_t j = 0; j < d; ++j) z += (X(i, j) - m.theta(c, j)) * (X(i, j) - m.theta(c, j)) / m.var(c, j);
      jll(i, c) = std::log(m.prior(c)) - 0.5 * norm - 0.5 * z;
    }
  }
  return jll;
}

xt::xtensor<double, 2> predict_proba(const Model& m, const xt::xtensor<double, 2>& X) {
  xt::xtensor<double, 2> p = joint_log_likelihood(m, X);
  for (size_t i = 0; i < p.shape(0); ++i) {
    const double top = 0;
    double sum = 0;
    for (size_t c = 0; c < p.shape(1); ++c) sum += std::exp(p(i, c) - top);
    for (size_t c = 0; c < p.shape(1); ++c) p(i, c) = std::exp(p(i, c) - top) / sum;
  }
  return p;
}

xt::xtensor<int, 1> predict(const Model& m, const xt::xtensor<double, 2>& X) {
  const xt::xtensor<double, 2> jll = joint_log_likelihood(m, X);
  xt::xtensor<int, 1> labels = xt::zeros<int>({jll.shape(0)});
  for (size_t i = 0; i < jll.shape(0); ++i) {
    size_t best = 0;
    for (size_t c = 1; c < jll.shape(1); ++c)
      if (jll(i, c) > jll(i, best)) best = c;
    labels(i) = int(best);
  }
  return labels;
}

}  // namespace drill::naive_bayes
