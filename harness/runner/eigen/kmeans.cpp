// Adapter: the k-means functions of an eigen candidate, served over the wire.
#include "reference/kmeans.hpp"  // the contract's types and declarations, not its code
#include "runner/eigen_adapter.hpp"

namespace mldrill::runner {
template <>
struct Convert<drill::kmeans::Result> {
  static void to(Values& out, const drill::kmeans::Result& r) {
    Convert<Eigen::MatrixXd>::to(out, r.centroids);
    Convert<Eigen::VectorXi>::to(out, r.labels);
    out.emplace_back(r.inertia);
    out.emplace_back(int64_t(r.iterations));
  }
};
}  // namespace mldrill::runner

const mldrill::runner::Table& drill_table() {
  namespace r = mldrill::runner;  // qualified: std::bind would win by ADL on std::mt19937_64
  namespace d = drill::kmeans;
  static const r::Table table = {
      {"fit", r::bind(&d::fit)},
      {"init_plus_plus", r::bind(&d::init_plus_plus)},
  };
  return table;
}
