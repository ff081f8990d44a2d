// Reference Gaussian naive Bayes in the xtensor flavor: graded as a candidate (must be
// accepted), and the idioms the README's side-by-side shows. scikit-learn's GaussianNB:
// biased variances + epsilon, priors count/n, jll as written, posteriors by log-sum-exp.
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace drill::naive_bayes {

struct Model {
  xt::xtensor<double, 2> theta;  // C × d
  xt::xtensor<double, 2> var;    // C × d
  xt::xtensor<double, 1> prior;  // C
  double epsilon;
};

Model fit(const xt::xtensor<double, 2>& X, const xt::xtensor<int, 1>& y, double var_smoothing) {
  const size_t n = X.shape(0), d = X.shape(1), classes = size_t(xt::amax(y)()) + 1;
  Model m{xt::zeros<double>({classes, d}), xt::zeros<double>({classes, d}), xt::zeros<double>({classes}), 0.0};
  // epsilon_ = var_smoothing * np.var(X, axis=0).max()
  m.epsilon = var_smoothing * xt::amax(xt::variance(X, {0}))();
  for (size_t c = 0; c < classes; ++c) {
    std::vector<size_t> rows;  // np.flatnonzero(y == c)
    for (size_t i = 0; i < n; ++i)
      if (y(i) == int(c)) rows.push_back(i);
    const xt::xtensor<double, 2> Xc = xt::view(X, xt::keep(rows), xt::all());
    xt::row(m.theta, long(c)) = xt::mean(Xc, {0});
    xt::row(m.var, long(c)) = xt::variance(Xc, {0}) + m.epsilon;
    m.prior(c) = double(rows.size()) / double(n);
  }
  return m;
}

// jll[:, c] = log prior_c − ½ Σ log(2π var_c) − ½ Σ (X − theta_c)² / var_c
xt::xtensor<double, 2> joint_log_likelihood(const Model& m, const xt::xtensor<double, 2>& X) {
  const size_t classes = m.theta.shape(0);
  xt::xtensor<double, 2> jll = xt::zeros<double>({X.shape(0), classes});
  for (size_t c = 0; c < classes; ++c) {
    const auto theta = xt::row(m.theta, long(c));
    const auto var = xt::row(m.var, long(c));
    const double norm = -0.5 * xt::sum(xt::log(2.0 * M_PI * var))();
    xt::col(jll, long(c)) = std::log(m.prior(c)) + norm - 0.5 * xt::sum(xt::square(X - theta) / var, {1});
  }
  return jll;
}

// exp(jll − logsumexp(jll)) per row; the row max evaluated first (a lazy keep_dims reducer
// inside the broadcast reads garbage in xtensor 0.24).
xt::xtensor<double, 2> predict_proba(const Model& m, const xt::xtensor<double, 2>& X) {
  const xt::xtensor<double, 2> jll = joint_log_likelihood(m, X);
  const xt::xtensor<double, 2> top = xt::amax(jll, {1}, xt::keep_dims);
  const xt::xtensor<double, 2> lse = top + xt::log(xt::sum(xt::exp(jll - top), {1}, xt::keep_dims));
  return xt::exp(jll - lse);
}

// np.argmax(jll, axis=1): the first maximum, so ties go to the smallest label.
xt::xtensor<int, 1> predict(const Model& m, const xt::xtensor<double, 2>& X) {
  const xt::xtensor<double, 2> jll = joint_log_likelihood(m, X);
  xt::xtensor<int, 1> labels = xt::zeros<int>({jll.shape(0)});
  for (size_t i = 0; i < jll.shape(0); ++i)
    for (size_t c = 1; c < jll.shape(1); ++c)
      if (jll(i, c) > jll(i, size_t(labels(i)))) labels(i) = int(c);
  return labels;
}

}  // namespace drill::naive_bayes
