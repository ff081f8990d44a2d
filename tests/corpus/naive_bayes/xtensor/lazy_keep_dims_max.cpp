// expect: wrong_answer
// case: predict_proba(iris model,queries=28)
// message: a lazy keep_dims reducer
// The row max kept as a lazy keep_dims reducer inside the broadcasting expression: xtensor
// 0.24 reads garbage there (the trap the statement names); assigned to an xt::xtensor it is right.
#include <xtensor/xsort.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <cmath>
#include <stdexcept>

namespace drill::naive_bayes {

struct Model {
  xt::xtensor<double, 2> theta;
  xt::xtensor<double, 2> var;
  xt::xtensor<double, 1> prior;
  double epsilon;
};

Model fit(const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& y, double var_smoothing) {
  const size_t n = X.shape(0), C = size_t(xt::amax(y)()) + 1;
  xt::xtensor<double, 2> Y = xt::zeros<double>({n, C});
  for (size_t i = 0; i < n; ++i) Y(i, size_t(y(i))) = 1.0;
  const xt::xtensor<double, 1> count = xt::sum(Y, {0});
  const xt::xtensor<double, 2> col_count = xt::view(count, xt::all(), xt::newaxis());
  Model m;
  m.theta = xt::linalg::dot(xt::transpose(Y), X) / col_count;
  const xt::xtensor<double, 2> X2 = X * X;
  const xt::xtensor<double, 2> meansq = xt::linalg::dot(xt::transpose(Y), X2) / col_count;
  const xt::xtensor<double, 1> mu = xt::mean(X, {0});
  const xt::xtensor<double, 1> total_var = xt::mean(X2, {0}) - mu * mu;
  m.epsilon = var_smoothing * xt::amax(total_var)();
  m.var = meansq - m.theta * m.theta + m.epsilon;
  m.prior = count / double(n);
  return m;
}

xt::xtensor<double, 2> joint_log_likelihood(const Model& m, const xt::xtensor<double, 2>& X) {
  const auto Xb = xt::view(X, xt::all(), xt::newaxis(), xt::all());          // n × 1 × d
  const auto theta = xt::view(m.theta, xt::newaxis(), xt::all(), xt::all());  // 1 × C × d
  const auto var = xt::view(m.var, xt::newaxis(), xt::all(), xt::all());
  const xt::xtensor<double, 1> norm = -0.5 * xt::sum(xt::log(2.0 * M_PI * m.var), {1});
  const xt::xtensor<double, 2> quad = xt::sum(xt::square(Xb - theta) / var, {2});
  return xt::log(m.prior) + norm - 0.5 * quad;
}

xt::xtensor<double, 2> predict_proba(const Model& m, const xt::xtensor<double, 2>& X) {
  const xt::xtensor<double, 2> jll = joint_log_likelihood(m, X);
  const auto top = xt::amax(jll, {1}, xt::keep_dims);  // lazy: re-evaluated inside the broadcast
  const xt::xtensor<double, 2> lse = top + xt::log(xt::sum(xt::exp(jll - top), {1}, xt::keep_dims));
  return xt::exp(jll - lse);
}

xt::xtensor<int, 1> predict(const Model& m, const xt::xtensor<double, 2>& X) {
  const xt::xtensor<double, 2> jll = joint_log_likelihood(m, X);
  xt::xtensor<int, 1> labels = xt::zeros<int>({jll.shape(0)});
  for (size_t i = 0; i < jll.shape(0); ++i) {
    const xt::xtensor<double, 1> row = xt::row(jll, long(i));
    labels(i) = int(xt::argmax(row)());
  }
  return labels;
}

}  // namespace drill::naive_bayes
