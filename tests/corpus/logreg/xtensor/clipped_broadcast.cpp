// expect: accepted
// Another correct style, the NumPy habit: p = 1 / (1 + exp(−z)) clipped to [1e−15, 1 − 1e−15]
// before the logs, and the gradient as a broadcast product summed over axis 0 (no BLAS).
#include <xtensor/xmath.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include <cmath>

namespace drill::logreg {

struct Gradient { xt::xtensor<double, 1> dw; double db; };
struct Model    { xt::xtensor<double, 1> w;  double b;  };

namespace {
xt::xtensor<double, 1> logits(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& w, double b) {
  return xt::sum(X * xt::view(w, xt::newaxis(), xt::all()), {1}) + b;
}
}  // namespace

xt::xtensor<double, 1> predict_proba(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& w, double b) {
  return 1.0 / (1.0 + xt::exp(-logits(X, w, b)));
}

double loss(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, const xt::xtensor<double, 1>& w,
            double b) {
  const xt::xtensor<double, 1> p = xt::clip(predict_proba(X, w, b), 1e-15, 1 - 1e-15);
  return -xt::mean(y * xt::log(p) + (1.0 - y) * xt::log(1.0 - p))();
}

Gradient gradient(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, const xt::xtensor<double, 1>& w,
                  double b) {
  const xt::xtensor<double, 1> err = predict_proba(X, w, b) - y;
  const xt::xtensor<double, 1> dw = xt::mean(X * xt::view(err, xt::all(), xt::newaxis()), {0});
  return {dw, xt::mean(err)()};
}

Model fit(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, double learning_rate, int epochs) {
  Model m{xt::zeros<double>({X.shape(1)}), 0.0};
  for (int e = 0; e < epochs; ++e) {
    const Gradient g = gradient(X, y, m.w, m.b);
    m.w = m.w - learning_rate * g.dw;
    m.b -= learning_rate * g.db;
  }
  return m;
}

}  // namespace drill::logreg
