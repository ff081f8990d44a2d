// bubblewrap command lines for the jail, and the one-time probe that says whether it starts.
#include "sandbox/jail.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "sandbox/run_command.hpp"
#include "sandbox/syscall_filter.hpp"

namespace fs = std::filesystem;

namespace mldrill::sandbox {
namespace {

std::string find_bwrap() {
  // MLDRILL_BWRAP names another bubblewrap (tests point it at a missing one).
  if (const char* p = std::getenv("MLDRILL_BWRAP"); p && *p) return access(p, X_OK) == 0 ? p : "";
  for (const char* dir : {"/usr/bin", "/bin", "/usr/local/bin"}) {
    const std::string p = std::string(dir) + "/bwrap";
    if (access(p.c_str(), X_OK) == 0) return p;
  }
  return "";
}

std::vector<std::string> build_argv(const std::string& bwrap, const JailSpec& spec,
                                    const std::vector<std::string>& command) {
  std::vector<std::string> a{bwrap};
  // New user namespace (uid/gid 65534, no capabilities, no nested namespaces), and new
  // PID, IPC, UTS, cgroup and network namespaces: nothing outside can be signalled or reached.
  a.insert(a.end(), {"--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                     "--uid", "65534", "--gid", "65534", "--hostname", "mldrill"});
  a.insert(a.end(), {"--ro-bind", "/usr", "/usr"});
  // Debian's merged /usr: /bin, /lib... are symlinks into it (or, elsewhere, directories).
  for (const char* top : {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) {
    std::error_code ec;
    if (fs::is_symlink(top, ec)) a.insert(a.end(), {"--symlink", fs::read_symlink(top, ec).string(), top});
    else if (fs::is_directory(top, ec)) a.insert(a.end(), {"--ro-bind", top, top});
  }
  // The dynamic loader's cache and the compilers' /etc/alternatives links; nothing else of /etc.
  for (const char* etc : {"/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives"})
    a.insert(a.end(), {"--ro-bind-try", etc, etc});
  // The compiler's temporary files: a private, bounded /tmp. The candidate gets none (its
  // TMPDIR is its run directory).
  if (!spec.proc) a.insert(a.end(), {"--size", std::to_string(512u << 20), "--tmpfs", "/tmp"});
  a.insert(a.end(), {"--dev", "/dev"});
  if (spec.proc) {
    a.insert(a.end(), {"--proc", "/proc"});
    // The CPU list LibTorch's cpuinfo reads at start-up (without it, it prints errors).
    a.insert(a.end(), {"--ro-bind-try", "/sys/devices/system/cpu", "/sys/devices/system/cpu"});
  }
  for (const auto& p : spec.read_only) a.insert(a.end(), {"--ro-bind", p, p});
  for (const auto& p : spec.writable) a.insert(a.end(), {"--bind", p, p});
  if (!spec.chdir.empty()) a.insert(a.end(), {"--chdir", spec.chdir});
  if (spec.seccomp_fd >= 0) a.insert(a.end(), {"--seccomp", std::to_string(spec.seccomp_fd)});
  // The jail's own root (a tmpfs holding the mount points) becomes read-only: nothing but the
  // writable directories (and the compiler's /tmp) can be written, not even in memory.
  a.insert(a.end(), {"--remount-ro", "/"});
  a.push_back("--");
  a.insert(a.end(), command.begin(), command.end());
  return a;
}

}  // namespace

std::vector<std::string> jail_argv(const JailSpec& spec, const std::vector<std::string>& command) {
  return build_argv(isolation().bwrap, spec, command);
}

const Isolation& isolation() {
  static const Isolation iso = [] {
    Isolation i;
    const char* env = std::getenv(kUnsandboxedEnv);
    i.unsandboxed = env && std::string(env) == "1";
    i.bwrap = find_bwrap();
    if (i.bwrap.empty()) {
      i.problem = "bubblewrap is not installed (apt-get install bubblewrap, or run scripts/setup.sh)";
      return i;
    }
    // Start a real jail as the candidate's is (with /proc and the system-call filter, which
    // the probe inherits as a descriptor).
    JailSpec probe;
    probe.proc = true;
    CommandResult r;
    try {
      probe.seccomp_fd = candidate_filter_fd();
      r = run_command(build_argv(i.bwrap, probe, {"/usr/bin/true"}), 30);
    } catch (const std::exception& e) {
      r.output = e.what();
    }
    if (probe.seccomp_fd >= 0) close(probe.seccomp_fd);
    if (r.exit_code == 0) {
      i.sandbox = true;
      return i;
    }
    std::string why = r.output;
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    if (const auto nl = why.rfind('\n'); nl != std::string::npos) why = why.substr(nl + 1);
    i.problem = fmt::format(
        "the sandbox (bubblewrap) cannot start here: {} — enable user namespaces "
        "(sysctl -w kernel.unprivileged_userns_clone=1 user.max_user_namespaces=15000; in a container, "
        "run it with user namespaces allowed)",
        why.empty() ? "it failed" : why);
    return i;
  }();
  return iso;
}

bool require_isolation(bool warn) {
  const Isolation& i = isolation();
  if (i.sandbox && !i.unsandboxed) return true;
  if (i.unsandboxed) {
    if (warn)
      std::fprintf(stderr,
                 "mldrill: warning: %s=1: grading WITHOUT the sandbox; the candidate runs with only the "
                 "fallback confinement (Landlock and a seccomp deny-list)\n",
                 kUnsandboxedEnv);
    return false;
  }
  throw SandboxUnavailable(fmt::format("refusing to grade: {}; or set {}=1 to grade without it (unsafe)", i.problem,
                                       kUnsandboxedEnv));
}

}  // namespace mldrill::sandbox
