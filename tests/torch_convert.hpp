// Eigen <-> LibTorch (double precision) for tests and benchmarks that use LibTorch as oracle.
#pragma once
#include <torch/torch.h>

#include <Eigen/Dense>

namespace mldrill::testing {

inline torch::Tensor to_torch(const Eigen::MatrixXd& m) {
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> r = m;
  return torch::from_blob(r.data(), {r.rows(), r.cols()}, torch::kFloat64).clone();
}
inline torch::Tensor to_torch(const Eigen::VectorXd& v) {
  Eigen::VectorXd c = v;
  return torch::from_blob(c.data(), {c.size()}, torch::kFloat64).clone();
}
inline torch::Tensor to_torch(const Eigen::RowVectorXd& v) { return to_torch(Eigen::VectorXd(v.transpose())); }
inline torch::Tensor to_torch(const Eigen::VectorXi& v) {
  Eigen::Matrix<int64_t, Eigen::Dynamic, 1> c = v.cast<int64_t>();
  return torch::from_blob(c.data(), {c.size()}, torch::kInt64).clone();
}

inline Eigen::MatrixXd matrix_from(const torch::Tensor& t) {
  auto c = t.to(torch::kFloat64).contiguous();
  return Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(c.data_ptr<double>(),
                                                                                           c.size(0), c.size(1));
}
inline Eigen::VectorXd vector_from(const torch::Tensor& t) {
  auto c = t.to(torch::kFloat64).contiguous().reshape({-1});
  return Eigen::Map<Eigen::VectorXd>(c.data_ptr<double>(), c.size(0));
}

}  // namespace mldrill::testing
