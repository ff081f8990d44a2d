// Process isolation for candidates: fork/exec with rlimits, a poll loop that never blocks
// on a misbehaving child, and a teardown that leaves no process behind.
#include "sandbox/child_process.hpp"

#include "sandbox/confine.hpp"
#include "sandbox/jail.hpp"
#include "sandbox/syscall_filter.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace mldrill::sandbox {
namespace {

using Clock = std::chrono::steady_clock;

void set_limit(int resource, rlim_t value) {
  rlimit rl{value, value};
  setrlimit(resource, &rl);
}

void set_nonblocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

// Orphans of the child are re-parented to us, so that teardown can find and kill them.
void become_subreaper_once() {
  static bool done = [] {
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    signal(SIGPIPE, SIG_IGN);  // a dead child must give EPIPE, not kill the grader
    return true;
  }();
  (void)done;
}

// Kills and reaps every process whose parent is us: descendants that escaped the group.
void kill_adopted_orphans() {
  DIR* dir = opendir("/proc");
  if (!dir) return;
  const pid_t self = getpid();
  std::vector<pid_t> orphans;
  while (dirent* e = readdir(dir)) {
    char* end = nullptr;
    long pid = std::strtol(e->d_name, &end, 10);
    if (*end != '\0' || pid <= 0) continue;
    std::ifstream stat("/proc/" + std::string(e->d_name) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state;
    long ppid;
    if (rest >> state >> ppid && ppid == self) orphans.push_back(pid_t(pid));
  }
  closedir(dir);
  for (pid_t p : orphans) {
    kill(p, SIGKILL);
    waitpid(p, nullptr, 0);
  }
}

// "a reply arrived for a request that was not asked: ..." naming both requests.
std::string fmt_unasked(uint32_t got, uint32_t waiting) {
  if (got < waiting)
    return "a reply arrived for a request that was not asked: a second reply to request #" + std::to_string(got) +
           ", while request #" + std::to_string(waiting) + " was waiting";
  return "a reply arrived for a request that was not asked: request #" + std::to_string(got) + ", while request #" +
         std::to_string(waiting) + " was waiting";
}

}  // namespace

ChildProcess::ChildProcess(const std::string& exe, const std::string& workdir, const Limits& limits,
                           const std::vector<std::string>& read_only)
    : limits_(limits) {
  become_subreaper_once();
  jailed_ = require_isolation(false);  // build_candidate warned already
  int req[2], rep[2], out[2];
  if (pipe2(req, O_CLOEXEC) || pipe2(rep, O_CLOEXEC) || pipe2(out, O_CLOEXEC))
    throw std::system_error(errno, std::generic_category(), "pipe");
  // The filter travels to bubblewrap as fd 5, which applies it just before exec'ing the candidate.
  struct Fd {
    int fd = -1;
    ~Fd() { if (fd >= 0) close(fd); }
  } filter;
  std::vector<std::string> command{exe};
  if (jailed_) {
    filter.fd = candidate_filter_fd();
    JailSpec spec;
    spec.proc = true;
    spec.read_only = read_only;
    spec.read_only.push_back(std::filesystem::path(exe).parent_path().string());
    spec.writable = {workdir};
    spec.chdir = workdir;
    spec.seccomp_fd = 5;
    command = jail_argv(spec, {exe});
  }
  // Everything the child needs is built before fork: after it, only async-signal-safe calls.
  std::vector<char*> argv;
  for (auto& a : command) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string home = "HOME=" + workdir;
  const std::string tmpdir = "TMPDIR=" + workdir;  // the only writable place
  const char* envp[] = {"PATH=/usr/bin:/bin", "LANG=C", "OMP_NUM_THREADS=1", "MKL_NUM_THREADS=1",
                        "OPENBLAS_NUM_THREADS=1", home.c_str(), tmpdir.c_str(), nullptr};
  const bool jailed = jailed_;
  const int filter_fd = filter.fd;
  pid_t pid = fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid == 0) {
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // a killed grader takes its candidate with it
    int devnull = open("/dev/null", O_RDONLY);
    // Move the pipe ends above 5 first, so the dup2s below cannot clobber each other.
    int r = fcntl(req[0], F_DUPFD, 10), w = fcntl(rep[1], F_DUPFD, 10), o = fcntl(out[1], F_DUPFD, 10);
    int f = jailed ? fcntl(filter_fd, F_DUPFD, 10) : -1;
    if (devnull < 0 || r < 0 || w < 0 || o < 0 || (jailed && f < 0)) _exit(127);
    dup2(devnull, 0);
    dup2(o, 1);
    dup2(o, 2);
    dup2(r, 3);
    dup2(w, 4);
    if (jailed) dup2(f, 5);
    close_range(jailed ? 6 : 5, ~0u, 0);
    set_limit(RLIMIT_CPU, static_cast<rlim_t>(limits.cpu_seconds_total + 1));
    set_limit(RLIMIT_AS, limits.address_space_bytes);
    set_limit(RLIMIT_FSIZE, limits.file_size_bytes);
    set_limit(RLIMIT_CORE, 0);
    if (chdir(workdir.c_str()) != 0) _exit(127);
    if (!jailed) confine_child(workdir.c_str());  // the fallback under the documented override
    execve(argv[0], argv.data(), const_cast<char* const*>(envp));
    _exit(127);
  }
  setpgid(pid, pid);
  pid_ = pid;
  close(req[0]);
  close(rep[1]);
  close(out[1]);
  req_fd_ = req[1];
  reply_fd_ = rep[0];
  out_fd_ = out[0];
  set_nonblocking(req_fd_);
  set_nonblocking(reply_fd_);
  set_nonblocking(out_fd_);
}

