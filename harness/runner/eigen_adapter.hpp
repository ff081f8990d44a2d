// Wire <-> Eigen conversions for the eigen flavor. Vectors (column or row) travel as
// 1-D tensors, matrices as row-major 2-D tensors; int vectors and matrices as integer tensors.
#pragma once
#include <Eigen/Dense>

#include "runner/bind.hpp"

namespace mldrill::runner {

inline wire::Tensor& expect_tensor(Value& v, size_t rank) {
  auto& t = expect<wire::Tensor>(v, "a float tensor");
  if (t.shape.size() != rank) throw BadRequest("expected a tensor of rank " + std::to_string(rank));
  return t;
}

template <>
struct Convert<Eigen::MatrixXd> {
  static Eigen::MatrixXd from(Value& v) {
    auto& t = expect_tensor(v, 2);
    return Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        t.data.data(), t.shape[0], t.shape[1]);
  }
  static void to(Values& out, const Eigen::MatrixXd& m) {
    wire::Tensor t;
    t.shape = {m.rows(), m.cols()};
    t.data.resize(static_cast<size_t>(m.size()));
    Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(t.data.data(), m.rows(),
                                                                                     m.cols()) = m;
    out.emplace_back(std::move(t));
  }
};

template <class V>
struct Convert<V, std::enable_if_t<std::is_same_v<V, Eigen::VectorXd> || std::is_same_v<V, Eigen::RowVectorXd>>> {
  static V from(Value& v) {
    auto& t = expect_tensor(v, 1);
    return Eigen::Map<V>(t.data.data(), t.shape[0]);
  }
  static void to(Values& out, const V& x) {
    wire::Tensor t;
    t.shape = {x.size()};
    t.data.assign(x.data(), x.data() + x.size());
    out.emplace_back(std::move(t));
  }
};

template <>
struct Convert<Eigen::VectorXi> {
  static Eigen::VectorXi from(Value& v) {
    auto& t = expect<wire::IntTensor>(v, "an integer tensor");
    if (t.shape.size() != 1) throw BadRequest("expected a 1-D integer tensor");
    Eigen::VectorXi x(t.shape[0]);
    for (Eigen::Index i = 0; i < x.size(); ++i) x[i] = static_cast<int>(t.data[size_t(i)]);
    return x;
  }
  static void to(Values& out, const Eigen::VectorXi& x) {
    wire::IntTensor t;
    t.shape = {x.size()};
    t.data.assign(x.data(), x.data() + x.size());
    out.emplace_back(std::move(t));
  }
};

template <>
struct Convert<Eigen::MatrixXi> {
  using RowMajor = Eigen::Matrix<int64_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  static Eigen::MatrixXi from(Value& v) {
    auto& t = expect<wire::IntTensor>(v, "an integer tensor");
    if (t.shape.size() != 2) throw BadRequest("expected a 2-D integer tensor");
    return Eigen::Map<RowMajor>(t.data.data(), t.shape[0], t.shape[1]).cast<int>();
  }
  static void to(Values& out, const Eigen::MatrixXi& m) {
    wire::IntTensor t;
    t.shape = {m.rows(), m.cols()};
    t.data.resize(static_cast<size_t>(m.size()));
    Eigen::Map<RowMajor>(t.data.data(), m.rows(), m.cols()) = m.cast<int64_t>();
    out.emplace_back(std::move(t));
  }
};

}  // namespace mldrill::runner
