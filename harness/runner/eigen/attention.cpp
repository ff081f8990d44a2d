// Adapter: the attention functions of an eigen candidate, served over the wire.
#include "reference/attention.hpp"  // the contract's types and declarations, not its code
#include "runner/eigen_adapter.hpp"

namespace mldrill::runner {
template <>
struct Convert<drill::attention::Grads> {
  static void to(Values& out, const drill::attention::Grads& g) {
    Convert<Eigen::MatrixXd>::to(out, g.dQ);
    Convert<Eigen::MatrixXd>::to(out, g.dK);
    Convert<Eigen::MatrixXd>::to(out, g.dV);
  }
};
}  // namespace mldrill::runner

const mldrill::runner::Table& drill_table() {
  using mldrill::runner::bind;
  namespace d = drill::attention;
  static const mldrill::runner::Table table = {
      {"forward", bind(&d::forward)},
      {"backward", bind(&d::backward)},
  };
  return table;
}
