// Runs a candidate executable in its own process group with CPU, memory, file-size and
// output limits, and exchanges framed requests/replies with it. Nothing the child does
// (crash, hang, flood, fork, exit early) can hang or crash the grader.
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <limits>
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
  double idle_seconds_total = 10;            // wall clock a whole check's calls may spend neither
                                             // computing nor waiting for a CPU (sleeping, blocked)
};

// What one call may use besides its CPU limit; the grader sets them per call.
struct CallBounds {
  // The check's remaining allowance of idle wall-clock time (sleeping or blocked).
  double idle_seconds = std::numeric_limits<double>::infinity();
  // The largest reply payload this call can legitimately send: a longer frame is refused
  // when its header arrives, before any of it is buffered.
  uint64_t reply_bytes = wire::kMaxPayload;
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
  bool idle_exhausted = false;  // ... the check's whole idle allowance (CallBounds) ran out
  bool starved = false;     // the machine was too busy to give the child its CPU budget
  std::optional<CrashInfo> crash;
  double cpu_seconds = 0;   // CPU since the previous reply (a thread left running counts too)
  double wall_seconds = 0;
  double idle_seconds = 0;  // wall clock neither computing nor waiting for a CPU, nor the grader stopped
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

  // Sends one request and waits for its reply within cpu_limit seconds of CPU time (counted
  // again when the reply arrives, so a grader that was stopped meanwhile cannot miss it) and a
  // wall-clock allowance. Every reply frame is validated: kind, request id, size, field types;
  // anything else is Ending::ProtocolError. After any ending but Replied the child is dead.
  CallResult call(const std::string& fn, const wire::Values& args, double cpu_limit,
                  const CallBounds& bounds = {});

  bool alive() const { return pid_ > 0 && !exited_; }
  const std::string& output() const { return output_; }
  bool output_truncated() const { return output_total_ > output_.size(); }
  long peak_rss_kb() const { return peak_rss_kb_; }

  // Kills the process group, reaps the child, and kills any descendant that escaped it.
  void terminate();

 private:
  struct PendingCall;
  PendingCall begin_call(const std::string& fn, const wire::Values& args, double cpu_limit, const CallBounds& bounds);
  void poll_once(PendingCall& c);
  std::optional<Ending> ending_now(PendingCall& c, CallResult& res);
  std::optional<Ending> exit_ending(PendingCall& c, CallResult& res);
  std::optional<Ending> limit_ending(const PendingCall& c, CallResult& res);
  double idle_seconds(const PendingCall& c, double wall, double cpu) const;
  CallResult finish_call(PendingCall& c, CallResult& res, Ending e);

  double cpu_seconds() const;
  double waiting_seconds() const;
  pid_t candidate_pid() const;
  void sample_peak_rss();
  void drain_output();
  bool reap(bool block);
  bool take_frames(uint32_t id, const CallBounds& bounds, CallResult& res);
  bool read_replies(uint32_t id, const CallBounds& bounds, CallResult& res);

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
  uint32_t request_id_ = 0;          // the last request's id
  double cpu_at_last_reply_ = 0;     // the process's CPU seconds when the last call ended
  long peak_rss_kb_ = 0;
};

}  // namespace mldrill::sandbox
