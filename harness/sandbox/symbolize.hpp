// Turns a crashed candidate's return addresses into "file:line in function" with addr2line.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mldrill::sandbox {

struct SourceLocation {
  std::string function;
  std::string file;
  int line = 0;
};

// The innermost frame that lies in `source_file` (the candidate's file), if any.
std::optional<SourceLocation> locate_in_file(const std::string& executable, const std::vector<uint64_t>& frames,
                                             const std::string& source_file);

}  // namespace mldrill::sandbox
