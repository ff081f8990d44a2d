// Every drill's grading cases, by exercise id. The drills are the lines of
// harness/catalog/drills.def; drill <id>'s cases are <id>_cases() in harness/cases/<id>.cpp.
#pragma once
#include <string>
#include <vector>

#include "grading/case.hpp"

namespace mldrill::cases {

// The cases of one exercise, in grading order. Throws std::out_of_range for an unknown id.
std::vector<grading::Case> cases_for(const std::string& exercise);

#define MLDRILL_DRILL(id) std::vector<grading::Case> id##_cases();
#include "catalog/drills.def"
#undef MLDRILL_DRILL

}  // namespace mldrill::cases