ChildProcess::~ChildProcess() { terminate(); }

namespace {
// The first child of `pid` (bubblewrap's children, in order: its PID namespace's init, then
// the command), or -1.
pid_t first_child(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
  long child = -1;
  return in >> child ? pid_t(child) : -1;
}
}  // namespace

// The candidate's PID as the grader sees it. Jailed, the forked process is bubblewrap: the
// candidate is its init's child, found once it exists.
pid_t ChildProcess::candidate_pid() const {
  if (!jailed_) return pid_;
  if (candidate_pid_ > 0 || pid_ <= 0) return candidate_pid_;
  const pid_t init = first_child(pid_);
  if (init > 0) candidate_pid_ = first_child(init);
  return candidate_pid_;
}

// Seconds the child's threads spent runnable but waiting for a CPU (schedstat's run delay).
double ChildProcess::waiting_seconds() const {
  double total = 0;
  std::error_code ec;
  const pid_t pid = candidate_pid();
  if (pid <= 0) return 0;
  const std::string tasks = "/proc/" + std::to_string(pid) + "/task";
  for (const auto& task : std::filesystem::directory_iterator(tasks, ec)) {
    std::ifstream in(task.path() / "schedstat");
    unsigned long long running_ns = 0, waiting_ns = 0;
    if (in >> running_ns >> waiting_ns) total += double(waiting_ns) * 1e-9;
  }
  return total;
}

// Never decreases: once the jailed candidate is reaped by its init, its /proc entry is gone
// and the last reading stands.
double ChildProcess::cpu_seconds() const {
  const pid_t pid = candidate_pid();
  if (pid <= 0) return last_cpu_seconds_;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return last_cpu_seconds_;
  auto close = line.rfind(')');
  if (close == std::string::npos) return last_cpu_seconds_;
  std::istringstream rest(line.substr(close + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int i = 0; i < 13 && rest >> field; ++i) {
    if (i == 11) utime = std::stoull(field);
    if (i == 12) stime = std::stoull(field);
  }
  last_cpu_seconds_ = std::max(last_cpu_seconds_, double(utime + stime) / double(sysconf(_SC_CLK_TCK)));
  return last_cpu_seconds_;
}

// The candidate's peak resident set (VmHWM), read while it lives: jailed, its own rusage
// goes to its init, not to the grader.
void ChildProcess::sample_peak_rss() {
  const pid_t pid = candidate_pid();
  if (pid <= 0) return;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  long kb = 0;
  while (status >> key) {
    if (key == "VmHWM:" && status >> kb) {
      peak_rss_kb_ = std::max(peak_rss_kb_, kb);
      return;
    }
    status.ignore(1 << 16, '\n');
  }
}

void ChildProcess::drain_output() {
  char buf[65536];
  for (;;) {
    ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) return;
    size_t room = limits_.output_keep_bytes > output_.size() ? limits_.output_keep_bytes - output_.size() : 0;
    output_.append(buf, std::min(room, size_t(n)));
    output_total_ += size_t(n);
  }
}

