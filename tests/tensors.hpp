// Small wire tensors for unit tests of the grading helpers.
#pragma once
#include <vector>

#include "wire/wire.hpp"

namespace mldrill::testing {

inline wire::Tensor vec(std::vector<double> v) {
  wire::Tensor t;
  t.shape = {int64_t(v.size())};
  t.data = std::move(v);
  return t;
}

inline wire::Tensor mat(int64_t rows, int64_t cols, std::vector<double> v) {
  wire::Tensor t;
  t.shape = {rows, cols};
  t.data = std::move(v);
  return t;
}

}  // namespace mldrill::testing
