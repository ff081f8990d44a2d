// `mldrill report`: the history as one self-contained HTML page. Per drill, the active
// time of each attempt against the target and the checks each passed attempt needed;
// over all drills, the failures that keep coming back.
#pragma once
#include <string>
#include <vector>

#include "history/store.hpp"

namespace mldrill::report {

struct AttemptChecks {
  history::Attempt attempt;
  std::vector<history::CheckRow> checks;
};

struct DrillHistory {
  std::string exercise;
  std::string title;
  double target_minutes = 0;  // the target in force now
  std::vector<AttemptChecks> attempts;  // oldest first, every flavor
};

struct ReportData {
  double generated_at = 0;
  std::vector<DrillHistory> drills;  // in catalog order, then unknown exercises by name
};

// Everything the report shows, read from the history. A drill's title and target come
// from the catalog (and the user's override); an exercise the catalog does not know
// keeps its id as title and the target of its latest attempt.
ReportData collect(history::Store& store, double now);

// A recurring failure: a verdict at one case (its parameters dropped), counted over all checks.
struct FailureKind {
  std::string exercise, verdict, test;
  int count = 0;
};
std::vector<FailureKind> failure_kinds(const ReportData& data);  // most frequent first

// "gradient(n=40,d=6)" → "gradient"
std::string case_without_parameters(const std::string& name);

std::string render_html(const ReportData& data);

}  // namespace mldrill::report
