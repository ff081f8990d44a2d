// Compiles a candidate's file and links it with the (exercise, flavor) runner. Results
// are cached by content, so an unchanged file is graded without recompiling.
#pragma once
#include <string>
#include <vector>

#include "compile/diagnostics.hpp"

namespace mldrill::compile {

struct BuildResult {
  bool ok = false;
  std::string executable;
  std::string stage;   // "compile" or "link" when !ok
  std::string output;  // the compiler's text as printed
  std::vector<Diagnostic> diagnostics;
  std::string explanation;  // our reading of a link or resource failure, in plain words
  double compile_seconds = 0;
  double link_seconds = 0;
  bool cached = false;
};

// Throws std::runtime_error for environment problems (missing runner, unreadable file).
BuildResult build_candidate(const std::string& source_path, const std::string& exercise,
                            const std::string& flavor, const std::string& cache_root);

}  // namespace mldrill::compile
