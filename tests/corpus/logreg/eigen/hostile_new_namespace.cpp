// expect: accepted
// requires: sandbox
// Tries to leave its jail: unshare and setns into new namespaces, mount, chroot, ptrace its
// parent, read another process's memory (process_vm_readv), personality, and a new process by
// clone without CLONE_THREAD or clone3. If any succeeds it answers wrongly on purpose.
#include <Eigen/Dense>
#include <cmath>
#include <sched.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>

namespace {
bool attack() {
  bool any = false;
  if (unshare(CLONE_NEWUSER) == 0 || unshare(CLONE_NEWNS) == 0 || unshare(CLONE_NEWNET) == 0) any = true;
  if (mount("none", "/tmp", "tmpfs", 0, nullptr) == 0) any = true;
  if (chroot("/tmp") == 0) any = true;
  if (ptrace(PTRACE_ATTACH, getppid(), nullptr, nullptr) == 0) any = true;
  char buf[16];
  iovec local{buf, sizeof buf}, remote{reinterpret_cast<void*>(0x400000), sizeof buf};
  if (syscall(SYS_process_vm_readv, getppid(), &local, 1, &remote, 1, 0) > 0) any = true;
  if (syscall(SYS_process_vm_writev, getppid(), &local, 1, &remote, 1, 0) > 0) any = true;
  if (personality(0xffffffff) != 0 && personality(ADDR_NO_RANDOMIZE) >= 0 &&
      (personality(0xffffffff) & ADDR_NO_RANDOMIZE))
    any = true;
  const long child = syscall(SYS_clone, SIGCHLD, nullptr, nullptr, nullptr, 0);
  if (child == 0) _exit(0);
  if (child > 0) { any = true; waitpid(static_cast<pid_t>(child), nullptr, 0); }
  struct { unsigned long long flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls; } args{};
  args.exit_signal = SIGCHLD;
  const long c3 = syscall(SYS_clone3, &args, sizeof args);
  if (c3 == 0) _exit(0);
  if (c3 > 0) { any = true; waitpid(static_cast<pid_t>(c3), nullptr, 0); }
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
