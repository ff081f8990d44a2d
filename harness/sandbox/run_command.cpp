// fork/exec with a captured, size-capped output pipe and a wall-clock limit.
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

namespace mldrill::sandbox {

CommandResult run_command(const std::vector<std::string>& argv, double wall_seconds,
                          unsigned long long address_space_bytes) {
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
    if (address_space_bytes) {
      rlimit rl{address_space_bytes, address_space_bytes};
      setrlimit(RLIMIT_AS, &rl);
    }
    execvp(args[0], args.data());
    _exit(127);
  }
  setpgid(pid, pid);
  close(out[1]);
  fcntl(out[0], F_SETFL, O_NONBLOCK);
  int status = 0;
  bool done = false;
  while (!done) {
    pollfd p{out[0], POLLIN, 0};
    poll(&p, 1, 50);
    char buf[16384];
    ssize_t n;
    while ((n = read(out[0], buf, sizeof buf)) > 0)
      if (res.output.size() < (4u << 20)) res.output.append(buf, size_t(n));
    done = waitpid(pid, &status, WNOHANG) == pid;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!done && elapsed > wall_seconds) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      res.timed_out = true;
      done = true;
    }
  }
  char buf[16384];
  ssize_t n;
  while ((n = read(out[0], buf, sizeof buf)) > 0)
    if (res.output.size() < (4u << 20)) res.output.append(buf, size_t(n));
  close(out[0]);
  kill(-pid, SIGKILL);  // stray helpers of the compiler, if any
  res.exit_code = WIFEXITED(status) && !res.timed_out ? WEXITSTATUS(status) : -1;
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return res;
}

}  // namespace mldrill::sandbox
