// expect: accepted
// requires: sandbox
// Tries to change files outside its run directory without writing them: chmod, chown,
// utimensat, setxattr and the immutable flag (FS_IOC_SETFLAGS) on its own executable, every
// directory above it, the default history database, /usr and /etc files. If any succeeds it
// answers wrongly on purpose. Accepted = every change was refused.
#include <Eigen/Dense>
#include <cmath>
#include <fcntl.h>
#include <linux/fs.h>
#include <string>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <vector>

namespace {
bool attack() {
  std::vector<std::string> targets{"/root/.local/share/mldrill/history.sqlite3", "/root/.local/share/mldrill",
                                   "/usr/bin/true", "/etc/ld.so.cache", "/tmp/../usr/lib"};
  char exe[4096] = {0};
  if (readlink("/proc/self/exe", exe, sizeof exe - 1) > 0) {
    std::string p = exe;
    while (!p.empty()) {
      targets.push_back(p);
      targets.push_back(p + "/history.sqlite3");
      p = p.substr(0, p.rfind('/'));
    }
  }
  bool any = false;
  for (const auto& t : targets) {
    const char* f = t.c_str();
    if (chmod(f, 0777) == 0) any = true;
    if (chown(f, 0, 0) == 0 || lchown(f, 65534, 65534) == 0) any = true;
    const timespec times[2] = {{0, 0}, {0, 0}};
    if (utimensat(AT_FDCWD, f, times, 0) == 0) any = true;
    if (setxattr(f, "user.mldrill", "x", 1, 0) == 0) any = true;
    if (removexattr(f, "user.mldrill") == 0) any = true;
    const int fd = open(f, O_RDONLY);
    if (fd >= 0) {
      int flags = FS_IMMUTABLE_FL;
      if (ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0) any = true;
      if (fchmod(fd, 0777) == 0) any = true;
      close(fd);
    }
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
