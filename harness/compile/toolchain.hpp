// How to compile and link a candidate for each flavor, as CMake configured it
// (build/toolchain.json): one source of truth shared with the precompiled headers.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace mldrill::compile {

struct FlavorToolchain {
  std::string compiler;                    // compiles and links candidates (and built the PCH)
  std::vector<std::string> compile_flags;  // includes the forced precompiled prelude
  std::vector<std::string> link_flags;     // after the objects: libraries
  std::string pch;                         // the .gch the flags expect (may be absent)
  double address_space_mb = 1024;          // memory limit of the candidate's process
  double startup_wall_seconds = 0;         // wall-clock allowance for loading the process
  // Symbols a candidate's object may not call (demangled prefixes), and why.
  std::vector<std::string> forbidden_symbols;
  std::string forbidden_message;
  // Header directories a candidate may not read from although they lie under /usr (the
  // cpp flavor: Eigen's, xtensor's, LibTorch's), and why.
  std::vector<std::string> forbidden_headers;
  std::string forbidden_headers_message;
};

// Compiler things only; where files are is project/paths.hpp's.
struct Toolchain {
  std::string compiler;
  std::map<std::string, FlavorToolchain> flavors;
};

// Reads the build's toolchain.json (project::paths().toolchain_file()). Throws std::runtime_error.
const Toolchain& toolchain();

}  // namespace mldrill::compile
