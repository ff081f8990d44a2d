// Allow-list of the system calls a computing process needs: memory, threads, futexes, I/O on
// descriptors it holds, reading files (the loader, LibTorch), clocks, signals to itself.
// Everything else (ioctl but TCGETS, sockets, ptrace, process_vm_*, pidfd_*, *sigqueueinfo,
// setpgid/setsid, chmod/chown/utimensat/xattrs, mount, unshare, new processes...) gets EPERM.
#include "sandbox/syscall_filter.hpp"

#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <stdexcept>
#include <string>

namespace mldrill::sandbox {
namespace {

// Unconditionally allowed. Names unknown to this architecture are skipped.
const char* const kAllowed[] = {
    // memory
    "brk", "mmap", "munmap", "mremap", "mprotect", "madvise", "mincore", "msync", "membarrier",
    "mlock", "mlock2", "munlock", "mlockall", "munlockall",  // bounded by RLIMIT_MEMLOCK; libgcrypt asks
    // threads and synchronisation (clone is below: threads only)
    "futex", "futex_waitv", "set_robust_list", "get_robust_list", "set_tid_address", "rseq", "sched_yield",
    "sched_getaffinity", "sched_getparam", "sched_getscheduler", "sched_get_priority_max",
    "sched_get_priority_min", "getcpu", "getpriority",
    // I/O on descriptors it holds (pipes 0-4; files of its own run directory)
    "read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "pwritev", "preadv2", "pwritev2",
    "lseek", "close", "fcntl", "dup", "dup2", "dup3", "poll", "ppoll", "select", "pselect6", "fsync",
    "fdatasync", "ftruncate",
    // files: the loader, LibTorch's start-up, and its own run directory (the rest is read-only)
    "openat", "open", "creat", "stat", "fstat", "lstat", "newfstatat", "statx", "access", "faccessat",
    "faccessat2", "readlink", "readlinkat", "getcwd", "getdents64", "unlink", "unlinkat", "mkdir", "mkdirat",
    "rename", "renameat", "renameat2", "statfs", "fstatfs",
    // identity, time, randomness
    "getpid", "gettid", "getppid", "getuid", "geteuid", "getgid", "getegid", "getresuid", "getresgid",
    "getgroups", "getpgrp", "getpgid", "getsid", "uname", "sysinfo", "getrusage", "times", "clock_gettime",
    "clock_getres", "clock_nanosleep", "nanosleep", "gettimeofday", "time", "getrandom",
    // signals handled inside the process (crash reports, sigaltstack)
    "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigpending", "rt_sigtimedwait", "rt_sigsuspend",
    "sigaltstack", "restart_syscall", "getrlimit",
    // process start and end: bubblewrap execs the candidate after the filter is in place, and
    // its init (PID 1 of the jail, under the same filter) waits for it
    "execve", "exit", "exit_group", "arch_prctl", "wait4", "waitid",
};

void add(scmp_filter_ctx ctx, const char* name, unsigned n = 0, const scmp_arg_cmp* args = nullptr) {
  const int nr = seccomp_syscall_resolve_name(name);
  if (nr == __NR_SCMP_ERROR) return;
  if (seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, n, args) != 0)
    throw std::runtime_error(std::string("seccomp: cannot allow ") + name);
}

std::string compile_filter() {
  // Default: EPERM. A foreign architecture or ABI (i386 via int 0x80, x32 numbers with bit
  // 30 set): kill the process. libseccomp emits the x32 check for an x86_64-only filter.
  std::unique_ptr<void, void (*)(scmp_filter_ctx)> ctx(seccomp_init(SCMP_ACT_ERRNO(EPERM)), seccomp_release);
  if (!ctx) throw std::runtime_error("seccomp: cannot create a filter");
  scmp_filter_ctx c = ctx.get();
  if (seccomp_attr_set(c, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS) != 0)
    throw std::runtime_error("seccomp: cannot set the bad-architecture action");
  for (const char* name : kAllowed) add(c, name);

  // clone: new threads of this process only (a new process needs clone without CLONE_THREAD).
  const scmp_arg_cmp thread = SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD);
  add(c, "clone", 1, &thread);
  // clone3 hides its flags in memory where the filter cannot look: ENOSYS makes glibc use clone.
  seccomp_rule_add(c, SCMP_ACT_ERRNO(ENOSYS), seccomp_syscall_resolve_name("clone3"), 0);
  // Signals: only to itself (kill, tgkill on its own threads); its own group is itself
  // (a new session). The PID namespace hides every other process anyway.
  const scmp_arg_cmp self = SCMP_A0(SCMP_CMP_EQ, static_cast<scmp_datum_t>(kJailedPid));
  const scmp_arg_cmp zero = SCMP_A0(SCMP_CMP_EQ, 0);
  add(c, "kill", 1, &self);
  add(c, "kill", 1, &zero);
  add(c, "tgkill", 1, &self);
  // Limits and scheduling of itself only (pid 0): not prlimit64 on another process.
  add(c, "prlimit64", 1, &zero);
  add(c, "sched_setaffinity", 1, &zero);
  // ioctl: only TCGETS, which stdio's isatty() asks; never TIOCSTI or FS_IOC_SETFLAGS.
  const scmp_arg_cmp tcgets = SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffu, TCGETS);
  add(c, "ioctl", 1, &tcgets);
  // prctl: thread names (LibTorch, OpenMP) and reading its own state; not PR_SET_PDEATHSIG & co.
  for (int option : {PR_SET_NAME, PR_GET_NAME, PR_GET_DUMPABLE, PR_GET_SECCOMP, PR_GET_NO_NEW_PRIVS}) {
    const scmp_arg_cmp opt = SCMP_A0(SCMP_CMP_EQ, static_cast<scmp_datum_t>(option));
    add(c, "prctl", 1, &opt);
  }

  const int fd = memfd_create("mldrill-seccomp", 0);
  if (fd < 0) throw std::runtime_error("seccomp: memfd_create failed");
  if (seccomp_export_bpf(c, fd) != 0) {
    close(fd);
    throw std::runtime_error("seccomp: cannot export the filter");
  }
  std::string bpf(static_cast<size_t>(lseek(fd, 0, SEEK_END)), '\0');
  const ssize_t n = pread(fd, bpf.data(), bpf.size(), 0);
  close(fd);
  if (n != static_cast<ssize_t>(bpf.size())) throw std::runtime_error("seccomp: cannot read the filter back");
  return bpf;
}

}  // namespace

int candidate_filter_fd() {
  static const std::string bpf = compile_filter();
  const int fd = memfd_create("mldrill-seccomp", 0);
  if (fd < 0) throw std::runtime_error("seccomp: memfd_create failed");
  if (write(fd, bpf.data(), bpf.size()) != static_cast<ssize_t>(bpf.size()) || lseek(fd, 0, SEEK_SET) != 0) {
    close(fd);
    throw std::runtime_error("seccomp: cannot write the filter");
  }
  return fd;
}

}  // namespace mldrill::sandbox
