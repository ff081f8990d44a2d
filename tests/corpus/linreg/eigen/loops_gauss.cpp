// expect: accepted
// Plain loops everywhere; ridge by Gaussian elimination (partial pivoting) on the augmented
// (d+1)-system of w and b, with lambda on the d weight entries only (no centring needed).
#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>
#include <utility>
#include <vector>

namespace drill::linreg {
struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

Eigen::VectorXd predict(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  Eigen::VectorXd out(X.rows());
  for (int i = 0; i < X.rows(); ++i) {
    double s = b;
    for (int j = 0; j < X.cols(); ++j) s += X(i, j) * w[j];
    out[i] = s;
  }
  return out;
}

double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  Eigen::VectorXd p = predict(X, w, b);
  double total = 0;
  for (int i = 0; i < X.rows(); ++i) total += (p[i] - y[i]) * (p[i] - y[i]);
  return total / X.rows();
}

Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  Eigen::VectorXd p = predict(X, w, b);
  Gradient g{Eigen::VectorXd::Zero(X.cols()), 0.0};
  const int n = int(X.rows());
  for (int i = 0; i < n; ++i) {
    double r = p[i] - y[i];
    for (int j = 0; j < X.cols(); ++j) g.dw[j] += 2 * r * X(i, j) / n;
    g.db += 2 * r / n;
  }
  return g;
}

Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double learning_rate, int epochs) {
  Model m{Eigen::VectorXd::Zero(X.cols()), 0.0};
  for (int e = 1; e <= epochs; ++e) {
    Gradient g = gradient(X, y, m.w, m.b);
    for (int j = 0; j < m.w.size(); ++j) m.w[j] -= learning_rate * g.dw[j];
    m.b -= learning_rate * g.db;
  }
  return m;
}

Model fit_ridge(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double lambda) {
  if (!(lambda >= 0)) throw std::invalid_argument("fit_ridge: negative lambda");
  const int n = int(X.rows()), d = int(X.cols()), k = d + 1;
  // Rows of [X 1]; normal equations with lambda on the first d diagonal entries.
  std::vector<std::vector<double>> A(k, std::vector<double>(k + 1, 0.0));
  for (int i = 0; i < n; ++i)
    for (int a = 0; a < k; ++a) {
      double xa = a < d ? X(i, a) : 1.0;
      for (int c = 0; c < k; ++c) A[a][c] += xa * (c < d ? X(i, c) : 1.0);
      A[a][k] += xa * y[i];
    }
  for (int a = 0; a < d; ++a) A[a][a] += lambda;
  for (int col = 0; col < k; ++col) {
    int piv = col;
    for (int r = col + 1; r < k; ++r)
      if (std::abs(A[r][col]) > std::abs(A[piv][col])) piv = r;
    std::swap(A[col], A[piv]);
    for (int r = col + 1; r < k; ++r) {
      double f = A[r][col] / A[col][col];
      for (int c = col; c <= k; ++c) A[r][c] -= f * A[col][c];
    }
  }
  std::vector<double> x(k);
  for (int r = k - 1; r >= 0; --r) {
    double s = A[r][k];
    for (int c = r + 1; c < k; ++c) s -= A[r][c] * x[c];
    x[r] = s / A[r][r];
  }
  Model m{Eigen::VectorXd(d), x[d]};
  for (int j = 0; j < d; ++j) m.w[j] = x[j];
  return m;
}
}  // namespace drill::linreg
