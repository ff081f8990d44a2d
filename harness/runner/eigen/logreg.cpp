// Adapter: the logistic-regression functions of an eigen candidate, served over the wire.
#include "reference/logreg.hpp"  // the contract's types and declarations, not its code
#include "runner/eigen_adapter.hpp"

namespace mldrill::runner {
template <>
struct Convert<drill::logreg::Gradient> {
  static void to(Values& out, const drill::logreg::Gradient& g) {
    Convert<Eigen::VectorXd>::to(out, g.dw);
    out.emplace_back(g.db);
  }
};
template <>
struct Convert<drill::logreg::Model> {
  static void to(Values& out, const drill::logreg::Model& m) {
    Convert<Eigen::VectorXd>::to(out, m.w);
    out.emplace_back(m.b);
  }
};
}  // namespace mldrill::runner

const mldrill::runner::Table& drill_table() {
  using mldrill::runner::bind;
  namespace d = drill::logreg;
  static const mldrill::runner::Table table = {
      {"predict_proba", bind(&d::predict_proba)},
      {"loss", bind(&d::loss)},
      {"gradient", bind(&d::gradient)},
      {"fit", bind(&d::fit)},
  };
  return table;
}
