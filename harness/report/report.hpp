// `mldrill report`: the history as one self-contained HTML page. Per drill, the active
// time of each attempt against the target and the checks each passed attempt needed;
// over all drills, the failures that keep coming back.
#pragma once
#include <string>
#include <vector>

#include "history/store.hpp"
#include "progress/stats.hpp"

namespace mldrill::report {

struct DrillHistory {
  std::string exercise;
  std::string title;
  double target_minutes = 0;                     // the target in force now
  std::vector<progress::AttemptRecord> attempts;  // oldest first, every flavor
};

// What the report shows. The numbers are harness/progress's, so the page and `mldrill
// stats` never disagree.
struct ReportData {
  double generated_at = 0;
  std::vector<DrillHistory> drills;         // in catalog order, then unknown exercises by name
  std::vector<progress::DrillStats> stats;  // per (exercise, flavor), as `mldrill stats`
  std::vector<progress::Mistake> recurring;  // recurring now, as `mldrill stats`
  std::vector<progress::Mistake> failures;   // every failure kind over the whole history, by attempts
};

// Everything the report shows, read from the history. A drill's title and target come
// from the catalog (and the user's override); an exercise the catalog does not know
// keeps its id as title and the target of its latest attempt.
ReportData collect(history::Store& store, double now);

std::string render_html(const ReportData& data);

}  // namespace mldrill::report
