// Writing a file the user will open (report, trace, export) so that it is either complete or
// untouched: never empty, never half written, never a stray temporary left behind.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

namespace mldrill::files {

// Writes bytes to a temporary file beside path, fsyncs it, renames it onto path and fsyncs
// the directory. Creates no directory: a missing one is an error that names it. On any
// failure nothing is left behind and std::runtime_error says what failed and why.
void write_atomically(const std::string& path, std::string_view bytes);

}  // namespace mldrill::files
