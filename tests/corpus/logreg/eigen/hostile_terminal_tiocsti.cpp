// expect: accepted
// requires: sandbox
// Tries to type a command into the user's terminal (ioctl TIOCSTI on /dev/tty, on its
// standard descriptors and on any pseudo-terminal it can open) and to find a terminal at all;
// if any of it works it answers wrongly on purpose. Accepted = no terminal was reachable.
#include <Eigen/Dense>
#include <cmath>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace {
bool attack() {
  bool any = false;
  const char* cmd = "echo mldrill-pwned\n";
  auto inject = [&](int fd) {
    for (const char* c = cmd; *c; ++c)
      if (ioctl(fd, TIOCSTI, c) == 0) any = true;
  };
  for (const char* tty : {"/dev/tty", "/dev/console", "/dev/pts/0", "/dev/pts/1", "/dev/ptmx"}) {
    const int fd = open(tty, O_RDWR | O_NOCTTY);
    if (fd >= 0) { inject(fd); close(fd); }
  }
  for (int fd = 0; fd < 64; ++fd) {
    if (isatty(fd)) any = true;  // any terminal at all is an escape
    inject(fd);
  }
  return any;
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
