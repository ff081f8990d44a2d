// Every drill's grading cases, by exercise id. Adding a drill = one line in registry.cpp.
#pragma once
#include <string>
#include <vector>

#include "grading/case.hpp"

namespace mldrill::cases {

// The exercises the grader knows, in the order `mldrill list` shows them.
const std::vector<std::string>& exercise_ids();

// The cases of one exercise, in grading order. Throws std::out_of_range for an unknown id.
std::vector<grading::Case> cases_for(const std::string& exercise);

std::vector<grading::Case> logreg_cases();
std::vector<grading::Case> knn_cases();
std::vector<grading::Case> attention_cases();
std::vector<grading::Case> kmeans_cases();
std::vector<grading::Case> mlp_cases();

}  // namespace mldrill::cases
