// fork/exec with a captured, size-capped output pipe, a wall-clock limit and rlimits.
#include "sandbox/run_command.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <system_error>

#include "sandbox/jail.hpp"

namespace mldrill::sandbox {
namespace {

void set_limit(int resource, uint64_t value) {
  if (value == 0) return;
  rlimit rl{value, value};
  setrlimit(resource, &rl);
}

// `env` null: the caller's environment (execvp); else exactly `env` (execve, argv[0] a path).
CommandResult run(const std::vector<std::string>& argv, const CommandLimits& limits, const char* const* env) {
  CommandResult res;
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int out[2];
  if (pipe2(out, O_CLOEXEC)) throw std::system_error(errno, std::generic_category(), "pipe");
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid == 0) {
    setpgid(0, 0);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    dup2(out[1], 1);
    dup2(out[1], 2);
    set_limit(RLIMIT_AS, limits.address_space_bytes);
    set_limit(RLIMIT_FSIZE, limits.file_size_bytes);
    if (limits.cpu_seconds > 0) set_limit(RLIMIT_CPU, static_cast<uint64_t>(limits.cpu_seconds));
    set_limit(RLIMIT_CORE, 0);
    if (env) execve(args[0], args.data(), const_cast<char* const*>(env));
    else execvp(args[0], args.data());
    _exit(127);
  }
  setpgid(pid, pid);
  close(out[1]);
  fcntl(out[0], F_SETFL, O_NONBLOCK);
  auto drain = [&] {
    char buf[16384];
    ssize_t n;
    while ((n = read(out[0], buf, sizeof buf)) > 0) {
      if (res.output.size() < limits.output_bytes) res.output.append(buf, size_t(n));
      else res.output_limit = true;
    }
  };
  int status = 0;
  bool done = false;
  while (!done) {
    pollfd p{out[0], POLLIN, 0};
    poll(&p, 1, 50);
    drain();
    done = waitpid(pid, &status, WNOHANG) == pid;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!done && (elapsed > limits.wall_seconds || res.output_limit)) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      res.timed_out = !res.output_limit;
      done = true;
    }
  }
  drain();
  close(out[0]);
  kill(-pid, SIGKILL);  // stray helpers of the compiler, if any
  const bool stopped = res.timed_out || res.output_limit;
  res.exit_code = WIFEXITED(status) && !stopped ? WEXITSTATUS(status) : -1;
  if (WIFSIGNALED(status)) res.signal = WTERMSIG(status);
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return res;
}

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv, double wall_seconds,
                          unsigned long long address_space_bytes) {
  CommandLimits limits;
  limits.wall_seconds = wall_seconds;
  limits.address_space_bytes = address_space_bytes;
  return run(argv, limits, nullptr);
}

CommandResult run_command(const std::vector<std::string>& argv, const CommandLimits& limits) {
  return run(argv, limits, nullptr);
}

CommandResult run_confined(const JailSpec& jail, const std::vector<std::string>& argv, const CommandLimits& limits) {
  if (!require_isolation(false)) return run(argv, limits, nullptr);  // the override: as before
  const std::string home = "HOME=" + (jail.chdir.empty() ? std::string("/tmp") : jail.chdir);
  const char* env[] = {"PATH=/usr/bin:/bin", "LANG=C", "TMPDIR=/tmp", home.c_str(), nullptr};
  CommandResult r = run(jail_argv(jail, argv), limits, env);
  // bubblewrap exits with 128 + n when its command died of signal n.
  if (r.exit_code > 128 && r.exit_code < 128 + 65) {
    r.signal = r.exit_code - 128;
    r.exit_code = -1;
  }
  return r;
}

}  // namespace mldrill::sandbox
