// expect: accepted
// Another correct style: xtensor only as storage; every product, the softmax and the
// backward pass are plain loops over the row-major buffers (data()), a batch is copied row by
// row, and the momentum update runs element by element.
#include <xtensor/xtensor.hpp>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

namespace drill::mlp {

struct Params { xt::xtensor<double, 2> W1; xt::xtensor<double, 1> b1; xt::xtensor<double, 2> W2; xt::xtensor<double, 1> b2; };
using Grads = Params;
struct TrainOptions { int epochs = 30; int batch_size = 64; double learning_rate = 0.1; double momentum = 0.9; };

using Matrix = xt::xtensor<double, 2>;
using Vector = xt::xtensor<double, 1>;

namespace {
// out (n × k) = A (n × m) · B (m × k) + bias, each row.
Matrix affine(const Matrix& A, const Matrix& B, const Vector& bias) {
  const size_t n = A.shape(0), m = A.shape(1), k = B.shape(1);
  auto out = Matrix::from_shape({n, k});
  const double *a = A.data(), *b = B.data();
  double* o = out.data();
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < k; ++j) {
      double s = bias(j);
      for (size_t t = 0; t < m; ++t) s += a[i * m + t] * b[t * k + j];
      o[i * k + j] = s;
    }
  return out;
}
}  // namespace

Matrix forward(const Params& p, const Matrix& X) {
  Matrix A1 = affine(X, p.W1, p.b1);
  for (double& v : A1) v = std::max(v, 0.0);
  return affine(A1, p.W2, p.b2);
}

double loss_and_grads(const Params& p, const Matrix& X, const xt::xtensor<int, 1>& y, Grads& grads) {
  const size_t n = X.shape(0), d = X.shape(1), h = p.W1.shape(1), c = p.W2.shape(1);
  const Matrix Z1 = affine(X, p.W1, p.b1);
  Matrix A1 = Z1;
  for (double& v : A1) v = std::max(v, 0.0);
  Matrix dL = affine(A1, p.W2, p.b2);  // the logits, turned into dL/dlogits row by row
  double loss = 0;
  for (size_t i = 0; i < n; ++i) {
    double* row = dL.data() + i * c;
    const double mx = *std::max_element(row, row + c);
    double total = 0;
    for (size_t j = 0; j < c; ++j) total += std::exp(row[j] - mx);
    loss += mx + std::log(total) - row[y(i)];
    for (size_t j = 0; j < c; ++j) row[j] = (std::exp(row[j] - mx) / total - (int(j) == y(i))) / double(n);
  }
  grads.W1 = xt::zeros<double>({d, h});
  grads.b1 = xt::zeros<double>({h});
  grads.W2 = xt::zeros<double>({h, c});
  grads.b2 = xt::zeros<double>({c});
  std::vector<double> dz(h);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < c; ++j) {
      grads.b2(j) += dL(i, j);
      for (size_t t = 0; t < h; ++t) grads.W2(t, j) += A1(i, t) * dL(i, j);
    }
    for (size_t t = 0; t < h; ++t) {
      double s = 0;
      for (size_t j = 0; j < c; ++j) s += dL(i, j) * p.W2(t, j);
      dz[t] = Z1(i, t) > 0 ? s : 0.0;
      grads.b1(t) += dz[t];
    }
    for (size_t k = 0; k < d; ++k)
      for (size_t t = 0; t < h; ++t) grads.W1(k, t) += X(i, k) * dz[t];
  }
  return loss / double(n);
}

Params init(int d, int h, int c, std::mt19937_64& rng) {
  auto he = [&rng](size_t fan_in, size_t fan_out) {
    std::normal_distribution<double> normal(0.0, std::sqrt(2.0 / double(fan_in)));
    auto W = Matrix::from_shape({fan_in, fan_out});
    for (double& v : W) v = normal(rng);  // row-major order
    return W;
  };
  Matrix W1 = he(size_t(d), size_t(h));
  Matrix W2 = he(size_t(h), size_t(c));
  return {W1, xt::zeros<double>({size_t(h)}), W2, xt::zeros<double>({size_t(c)})};
}

Params train(Params p, const Matrix& X, const xt::xtensor<int, 1>& y, const TrainOptions& opt,
             std::mt19937_64& rng) {
  const size_t n = X.shape(0), d = X.shape(1);
  Params v{xt::zeros_like(p.W1), xt::zeros_like(p.b1), xt::zeros_like(p.W2), xt::zeros_like(p.b2)};
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t(0));
  Grads g;
  for (int epoch = 0; epoch < opt.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t start = 0; start < n; start += size_t(opt.batch_size)) {
      const size_t m = std::min(size_t(opt.batch_size), n - start);
      Matrix Xb = Matrix::from_shape({m, d});
      auto yb = xt::xtensor<int, 1>::from_shape({m});  // not yb({m}): that is one element holding m
      for (size_t r = 0; r < m; ++r) {
        std::copy(X.data() + order[start + r] * d, X.data() + (order[start + r] + 1) * d, Xb.data() + r * d);
        yb(r) = y(order[start + r]);
      }
      loss_and_grads(p, Xb, yb, g);
      auto step = [&opt](auto& theta, auto& vel, const auto& grad) {
        for (size_t k = 0; k < theta.size(); ++k) {
          vel.data()[k] = opt.momentum * vel.data()[k] + grad.data()[k];
          theta.data()[k] -= opt.learning_rate * vel.data()[k];
        }
      };
      step(p.W1, v.W1, g.W1);
      step(p.b1, v.b1, g.b1);
      step(p.W2, v.W2, g.W2);
      step(p.b2, v.b2, g.b2);
    }
  }
  return p;
}

}  // namespace drill::mlp
