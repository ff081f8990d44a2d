// Confines a candidate's process before exec (called between fork and exec: only
// async-signal-safe system calls inside). Two layers, each skipped where the kernel lacks it:
//  - Landlock: the file system becomes read-only except `writable_dir`, so no candidate can
//    touch the history database, the workspace or anything else of the user's;
//  - seccomp: no new processes (threads are fine), no ptrace, and signals only to itself,
//    so a candidate can neither fork-bomb nor kill(-1, SIGKILL) the grader.
#pragma once

namespace mldrill::sandbox {

struct Confinement {
  bool filesystem = false;  // Landlock applied
  bool syscalls = false;    // seccomp filter applied
};

Confinement confine_child(const char* writable_dir);

// What this machine's kernel supports, probed once in a throwaway child process.
Confinement available_confinement();

}  // namespace mldrill::sandbox
