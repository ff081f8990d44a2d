// The candidate's seccomp allow-list (libseccomp), compiled to BPF for bubblewrap's --seccomp.
// Anything not listed fails with EPERM; a system call of another ABI (x32, i386) kills the process.
#pragma once

namespace mldrill::sandbox {

// The candidate's PID inside its jail: bubblewrap's init is 1, the command it starts is 2.
// Signals are allowed only to this process (and its threads).
inline constexpr int kJailedPid = 2;

// A fresh file descriptor (memfd, read position 0, not close-on-exec) holding the compiled
// filter. The caller closes it. Throws std::runtime_error if libseccomp fails.
int candidate_filter_fd();

}  // namespace mldrill::sandbox
