// Reading the compiler's and the linker's text: `file:line:col: severity: message` lines,
// and the linker's complaints in plain words. Linear in the text's length, at any length.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace mldrill::compile {

struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string severity;  // "error", "warning", "fatal error"
  std::string message;
};

// Every `file:line:col: (fatal error|error|warning): message` line of GCC's or Clang's text
// output; other lines (notes, "In file included from", source excerpts) are skipped.
std::vector<Diagnostic> parse_diagnostics(std::string_view compiler_output);

// Our plain-words reading of a link failure (an undefined or doubly defined symbol), or "".
std::string explain_link_failure(std::string_view linker_output);

}  // namespace mldrill::compile
