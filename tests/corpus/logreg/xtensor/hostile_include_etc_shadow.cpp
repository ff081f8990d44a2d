// expect: compile_error
// message: is refused
// message: only standard and library headers
// Includes /etc/shadow by path: refused in every flavor.
#include "/etc/shadow"
// accepted), and the idioms the README's side-by-side shows. Stable for any logit z.
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor-blas/xlinalg.hpp>
#include <cmath>
#include <stdexcept>

namespace drill::logreg {

struct Gradient { xt::xtensor<double, 1> dw; double db; };
struct Model    { xt::xtensor<double, 1> w;  double b;  };

// z = X @ w + b
xt::xtensor<double, 1> logits(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& w, double b) {
  return xt::linalg::dot(X, w) + b;
}

// sigmoid without overflow: exp() only ever sees a non-positive argument.
xt::xtensor<double, 1> predict_proba(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& w, double b) {
  const xt::xtensor<double, 1> z = logits(X, w, b);
  const xt::xtensor<double, 1> e = xt::exp(-xt::abs(z));
  return xt::where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e));
}

// Mean BCE on the logits: softplus(z) - y z, with softplus(z) = max(z, 0) + log1p(exp(-|z|)).
double loss(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, const xt::xtensor<double, 1>& w,
            double b) {
  const xt::xtensor<double, 1> z = logits(X, w, b);
  return xt::mean(xt::maximum(z, 0.0) + xt::log1p(xt::exp(-xt::abs(z))) - y * z)();
}

// dL/dw = X.T @ (p - y) / n,  dL/db = mean(p - y)
Gradient gradient(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, const xt::xtensor<double, 1>& w,
                  double b) {
  const xt::xtensor<double, 1> err = predict_proba(X, w, b) - y;
  const double n = static_cast<double>(X.shape(0));
  return {xt::linalg::dot(xt::transpose(X), err) / n, xt::sum(err)() / n};
}

Model fit(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, double learning_rate, int epochs) {
  Model m{xt::zeros<double>({X.shape(1)}), 0.0};
  for (int e = 0; e < epochs; ++e) {
    const Gradient g = gradient(X, y, m.w, m.b);
    m.w -= learning_rate * g.dw;
    m.b -= learning_rate * g.db;
  }
  return m;
}

}  // namespace drill::logreg
