// expect: accepted
// Another correct style: plain loops over xt::xtensor elements, the causal mask as "skip
// j > i" (those weights stay 0), each row's softmax with its own max; no BLAS at all.
#include <xtensor/xtensor.hpp>
#include <cmath>
#include <stdexcept>

namespace drill::attention {

struct Grads { xt::xtensor<double, 2> dQ, dK, dV; };

using Matrix = xt::xtensor<double, 2>;

namespace {
Matrix weights(const Matrix& Q, const Matrix& K, bool causal) {
  const size_t n = Q.shape(0), m = K.shape(0), d = Q.shape(1);
  if (causal && n != m) throw std::invalid_argument("causal needs n == m");
  Matrix P = xt::zeros<double>({n, m});
  for (size_t i = 0; i < n; ++i) {
    const size_t last = causal ? i + 1 : m;
    double mx = -INFINITY;
    for (size_t j = 0; j < last; ++j) {
      double s = 0;
      for (size_t k = 0; k < d; ++k) s += Q(i, k) * K(j, k);
      P(i, j) = s / std::sqrt(double(d));
      mx = std::max(mx, P(i, j));
    }
    double total = 0;
    for (size_t j = 0; j < last; ++j) total += (P(i, j) = std::exp(P(i, j) - mx));
    for (size_t j = 0; j < last; ++j) P(i, j) /= total;
  }
  return P;
}

Matrix matmul(const Matrix& A, const Matrix& B, bool transpose_a, bool transpose_b) {
  const size_t rows = transpose_a ? A.shape(1) : A.shape(0), inner = transpose_a ? A.shape(0) : A.shape(1);
  const size_t cols = transpose_b ? B.shape(0) : B.shape(1);
  Matrix C = xt::zeros<double>({rows, cols});
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < cols; ++c)
      for (size_t k = 0; k < inner; ++k)
        C(r, c) += (transpose_a ? A(k, r) : A(r, k)) * (transpose_b ? B(c, k) : B(k, c));
  return C;
}
}  // namespace

Matrix forward(const Matrix& Q, const Matrix& K, const Matrix& V, bool causal) {
  return matmul(weights(Q, K, causal), V, false, false);
}

Grads backward(const Matrix& Q, const Matrix& K, const Matrix& V, bool causal, const Matrix& dOut) {
  const Matrix P = weights(Q, K, causal);
  const Matrix dP = matmul(dOut, V, false, true);
  Matrix dS = xt::zeros<double>(P.shape());
  const double scale = 1.0 / std::sqrt(double(Q.shape(1)));
  for (size_t i = 0; i < P.shape(0); ++i) {
    double row = 0;
    for (size_t j = 0; j < P.shape(1); ++j) row += P(i, j) * dP(i, j);
    for (size_t j = 0; j < P.shape(1); ++j) dS(i, j) = P(i, j) * (dP(i, j) - row) * scale;
  }
  return {matmul(dS, K, false, false), matmul(dS, Q, true, false), matmul(P, dOut, true, false)};
}

}  // namespace drill::attention