bool ChildProcess::reap(bool block) {
  if (pid_ <= 0 || exited_) return exited_;
  rusage ru{};
  pid_t r = wait4(pid_, &wait_status_, block ? 0 : WNOHANG, &ru);
  if (r == pid_) {
    exited_ = true;
    peak_rss_kb_ = std::max(peak_rss_kb_, long(ru.ru_maxrss));
    // bubblewrap exits with 128 + n when its command died of signal n (as a shell reports it).
    if (jailed_ && WIFEXITED(wait_status_) && WEXITSTATUS(wait_status_) > 128 && WEXITSTATUS(wait_status_) < 128 + 65)
      wait_status_ = WEXITSTATUS(wait_status_) - 128;  // the wait status of a death by that signal
  }
  return exited_;
}

namespace {

constexpr uint64_t kMaxCrashPayload = 4096;

// A crash report as the runner's signal handler writes it: {I64 signal, I64 fault address,
// Bool stack overflow, IntTensor return addresses}.
CrashInfo crash_from(const wire::Values& v) {
  if (v.size() != 4 || !std::holds_alternative<int64_t>(v[0]) || !std::holds_alternative<int64_t>(v[1]) ||
      !std::holds_alternative<bool>(v[2]) || !std::holds_alternative<wire::IntTensor>(v[3]))
    throw wire::ProtocolError("a crash report with the wrong fields");
  CrashInfo c;
  c.signal = int(std::get<int64_t>(v[0]));
  c.fault_address = uint64_t(std::get<int64_t>(v[1]));
  c.stack_overflow = std::get<bool>(v[2]);
  for (int64_t a : std::get<wire::IntTensor>(v[3]).data) c.frames.push_back(uint64_t(a));
  return c;
}

}  // namespace

// Takes the complete frames at the front of reply_buf_. Each header is checked as soon as
// it arrives (kind, request id, length within the call's bound), so a forged length is
// refused before its payload is buffered. Returns true when this request's reply arrived;
// a crash report is kept and the death that follows it is awaited.
bool ChildProcess::take_frames(uint32_t id, const CallBounds& bounds, CallResult& res) {
  while (reply_buf_.size() >= wire::kHeaderBytes) {
    const wire::Header h = wire::parse_header(reply_buf_.data());
    if (h.kind == wire::Frame::Request) throw wire::ProtocolError("a request frame, which only the grader sends");
    if (h.id != id)
      throw wire::ProtocolError(fmt_unasked(h.id, id));
    const uint64_t bound = h.kind == wire::Frame::Reply ? bounds.reply_bytes : kMaxCrashPayload;
    if (h.length > bound)
      throw wire::ProtocolError("a frame of " + std::to_string(h.length) + " bytes, more than this call can send (" +
                                std::to_string(bound) + ")");
    if (reply_buf_.size() < wire::kHeaderBytes + h.length) return false;
    const wire::Values v = wire::Reader(reply_buf_.substr(wire::kHeaderBytes, h.length)).values();
    reply_buf_.erase(0, wire::kHeaderBytes + h.length);
    if (h.kind == wire::Frame::Crash) {
      res.crash = crash_from(v);
      continue;
    }
    if (v.size() < 2 || !std::holds_alternative<int64_t>(v[0]) || !std::holds_alternative<std::string>(v[1]))
      throw wire::ProtocolError("a reply without its status and message");
    const int64_t status = std::get<int64_t>(v[0]);
    if (status < 0 || status > wire::kLastStatus)
      throw wire::ProtocolError("a reply with an unknown status " + std::to_string(status));
    res.status = wire::Status(status);
    res.message = std::get<std::string>(v[1]);
    res.outputs.assign(v.begin() + 2, v.end());
    return true;
  }
  return false;
}

