// One check, end to end: compile the candidate, run it isolated, grade every case in
// order, and produce the report. The first failing case decides the verdict.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compile/compiler.hpp"
#include "grading/case.hpp"

namespace mldrill::grading {

struct Report {
  std::string exercise;
  std::string flavor;
  std::string source_path;
  Verdict verdict = Verdict::Accepted;
  compile::BuildResult build;
  std::vector<CaseResult> cases;
  double run_seconds = 0;  // wall time of the whole isolated run
  std::string output;      // what the candidate printed (capped)
  bool output_truncated = false;
  long peak_rss_kb = 0;    // largest resident size of any candidate process

  const CaseResult* first_failing() const;
};

// Grades `cases` against the candidate in `source_path`. Throws std::runtime_error only for
// environment problems (missing runner, unwritable work directory).
Report grade(const std::string& exercise, const std::string& flavor, const std::string& source_path,
             const std::vector<Case>& cases, const std::string& work_dir);

nlohmann::json to_json(const Report& r);

}  // namespace mldrill::grading
