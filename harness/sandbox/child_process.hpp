// Runs a candidate executable in its own process group with CPU, memory, file-size and
// output limits, and exchanges framed requests/replies with it. Nothing the child does
// (crash, hang, flood, fork, exit early) can hang or crash the grader.
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wire/wire.hpp"

namespace mldrill::sandbox {

struct Limits {
  double cpu_seconds_total = 60;             // RLIMIT_CPU: a backstop for the whole process
  uint64_t address_space_bytes = 1ull << 30; // RLIMIT_AS
  uint64_t file_size_bytes = 16ull << 20;    // RLIMIT_FSIZE
  size_t output_keep_bytes = 64 << 10;       // stdout+stderr kept for the report
  size_t output_kill_bytes = 64ull << 20;    // a flood beyond this ends the run
  double startup_wall_seconds = 0;           // extra wall clock for a fresh process's first call
                                             // (loading LibTorch takes seconds on a busy machine)
};

struct CrashInfo {
  int signal = 0;
  uint64_t fault_address = 0;
  bool stack_overflow = false;
  std::vector<uint64_t> frames;  // return addresses, innermost first
};

enum class Ending {
  Replied,        // a well-formed reply arrived
  Crashed,        // killed by a signal (crash info when the runner could send it)
  Exited,         // exited (any status) without replying
  TimeLimit,      // CPU or wall-clock budget of the call ran out
  OutputLimit,    // printed more than output_kill_bytes
  ProtocolError,  // garbage on the reply channel
};

struct CallResult {
  Ending ending = Ending::ProtocolError;
  wire::Status status = wire::Status::Ok;
  std::string message;
  wire::Values outputs;
  int exit_code = 0;
  int signal = 0;
  bool wall_clock = false;  // the time limit was wall-clock (the child was not using CPU)
  bool starved = false;     // the machine was too busy to give the child its CPU budget
  std::optional<CrashInfo> crash;
  double cpu_seconds = 0;
  double wall_seconds = 0;
};

class ChildProcess {
 public:
  // Jailed (sandbox/jail.hpp), the candidate sees /usr, `exe`'s directory, `read_only` and
  // `workdir` (writable). Throws SandboxUnavailable when the jail cannot start (no override).
  ChildProcess(const std::string& exe, const std::string& workdir, const Limits& limits,
               const std::vector<std::string>& read_only = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Sends one request and waits for its reply within cpu_limit seconds of CPU time
  // (and a wall-clock allowance). After any ending but Replied the child is dead.
  CallResult call(const std::string& fn, const wire::Values& args, double cpu_limit);

  bool alive() const { return pid_ > 0 && !exited_; }
  const std::string& output() const { return output_; }
  bool output_truncated() const { return output_total_ > output_.size(); }
  long peak_rss_kb() const { return peak_rss_kb_; }

  // Kills the process group, reaps the child, and kills any descendant that escaped it.
  void terminate();

 private:
  double cpu_seconds() const;
  double waiting_seconds() const;
  pid_t candidate_pid() const;
  void sample_peak_rss();
  void drain_output();
  bool reap(bool block);

  pid_t pid_ = -1;                    // the forked process: bubblewrap, or the candidate unjailed
  bool jailed_ = false;
  mutable pid_t candidate_pid_ = -1;  // the candidate's host PID, once known
  mutable double last_cpu_seconds_ = 0;
  int req_fd_ = -1, reply_fd_ = -1, out_fd_ = -1;
  Limits limits_;
  std::string output_;
  size_t output_total_ = 0;
  std::string reply_buf_;
  int wait_status_ = 0;
  bool exited_ = false;
  bool answered_ = false;  // a call has returned: the process is loaded
  long peak_rss_kb_ = 0;
};

}  // namespace mldrill::sandbox
