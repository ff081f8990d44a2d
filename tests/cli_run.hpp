// Running the real `mldrill` binary from a test: a fresh MLDRILL_HOME (and an empty HOME),
// stdout and stderr captured, the exit code; and a long-running one (watch) read as it goes.
#pragma once
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace cli_run {

namespace fs = std::filesystem;

inline const std::string kBinary = std::string(MLDRILL_BUILD_DIR) + "/harness/mldrill";

struct Run {
  int exit_code = -1;
  std::string out, err;
  nlohmann::json doc() const { return nlohmann::json::parse(out); }  // throws unless stdout is one JSON document
};

struct Home {
  fs::path dir, fake_home;
  explicit Home(const std::string& name) {
    dir = fs::temp_directory_path() / ("mldrill-cli-test-" + name);
    fake_home = dir.string() + "-home";
    fs::remove_all(dir);
    fs::remove_all(fake_home);
    fs::create_directories(fake_home);
  }
  std::map<std::string, std::string> env(std::map<std::string, std::string> extra = {}) const {
    extra.emplace("MLDRILL_HOME", dir.string());
    extra.emplace("HOME", fake_home.string());
    extra.emplace("TZ", "UTC");
    return extra;
  }
};

inline pid_t spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env, int out_fd,
                   int err_fd) {
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    unsetenv("XDG_DATA_HOME");
    unsetenv("MLDRILL_TODAY");
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv{const_cast<char*>(kBinary.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(kBinary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

inline Run run(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  int out[2], err[2];
  REQUIRE(pipe(out) == 0);
  REQUIRE(pipe(err) == 0);
  const pid_t pid = spawn(args, env, out[1], err[1]);
  close(out[1]);
  close(err[1]);
  Run r;
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  int open_fds = 2;
  while (open_fds > 0) {
    poll(fds, 2, -1);
    for (auto& f : fds) {
      if (f.fd < 0 || !(f.revents & (POLLIN | POLLHUP))) continue;
      char buf[8192];
      ssize_t n = read(f.fd, buf, sizeof buf);
      if (n <= 0) {
        close(f.fd);
        f.fd = -1;
        --open_fds;
      } else {
        (f.fd == out[0] ? r.out : r.err).append(buf, size_t(n));
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// A command that keeps running: its stdout and stderr (merged) are read as they come.
class Background {
 public:
  Background(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
    int p[2];
    REQUIRE(pipe(p) == 0);
    pid_ = spawn(args, env, p[1], p[1]);
    close(p[1]);
    fd_ = p[0];
    fcntl(fd_, F_SETFL, O_NONBLOCK);
  }
  ~Background() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(fd_);
  }
  // Reads until `text` has appeared `times` times in all output so far, or the timeout.
  bool wait_for(const std::string& text, int times = 1, double timeout_s = 120) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
    while (count(text) < times) {
      if (std::chrono::steady_clock::now() > end) return false;
      pollfd f{fd_, POLLIN, 0};
      poll(&f, 1, 100);
      char buf[8192];
      ssize_t n;
      while ((n = read(fd_, buf, sizeof buf)) > 0) output_.append(buf, size_t(n));
      if (n == 0) return count(text) >= times;  // it closed its output: nothing more will come
    }
    return true;
  }
  int count(const std::string& text) const {
    int n = 0;
    for (size_t at = output_.find(text); at != std::string::npos; at = output_.find(text, at + 1)) ++n;
    return n;
  }
  // The exit code once it ends (within the timeout), else -1.
  int wait_exit(double timeout_s = 30) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > end) return -1;
      wait_for("\x01never", 1, 0.1);  // keep draining output
    }
    pid_ = -1;
    wait_for("\x01never", 1, 0.1);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  void signal(int sig) { kill(pid_, sig); }
  const std::string& output() const { return output_; }

 private:
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string output_;
};

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace cli_run