// Reads what the reply channel holds, a chunk at a time, taking frames as they complete.
bool ChildProcess::read_replies(uint32_t id, const CallBounds& bounds, CallResult& res) {
  char buf[65536];
  for (;;) {
    ssize_t n = read(reply_fd_, buf, sizeof buf);
    if (n <= 0) return false;
    reply_buf_.append(buf, size_t(n));
    if (take_frames(id, bounds, res)) return true;
  }
}

// One call in flight: its request frame, how much of it is written, and its clocks.
struct ChildProcess::PendingCall {
  uint32_t id = 0;
  std::string frame;
  size_t written = 0;
  double cpu_limit = 0;
  CallBounds bounds;
  Clock::time_point start, last_tick;
  double cpu_start = 0;       // the process's CPU seconds when the call began
  double wall_limit = 0, hard_wall_limit = 0;
  double waiting_start = 0;   // the child's seconds waiting for a CPU when the call began
  double paused = 0;          // seconds the grader itself did not run

  // Seconds since the request at the last poll, less the grader's own pauses.
  double wall() const { return std::chrono::duration<double>(last_tick - start).count() - paused; }
};

ChildProcess::PendingCall ChildProcess::begin_call(const std::string& fn, const wire::Values& args, double cpu_limit,
                                                   const CallBounds& bounds) {
  PendingCall c;
  wire::Values request{fn};
  request.insert(request.end(), args.begin(), args.end());
  c.id = ++request_id_;
  c.frame = wire::encode(wire::Frame::Request, request, c.id);
  c.cpu_limit = cpu_limit;
  c.bounds = bounds;
  // reply_buf_ is not cleared: bytes left from the previous call are a reply nobody asked
  // for, and take_frames names them.
  c.start = c.last_tick = Clock::now();
  // CPU is counted from the previous reply, so a thread left running between calls is
  // charged to the next one.
  c.cpu_start = cpu_at_last_reply_;
  // The wall-clock allowance catches a child that sleeps or blocks (plus, on its first
  // call, the flavor's library start-up). Time it spent runnable but waiting for a CPU (a
  // busy machine) is not its fault, so it is not counted; a hard cap still bounds the call
  // on a machine too overloaded to run it at all. Time the grader itself did not run
  // (stopped with SIGSTOP, suspended) is not counted either.
  c.wall_limit = cpu_limit * 3 + 2 + (answered_ ? 0 : limits_.startup_wall_seconds);
  c.hard_wall_limit = c.wall_limit * 10;
  c.waiting_start = waiting_seconds();
  return c;
}

// Wall-clock seconds of the call the child spent neither computing nor waiting for a CPU.
double ChildProcess::idle_seconds(const PendingCall& c, double wall, double cpu) const {
  return std::max(0.0, wall - (waiting_seconds() - c.waiting_start) - cpu);
}

// Waits up to 20 ms for the child, counts time the grader was not running, and writes what
// the request pipe takes of the request.
void ChildProcess::poll_once(PendingCall& c) {
  pollfd fds[3] = {{reply_fd_, POLLIN, 0}, {out_fd_, POLLIN, 0}, {req_fd_, POLLOUT, 0}};
  int nfds = c.written < c.frame.size() ? 3 : 2;
  poll(fds, nfds, 20);
  const auto now = Clock::now();
  const double tick = std::chrono::duration<double>(now - c.last_tick).count();
  if (tick > 0.25) c.paused += tick - 0.02;  // a poll waits 20 ms at most: the grader was not running
  c.last_tick = now;
  if (c.written < c.frame.size() && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
    ssize_t n = write(req_fd_, c.frame.data() + c.written, c.frame.size() - c.written);
    if (n > 0) c.written += size_t(n);
  }
}

// How the call ends now, if it does: a reply, a flood, an exit, or a limit.
std::optional<Ending> ChildProcess::ending_now(PendingCall& c, CallResult& res) {
  drain_output();
  if (output_total_ > limits_.output_kill_bytes) return Ending::OutputLimit;
  if (read_replies(c.id, c.bounds, res)) return Ending::Replied;
  if (auto e = exit_ending(c, res)) return e;
  return limit_ending(c, res);
}

