// Wire <-> xtensor conversions for the xtensor flavor: tensors travel row-major with
// their shape, as NumPy arrays would.
#pragma once
#include <xtensor/xadapt.hpp>
#include <xtensor/xtensor.hpp>

#include "runner/bind.hpp"

namespace mldrill::runner {

template <class Tensor>
Tensor& expect_rank(Tensor& t, size_t rank) {
  if (t.shape.size() != rank) throw BadRequest("expected a tensor of rank " + std::to_string(rank));
  return t;
}

template <size_t N>
struct Convert<xt::xtensor<double, N>> {
  static xt::xtensor<double, N> from(Value& v) {
    auto& t = expect_rank(expect<wire::Tensor>(v, "a float tensor"), N);
    std::array<size_t, N> shape;
    std::copy(t.shape.begin(), t.shape.end(), shape.begin());
    return xt::adapt(t.data, shape);
  }
  static void to(Values& out, const xt::xtensor<double, N>& x) {
    wire::Tensor t;
    t.shape.assign(x.shape().begin(), x.shape().end());
    t.data.assign(x.begin(), x.end());  // row-major iteration
    out.emplace_back(std::move(t));
  }
};

template <size_t N>
struct Convert<xt::xtensor<int, N>> {
  static xt::xtensor<int, N> from(Value& v) {
    auto& t = expect_rank(expect<wire::IntTensor>(v, "an integer tensor"), N);
    std::array<size_t, N> shape;
    std::copy(t.shape.begin(), t.shape.end(), shape.begin());
    xt::xtensor<int, N> x(shape);
    std::transform(t.data.begin(), t.data.end(), x.begin(), [](int64_t i) { return static_cast<int>(i); });
    return x;
  }
  static void to(Values& out, const xt::xtensor<int, N>& x) {
    wire::IntTensor t;
    t.shape.assign(x.shape().begin(), x.shape().end());
    t.data.assign(x.begin(), x.end());
    out.emplace_back(std::move(t));
  }
};

}  // namespace mldrill::runner
