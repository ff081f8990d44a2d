// The sandbox every untrusted program runs in (the candidate, and the compiler, linker and
// nm that read the candidate's file): bubblewrap with a read-only view of /usr and only the
// paths named here, no network, its own PID/IPC/UTS namespaces, a new session (no terminal),
// every capability dropped, uid/gid 65534; plus, for the candidate, a seccomp allow-list.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace mldrill::sandbox {

// What an untrusted program may see, besides /usr, the loader's /etc files and a private /tmp.
struct JailSpec {
  std::vector<std::string> read_only;  // host paths (files or directories), at the same place
  std::vector<std::string> writable;   // host directories it may write, at the same place
  std::string chdir;                   // its working directory (default /)
  bool proc = false;                   // a /proc of its own PID namespace (the candidate's runtime needs it)
  int seccomp_fd = -1;                 // a compiled BPF program bubblewrap applies just before exec
};

// The bubblewrap command line that runs `command` inside the jail.
std::vector<std::string> jail_argv(const JailSpec& spec, const std::vector<std::string>& command);

// Which isolation grading uses, probed for real once per process.
struct Isolation {
  bool sandbox = false;      // bubblewrap started a jail on this machine
  bool unsandboxed = false;  // the user asked for grading without it (MLDRILL_UNSANDBOXED=1)
  std::string bwrap;         // the bubblewrap executable, if found
  std::string problem;       // why the sandbox cannot start, and the fix (empty when it can)
};
const Isolation& isolation();

// Thrown when the sandbox cannot start and no override was given (exit code 4).
class SandboxUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Before grading: returns true to use the jail; false when the override is given (with a
// warning on stderr if `warn`); throws SandboxUnavailable otherwise.
bool require_isolation(bool warn = true);

// The environment variable of the documented override.
inline constexpr const char* kUnsandboxedEnv = "MLDRILL_UNSANDBOXED";

}  // namespace mldrill::sandbox