// The child exited or died: a reply it wrote just before still counts.
std::optional<Ending> ChildProcess::exit_ending(PendingCall& c, CallResult& res) {
  if (!reap(false)) return std::nullopt;
  drain_output();
  if (read_replies(c.id, c.bounds, res)) return Ending::Replied;  // replied, then exited
  if (WIFSIGNALED(wait_status_)) {
    res.signal = WTERMSIG(wait_status_);
    return Ending::Crashed;
  }
  res.exit_code = WEXITSTATUS(wait_status_);
  return Ending::Exited;
}

// The call's CPU, wall-clock, idle and hard wall-clock limits, in that order.
std::optional<Ending> ChildProcess::limit_ending(const PendingCall& c, CallResult& res) {
  const double cpu = cpu_seconds() - c.cpu_start;
  const double wall = c.wall();
  if (cpu > c.cpu_limit) return Ending::TimeLimit;
  if (wall > c.wall_limit && wall - (waiting_seconds() - c.waiting_start) > c.wall_limit) {
    res.wall_clock = true;
    return Ending::TimeLimit;
  }
  if (idle_seconds(c, wall, cpu) > c.bounds.idle_seconds) {
    res.wall_clock = res.idle_exhausted = true;
    return Ending::TimeLimit;
  }
  if (wall > c.hard_wall_limit) {
    res.starved = true;
    return Ending::TimeLimit;
  }
  return std::nullopt;
}

// Fills in the call's time and CPU, holds a reply to the limits once more (the poll loop
// may not have seen the CPU being used), and ends the child after any ending but a reply.
CallResult ChildProcess::finish_call(PendingCall& c, CallResult& res, Ending e) {
  const double cpu_now = cpu_seconds();
  res.cpu_seconds = std::max(0.0, cpu_now - c.cpu_start);
  res.wall_seconds = std::chrono::duration<double>(Clock::now() - c.start).count() - c.paused;
  if (!exited_) res.idle_seconds = idle_seconds(c, res.wall_seconds, res.cpu_seconds);
  if (e == Ending::Replied) {
    cpu_at_last_reply_ = cpu_now;
    if (res.cpu_seconds > c.cpu_limit) e = Ending::TimeLimit;
    else if (res.idle_seconds > c.bounds.idle_seconds) {
      e = Ending::TimeLimit;
      res.wall_clock = res.idle_exhausted = true;
    }
  }
  res.ending = e;
  answered_ = answered_ || e == Ending::Replied;
  if (e != Ending::Replied) {
    if (exited_) drain_output();
    terminate();
  }
  return res;
}

CallResult ChildProcess::call(const std::string& fn, const wire::Values& args, double cpu_limit,
                              const CallBounds& bounds) {
  CallResult res;
  if (pid_ <= 0) {
    res.ending = Ending::Exited;
    return res;
  }
  PendingCall c = begin_call(fn, args, cpu_limit, bounds);
  try {
    if (take_frames(c.id, bounds, res)) return finish_call(c, res, Ending::Replied);  // left over: throws
    for (;;) {
      poll_once(c);
      if (const auto e = ending_now(c, res)) return finish_call(c, res, *e);
    }
  } catch (const wire::ProtocolError& e) {
    res.message = e.what();
    res.outputs.clear();
    return finish_call(c, res, Ending::ProtocolError);
  }
}

void ChildProcess::terminate() {
  if (pid_ > 0) {
    if (!exited_) sample_peak_rss();
    if (jailed_ && !exited_ && candidate_pid() > 0) kill(candidate_pid(), SIGKILL);
    kill(-pid_, SIGKILL);
    kill(pid_, SIGKILL);
    reap(true);
    kill(-pid_, SIGKILL);  // anything left in the group
    kill_adopted_orphans();
    pid_ = -1;
  }
  for (int* fd : {&req_fd_, &reply_fd_, &out_fd_}) {
    if (*fd >= 0) {
      if (fd == &out_fd_) drain_output();
      close(*fd);
      *fd = -1;
    }
  }
}

}  // namespace mldrill::sandbox
