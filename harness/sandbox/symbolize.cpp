// addr2line -a -f -C -i: each address opens a group of (function, file:line) pairs,
// innermost inlined frame first.
#include "sandbox/symbolize.hpp"

#include <cstdio>
#include <filesystem>
#include <sstream>

#include "sandbox/run_command.hpp"

namespace mldrill::sandbox {

std::optional<SourceLocation> locate_in_file(const std::string& executable, const std::vector<uint64_t>& frames,
                                             const std::string& source_file) {
  if (frames.empty()) return std::nullopt;
  std::vector<std::string> argv{"addr2line", "-a", "-f", "-C", "-i", "-e", executable};
  for (size_t i = 0; i < frames.size(); ++i) {
    // Return addresses point after the call; step back into the calling instruction.
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(frames[i] - (i > 0 ? 1 : 0)));
    argv.push_back(buf);
  }
  CommandResult r = run_command(argv, 20);
  if (r.exit_code != 0) return std::nullopt;
  const std::string want = std::filesystem::path(source_file).filename().string();
  std::istringstream in(r.output);
  std::string line, function;
  bool expect_function = true;
  while (std::getline(in, line)) {
    if (line.rfind("0x", 0) == 0) {
      expect_function = true;
      continue;
    }
    if (expect_function) {
      function = line;
      expect_function = false;
      continue;
    }
    expect_function = true;
    // "file:line" or "file:line (discriminator n)"
    auto colon = line.rfind(':');
    if (colon == std::string::npos) continue;
    std::string file = line.substr(0, colon);
    int lineno = std::atoi(line.c_str() + colon + 1);
    if (lineno > 0 && (file == source_file || std::filesystem::path(file).filename() == want))
      return SourceLocation{function, file, lineno};
  }
  return std::nullopt;
}

}  // namespace mldrill::sandbox
