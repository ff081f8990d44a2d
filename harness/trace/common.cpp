// JSON of Eigen values and the seeded point clouds that several drills' traces draw.
#include "trace/common.hpp"

#include "cases/inputs.hpp"

namespace mldrill::trace {

using nlohmann::json;

json matrix_json(const Eigen::MatrixXd& m) {
  json rows = json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    json row = json::array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(m(i, j));
    rows.push_back(row);
  }
  return rows;
}

json vector_json(const Eigen::VectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); }
json vector_json(const Eigen::RowVectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); }
json labels_json(const Eigen::VectorXi& v) { return std::vector<int>(v.data(), v.data() + v.size()); }

Eigen::MatrixXd blobs(int n, const std::vector<std::array<double, 2>>& centres, double spread, uint64_t seed) {
  cases::Draw draw(seed);
  Eigen::MatrixXd X(n, 2);
  for (int i = 0; i < n; ++i) {
    const auto& c = centres[size_t(i) % centres.size()];
    X(i, 0) = c[0] + spread * draw.normal();
    X(i, 1) = c[1] + spread * draw.normal();
  }
  return X;
}

}  // namespace mldrill::trace
