// The registry of drills: id → cases.
#include "cases/registry.hpp"

#include <stdexcept>
#include <utility>

namespace mldrill::cases {
namespace {
using Maker = std::vector<grading::Case> (*)();
const std::vector<std::pair<std::string, Maker>>& registry() {
  static const std::vector<std::pair<std::string, Maker>> r = {
      {"logreg", &logreg_cases},
      {"knn", &knn_cases},
      {"kmeans", &kmeans_cases},
      {"mlp", &mlp_cases},
      {"attention", &attention_cases},
  };
  return r;
}
}  // namespace

const std::vector<std::string>& exercise_ids() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> v;
    for (auto& [id, make] : registry()) v.push_back(id);
    return v;
  }();
  return ids;
}

std::vector<grading::Case> cases_for(const std::string& exercise) {
  for (auto& [id, make] : registry())
    if (id == exercise) return make();
  throw std::out_of_range("unknown exercise: " + exercise);
}

}  // namespace mldrill::cases
