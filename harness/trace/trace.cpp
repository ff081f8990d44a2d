// The registry of traces: each drill's traces (harness/trace/<drill>.cpp), in the order of
// trace/drills.def, and the lookup by name.
#include "trace/trace.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "trace/common.hpp"

namespace mldrill::trace {

using nlohmann::json;

const std::vector<TraceKind>& kinds() {
  static const std::vector<TraceKind> all = [] {
    struct Drill {
      const char* id;
      std::vector<TraceKind> (*traces)();
    };
    const Drill drills[] = {
#define MLDRILL_TRACE_DRILL(id) {#id, traces_##id},
#include "trace/drills.def"
#undef MLDRILL_TRACE_DRILL
    };
    std::vector<TraceKind> v;
    for (const Drill& d : drills)
      for (TraceKind k : d.traces()) {
        k.drill = d.id;
        v.push_back(std::move(k));
      }
    return v;
  }();
  return all;
}

json make(const std::string& name) {
  std::string known;
  for (const auto& k : kinds()) {
    if (k.name == name) return k.make();
    known += (known.empty() ? "" : ", ") + k.name;
  }
  throw std::invalid_argument(fmt::format("no trace named '{}' (known: {})", name, known));
}

}  // namespace mldrill::trace
