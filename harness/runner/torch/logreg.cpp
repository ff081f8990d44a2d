// Adapter: the logistic-regression functions of a torch candidate, served over the wire.
// The contract's types, as exercises/logreg/stubs/torch.cpp declares them.
#include "runner/torch_adapter.hpp"

namespace drill::logreg {
struct Gradient { torch::Tensor dw; double db; };
struct Model    { torch::Tensor w;  double b;  };
torch::Tensor predict_proba(const torch::Tensor& X, const torch::Tensor& w, double b);
double loss(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b);
Gradient gradient(const torch::Tensor& X, const torch::Tensor& y, const torch::Tensor& w, double b);
Model fit(const torch::Tensor& X, const torch::Tensor& y, double learning_rate, int epochs);
}  // namespace drill::logreg

namespace mldrill::runner {
template <>
struct Convert<drill::logreg::Gradient> {
  static void to(Values& out, const drill::logreg::Gradient& g) {
    Convert<torch::Tensor>::to(out, g.dw);
    out.emplace_back(g.db);
  }
};
template <>
struct Convert<drill::logreg::Model> {
  static void to(Values& out, const drill::logreg::Model& m) {
    Convert<torch::Tensor>::to(out, m.w);
    out.emplace_back(m.b);
  }
};
}  // namespace mldrill::runner

const mldrill::runner::Table& drill_table() {
  using namespace mldrill::runner;
  namespace d = drill::logreg;
  static const Table table = {
      {"predict_proba", with_outputs(bind(&d::predict_proba), {{Out::Float, "probabilities"}})},
      {"loss", bind(&d::loss)},
      {"gradient", with_outputs(bind(&d::gradient), {{Out::Float, "dw"}})},
      {"fit", with_outputs(bind(&d::fit), {{Out::Float, "weights"}})},
  };
  return table;
}
