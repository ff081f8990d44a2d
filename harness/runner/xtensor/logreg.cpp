// Adapter: the logistic-regression functions of an xtensor candidate, served over the wire.
// The contract's types, as exercises/logreg/stubs/xtensor.cpp declares them.
#include "runner/xtensor_adapter.hpp"

namespace drill::logreg {
struct Gradient { xt::xtensor<double, 1> dw; double db; };
struct Model    { xt::xtensor<double, 1> w;  double b;  };
xt::xtensor<double, 1> predict_proba(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& w, double b);
double loss(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, const xt::xtensor<double, 1>& w,
            double b);
Gradient gradient(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, const xt::xtensor<double, 1>& w,
                  double b);
Model fit(const xt::xtensor<double, 2>& X, const xt::xtensor<double, 1>& y, double learning_rate, int epochs);
}  // namespace drill::logreg

namespace mldrill::runner {
template <>
struct Convert<drill::logreg::Gradient> {
  static void to(Values& out, const drill::logreg::Gradient& g) {
    Convert<xt::xtensor<double, 1>>::to(out, g.dw);
    out.emplace_back(g.db);
  }
};
template <>
struct Convert<drill::logreg::Model> {
  static void to(Values& out, const drill::logreg::Model& m) {
    Convert<xt::xtensor<double, 1>>::to(out, m.w);
    out.emplace_back(m.b);
  }
};
}  // namespace mldrill::runner

const mldrill::runner::Table& drill_table() {
  // Qualified: xtensor's and LibTorch's types pull std::bind in through ADL.
  namespace r = mldrill::runner;
  namespace d = drill::logreg;
  static const mldrill::runner::Table table = {
      {"predict_proba", r::bind(&d::predict_proba)},
      {"loss", r::bind(&d::loss)},
      {"gradient", r::bind(&d::gradient)},
      {"fit", r::bind(&d::fit)},
  };
  return table;
}
