// Runs a trusted helper program (compiler, addr2line) and captures its output.
#pragma once
#include <string>
#include <vector>

namespace mldrill::sandbox {

struct CommandResult {
  int exit_code = -1;     // -1 when killed by a signal or a limit
  bool timed_out = false;
  std::string output;     // stdout and stderr, interleaved
  double seconds = 0;
};

// Limits keep a template bomb in the candidate from taking the machine with the compiler.
CommandResult run_command(const std::vector<std::string>& argv, double wall_seconds = 300,
                          unsigned long long address_space_bytes = 0);

}  // namespace mldrill::sandbox
