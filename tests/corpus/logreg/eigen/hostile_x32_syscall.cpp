// expect: runtime_error
// case: predict_proba(n=40,d=6)
// message: killed by signal 31
// requires: sandbox
// Calls getpid through the x32 ABI (system-call number with bit 30 set), which a filter for
// x86_64 numbers alone would let through: the filter kills the process instead.
#include <Eigen/Dense>
#include <cmath>
#include <sys/syscall.h>
#include <unistd.h>

namespace {
bool attack() {
#if defined(__x86_64__)
  return syscall(0x40000000L | SYS_getpid) >= 0;  // never returns: SIGSYS
#else
  return true;  // no x32 ABI on this architecture
#endif
}
}  // namespace

namespace drill::logreg {
struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  Eigen::ArrayXd z = (X * w).array() + b;
  static const bool escaped = attack();
  if (escaped) return Eigen::VectorXd::Constant(X.rows(), 0.5);
  return (1.0 / (1.0 + (-z).exp())).matrix();
}

double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  Eigen::ArrayXd p = predict_proba(X, w, b).array().max(1e-15).min(1 - 1e-15);
  Eigen::ArrayXd t = y.array();
  return -(t * p.log() + (1 - t) * (1 - p).log()).mean();
}

Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  Eigen::VectorXd err = predict_proba(X, w, b) - y;
  const double n = static_cast<double>(X.rows());
  return {X.transpose() * err / n, err.sum() / n};
}

Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double learning_rate, int epochs) {
  Model m{Eigen::VectorXd::Zero(X.cols()), 0.0};
  for (int e = 0; e < epochs; ++e) {
    Gradient g = gradient(X, y, m.w, m.b);
    m.w -= learning_rate * g.dw;
    m.b -= learning_rate * g.db;
  }
  return m;
}
}  // namespace drill::logreg
