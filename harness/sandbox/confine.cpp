// Landlock ruleset + seccomp-BPF filter for the candidate process.
#include "sandbox/confine.hpp"

#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

namespace mldrill::sandbox {
namespace {

bool restrict_writes(const char* writable_dir) {
  const long abi = syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
  if (abi < 1) return false;
  uint64_t writes = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
                    LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
                    LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
                    LANDLOCK_ACCESS_FS_MAKE_SYM;
#ifdef LANDLOCK_ACCESS_FS_REFER
  if (abi >= 2) writes |= LANDLOCK_ACCESS_FS_REFER;
#endif
#ifdef LANDLOCK_ACCESS_FS_TRUNCATE
  if (abi >= 3) writes |= LANDLOCK_ACCESS_FS_TRUNCATE;
#endif
  landlock_ruleset_attr attr{};
  attr.handled_access_fs = writes;
  const int ruleset = static_cast<int>(syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0));
  if (ruleset < 0) return false;
  auto allow = [&](const char* path, uint64_t access) {
    landlock_path_beneath_attr rule{};
    rule.allowed_access = access;
    rule.parent_fd = open(path, O_PATH | O_CLOEXEC);
    if (rule.parent_fd < 0) return;
    syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
    close(rule.parent_fd);
  };
  allow(writable_dir, writes);
  allow("/dev/null", LANDLOCK_ACCESS_FS_WRITE_FILE);
  const bool ok = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 && syscall(SYS_landlock_restrict_self, ruleset, 0) == 0;
  close(ruleset);
  return ok;
}

#if defined(__x86_64__)
constexpr uint32_t kArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr uint32_t kArch = AUDIT_ARCH_AARCH64;
#else
constexpr uint32_t kArch = 0;
#endif

bool restrict_syscalls() {
  if (kArch == 0) return false;
  const uint32_t self = static_cast<uint32_t>(getpid());  // also the process group id
  constexpr uint32_t deny = SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA);
  constexpr uint32_t nosys = SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA);
  constexpr uint32_t allow = SECCOMP_RET_ALLOW;
  constexpr uint32_t arg0 = offsetof(seccomp_data, args[0]);  // low 32 bits on little-endian
#define LOAD(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define RET(v) BPF_STMT(BPF_RET | BPF_K, (v))
#define IF_EQ(k, t, f) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), (t), (f))
  sock_filter program[] = {
      LOAD(offsetof(seccomp_data, arch)),
      IF_EQ(kArch, 1, 0),
      RET(SECCOMP_RET_KILL_PROCESS),
      LOAD(offsetof(seccomp_data, nr)),
      // clone3 hides its flags in memory: refuse it, glibc falls back to clone.
      IF_EQ(__NR_clone3, 0, 1),
      RET(nosys),
      // clone: only new threads of this process.
      IF_EQ(__NR_clone, 0, 4),
      LOAD(arg0),
      BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 0, 1),
      RET(allow),
      RET(deny),
#ifdef __NR_fork
      IF_EQ(__NR_fork, 0, 1),
      RET(deny),
#endif
#ifdef __NR_vfork
      IF_EQ(__NR_vfork, 0, 1),
      RET(deny),
#endif
      IF_EQ(__NR_ptrace, 0, 1),
      RET(deny),
      IF_EQ(__NR_process_vm_writev, 0, 1),
      RET(deny),
      IF_EQ(__NR_tkill, 0, 1),
      RET(deny),
      // kill: itself, its own group (0 or -pgid); tgkill: threads of itself.
      IF_EQ(__NR_kill, 0, 6),
      LOAD(arg0),
      IF_EQ(self, 2, 0),
      IF_EQ(0, 1, 0),
      IF_EQ(static_cast<uint32_t>(-static_cast<int32_t>(self)), 0, 1),
      RET(allow),
      RET(deny),
      IF_EQ(__NR_tgkill, 0, 4),
      LOAD(arg0),
      IF_EQ(self, 0, 1),
      RET(allow),
      RET(deny),
      RET(allow),
  };
#undef LOAD
#undef RET
#undef IF_EQ
  sock_fprog prog{static_cast<unsigned short>(sizeof program / sizeof program[0]), program};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return false;
  return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) == 0;
}

}  // namespace

Confinement confine_child(const char* writable_dir) {
  Confinement c;
  c.filesystem = restrict_writes(writable_dir);
  c.syscalls = restrict_syscalls();
  return c;
}

Confinement available_confinement() {
  static const Confinement probed = [] {
    Confinement c;
    const pid_t pid = fork();
    if (pid == 0) {
      const Confinement got = confine_child("/nonexistent");
      _exit((got.filesystem ? 1 : 0) | (got.syscalls ? 2 : 0));
    }
    int status = 0;
    if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status)) {
      c.filesystem = WEXITSTATUS(status) & 1;
      c.syscalls = WEXITSTATUS(status) & 2;
    }
    return c;
  }();
  return probed;
}

}  // namespace mldrill::sandbox
