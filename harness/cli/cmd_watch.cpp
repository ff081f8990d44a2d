// `mldrill watch`: checks the open attempt once at the start and on every save of its
// workspace file, and redraws the result with the attempt's clock. Any failure of one check
// (a crashed compiler, a locked database, a file too large) is shown, and watching goes on. Each check is an ordinary `check` (same code path,
// recorded the same way), so a first pass closes the attempt; Ctrl-C leaves it open.
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "cli/app.hpp"
#include "cli/check.hpp"
#include "cli/format.hpp"

namespace fs = std::filesystem;

namespace mldrill::cli {
namespace {

// Editors save in bursts (truncate + write, or write a temporary and rename it): wait for
// this long without another event before checking.
constexpr int kDebounceMs = 200;
constexpr int kCompileErrorsShown = 3;

using Clock = std::chrono::steady_clock;

struct Fd {
  int fd;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

// SIGINT and SIGTERM arrive as readable events, so a check in progress always finishes
// (and is recorded) before watch stops.
int signal_fd() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  const int fd = signalfd(-1, &set, SFD_CLOEXEC);
  if (fd < 0) throw EnvironmentError(fmt::format("watch: signalfd failed: {}", std::strerror(errno)));
  sigprocmask(SIG_BLOCK, &set, nullptr);  // only once Ctrl-C has somewhere to go
  return fd;
}

// Watches the file's directory: a rename onto the file replaces its inode.
int watch_fd(const fs::path& file) {
  const int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (fd < 0 || inotify_add_watch(fd, file.parent_path().c_str(), IN_CLOSE_WRITE | IN_MOVED_TO) < 0)
    throw EnvironmentError(fmt::format("cannot watch {}: {}", file.parent_path().string(), std::strerror(errno)));
  return fd;
}

// Drains pending events; true if one of them saved `name`.
bool saved(int fd, const std::string& name) {
  alignas(inotify_event) char buf[8192];
  bool hit = false;
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) {
    for (char* p = buf; p < buf + n;) {
      const auto* e = reinterpret_cast<const inotify_event*>(p);
      if (e->len && name == e->name) hit = true;
      p += sizeof(inotify_event) + e->len;
    }
  }
  return hit;
}

class Screen {
 public:
  Screen() : tty_(isatty(STDOUT_FILENO)) {}
  void clear() {
    if (tty_) fmt::print("\033[H\033[2J");
    else fmt::print("\n");
  }
  // The clock line ends without a newline on a terminal, so it can be redrawn in place.
  void clock(const history::Attempt& a) {
    const std::string line = fmt::format("attempt #{} {} ({}): {} active of a {} target{}", a.id, a.exercise, a.flavor,
                                         duration(a.active_seconds), duration(a.target_minutes * 60),
                                         a.paused ? " (paused)" : "");
    if (tty_) fmt::print("\r\033[K{}", line);
    else fmt::print("{}\n", line);
    std::fflush(stdout);
  }
  void end_line() {
    if (tty_) fmt::print("\n");
  }
  bool tty() const { return tty_; }

 private:
  bool tty_;
};

void banner(const CheckSubject& subject) {
  fmt::print("watching {} — save to check; Ctrl-C stops watching (the attempt stays open)\n\n",
             display_path(subject.file));
}

}  // namespace

int cmd_watch(Session& s, const AttemptOptions& o) {
  CheckOptions co;
  co.exercise = o.exercise;
  const CheckSubject subject = check_subject(s, co);
  const int64_t id = subject.attempt->id;
  const std::string name = fs::path(subject.file).filename().string();
  Fd sig(signal_fd()), ino(watch_fd(subject.file));
  Screen screen;
  screen.clear();
  banner(subject);
  screen.clock(*subject.attempt);

  bool pending = true;  // check once now, as the file stands (a fresh stub says what to write)
  Clock::time_point last_event;
  while (true) {
    int timeout = 1000;  // the clock ticks once a second
    if (pending)
      timeout = std::max(0, kDebounceMs - int(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - last_event).count()));
    pollfd fds[2] = {{sig.fd, POLLIN, 0}, {ino.fd, POLLIN, 0}};
    if (poll(fds, 2, timeout) < 0 && errno != EINTR) throw EnvironmentError("watch: poll failed");
    std::optional<history::Attempt> attempt;
    try {
      attempt = s.store().attempt(id, history::now_seconds());
    } catch (const std::exception&) {  // the history is locked or unreadable for now: keep watching
      attempt = subject.attempt;
      attempt->status = "open";
    }
    if (fds[0].revents & POLLIN) {
      screen.end_line();
      fmt::print("Stopped watching; attempt #{} stays open ({} active): `mldrill watch` or `mldrill check` carries on.\n",
                 id, duration(attempt->active_seconds));
      return 0;
    }
    if (attempt->status != "open") {
      screen.end_line();
      fmt::print("Attempt #{} is {} (by another mldrill); nothing more to watch.\n", id, attempt->status);
      return 0;
    }
    if ((fds[1].revents & POLLIN) && saved(ino.fd, name)) {
      pending = true;
      last_event = Clock::now();
      continue;
    }
    if (!pending) {
      if (screen.tty()) screen.clock(*attempt);
      continue;
    }
    if (Clock::now() - last_event < std::chrono::milliseconds(kDebounceMs)) continue;
    pending = false;
    if (!fs::is_regular_file(subject.file)) continue;  // mid-rename: its MOVED_TO follows
    screen.end_line();
    fmt::print("checking...\n");
    std::fflush(stdout);
    try {
      const CheckRun run = grade_and_record(s, subject);
      screen.clear();
      banner(subject);
      print_check(run, {false, kCompileErrorsShown});
      if (run.not_recorded) fmt::print("this check was not recorded: {}\n", *run.not_recorded);
      if (run.closed_now) return 0;
    } catch (const history::HistoryError& e) {
      fmt::print("this check could not be recorded: {}\n", e.what());
    } catch (const std::exception& e) {
      fmt::print("this check did not finish: {}\nStill watching: save again to retry.\n", e.what());
    }
    fmt::print("\n");
    try {
      screen.clock(*s.store().attempt(id, history::now_seconds()));
    } catch (const std::exception&) {
      screen.clock(*attempt);
    }
  }
}

}  // namespace mldrill::cli
