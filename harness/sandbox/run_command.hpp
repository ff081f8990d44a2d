// Runs a helper program (compiler, linker, nm, addr2line) and captures its output, with
// limits; run_confined runs it inside the jail (sandbox/jail.hpp) because it reads the
// candidate's file or executable.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace mldrill::sandbox {

struct JailSpec;

struct CommandResult {
  int exit_code = -1;     // -1 when killed by a signal or a limit
  bool timed_out = false;       // the wall-clock limit ended it
  bool output_limit = false;    // it printed more than the output limit and was stopped
  int signal = 0;               // the signal that ended it, if any (SIGXCPU: the CPU limit)
  std::string output;     // stdout and stderr, interleaved
  double seconds = 0;
};

struct CommandLimits {
  double wall_seconds = 300;
  double cpu_seconds = 0;                // RLIMIT_CPU, 0 = none
  uint64_t address_space_bytes = 0;      // RLIMIT_AS, 0 = none
  uint64_t file_size_bytes = 0;          // RLIMIT_FSIZE, 0 = none
  size_t output_bytes = 4u << 20;        // more output than this ends it
};

// Limits keep a template bomb in the candidate from taking the machine with the compiler.
CommandResult run_command(const std::vector<std::string>& argv, double wall_seconds = 300,
                          unsigned long long address_space_bytes = 0);
CommandResult run_command(const std::vector<std::string>& argv, const CommandLimits& limits);

// `argv` inside the jail with a minimal environment; unjailed (same limits) under the
// documented override. Throws SandboxUnavailable when the jail cannot start.
CommandResult run_confined(const JailSpec& jail, const std::vector<std::string>& argv, const CommandLimits& limits);

}  // namespace mldrill::sandbox
