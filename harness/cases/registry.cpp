// The registry of drills: id → cases, one entry per line of harness/catalog/drills.def.
#include "cases/registry.hpp"

#include <stdexcept>
#include <utility>

namespace mldrill::cases {

std::vector<grading::Case> cases_for(const std::string& exercise) {
  using Maker = std::vector<grading::Case> (*)();
  static const std::vector<std::pair<std::string, Maker>> registry = {
#define MLDRILL_DRILL(id) {#id, &id##_cases},
#include "catalog/drills.def"
#undef MLDRILL_DRILL
  };
  for (auto& [id, make] : registry)
    if (id == exercise) return make();
  throw std::out_of_range("unknown exercise: " + exercise);
}

}  // namespace mldrill::cases
