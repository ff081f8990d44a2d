// Which symbols a candidate's object file may not import: the flavor's rules (CMake's
// MLDRILL_FLAVOR_<flavor>_FORBIDDEN) matched against its undefined symbols, demangled.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace mldrill::compile {

// One rule per string, matched against a demangled symbol name:
//   "=name"   exactly this name (C functions: "=dlsym")
//   "*text"   any name containing text ("*::redispatch(")
//   "!prefix" allowed even when another rule refuses it (checked first)
//   "prefix"  any name starting with it, e.g. a whole namespace ("torch::jit::")
bool refused(const std::string& symbol, const std::vector<std::string>& rules);

// The first symbol of `nm -u -C` output that the rules refuse, if any.
std::optional<std::string> first_refused(const std::string& nm_output, const std::vector<std::string>& rules);

// Runs `nm -u -C` on the object file; the first refused symbol it imports, if any.
std::optional<std::string> forbidden_call(const std::string& object, const std::vector<std::string>& rules);

}  // namespace mldrill::compile
