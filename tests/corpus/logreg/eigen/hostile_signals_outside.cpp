// expect: accepted
// requires: sandbox
// Tries to signal, stop or limit any process but itself: kill and rt_sigqueueinfo on every
// PID up to 4096, pidfd_open/pidfd_send_signal, setpgid into another group then kill(0),
// tgkill, prlimit64 on its parent (a file-size limit of 0 killed the grader before). If any
// call succeeds it answers wrongly on purpose. Accepted = all refused, the grader unharmed.
#include <Eigen/Dense>
#include <cmath>
#include <csignal>
#include <cstring>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace {
bool attack() {
  bool any = false;
  const pid_t self = getpid();
  for (pid_t pid = 1; pid < 4096; ++pid) {
    if (pid == self) continue;
    if (kill(pid, 0) == 0) any = true;
    siginfo_t info;
    std::memset(&info, 0, sizeof info);
    info.si_code = SI_QUEUE;
    info.si_pid = self;
    if (syscall(SYS_rt_sigqueueinfo, pid, SIGCONT, &info) == 0) any = true;
    if (syscall(SYS_rt_tgsigqueueinfo, pid, pid, SIGCONT, &info) == 0) any = true;
    const long pidfd = syscall(SYS_pidfd_open, pid, 0);
    if (pidfd >= 0) {
      any = true;
      if (syscall(SYS_pidfd_send_signal, pidfd, SIGCONT, nullptr, 0) == 0) any = true;
      close(static_cast<int>(pidfd));
    }
    if (syscall(SYS_tgkill, pid, pid, 0) == 0) any = true;
  }
  if (setpgid(0, getppid()) == 0) any = true;
  if (setpgid(0, 1) == 0) any = true;
  if (setsid() >= 0) any = true;
  const rlimit zero{0, 0};
  if (syscall(SYS_prlimit64, getppid(), RLIMIT_FSIZE, &zero, nullptr) == 0) any = true;
  if (syscall(SYS_prlimit64, 1, RLIMIT_FSIZE, &zero, nullptr) == 0) any = true;
  if (kill(-1, 0) == 0) any = true;
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
