// `mldrill report` and `mldrill trace`: the history as an HTML page, and the references'
// behaviour as JSON for the notebooks.
#include <fmt/format.h>

#include <filesystem>

#include "cli/app.hpp"
#include "cli/format.hpp"
#include "files/atomic_write.hpp"
#include "report/report.hpp"
#include "trace/trace.hpp"

namespace fs = std::filesystem;

namespace mldrill::cli {

namespace {
// Complete or untouched, and into an existing directory only (a typo in --out must not
// create a tree of directories).
void write_file(const std::string& path, const std::string& text) {
  try {
    files::write_atomically(path, text);
  } catch (const std::runtime_error& e) {
    throw EnvironmentError(e.what());
  }
}
}  // namespace

int cmd_report(Session& s, const ReportOptions& o) {
  const auto data = report::collect(s.store(), history::now_seconds());
  const std::string out = o.out ? *o.out : s.where().data_dir + "/report.html";
  write_file(out, report::render_html(data));
  if (o.json) {
    nlohmann::json drills = nlohmann::json::array();
    for (const auto& d : data.drills) drills.push_back({{"exercise", d.exercise}, {"attempts", d.attempts.size()}});
    print_json({{"file", fs::absolute(out).string()}, {"drills", drills}});
  } else {
    fmt::print("Report written to {} (open it in a browser; it needs no network).\n", display_path(fs::absolute(out).string()));
  }
  return 0;
}

int cmd_trace(const TraceOptions& o) {
  nlohmann::json j;
  try {
    j = trace::make(o.name);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  if (!o.out) {
    print_json(j);
    return 0;
  }
  write_file(*o.out, j.dump(1) + "\n");
  if (!o.json) fmt::print(stderr, "Trace written to {}\n", *o.out);
  else print_json({{"trace", o.name}, {"file", fs::absolute(*o.out).string()}});
  return 0;
}

std::string trace_help() {
  std::string s = "What to trace:";
  for (const auto& k : trace::kinds()) s += fmt::format("\n  {:<16} {}", k.name, k.summary);
  return s;
}

}  // namespace mldrill::cli
