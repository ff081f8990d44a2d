// The report page: a summary table, two charts per drill and the recurring failures,
// as one HTML file with inline SVG and inline CSS (it opens offline, from anywhere).
#include "report/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>

#include "catalog/catalog.hpp"
#include "report/svg.hpp"

namespace mldrill::report {

namespace {

const std::map<std::string, std::string> kFlavorColours = {
    {"eigen", "#1f77b4"}, {"xtensor", "#2ca02c"}, {"torch", "#9467bd"}};

std::string colour_of(const std::string& flavor) {
  auto it = kFlavorColours.find(flavor);
  return it == kFlavorColours.end() ? "#7f7f7f" : it->second;
}

std::string minutes_text(double seconds) {  // "4:05", "1:02:03"
  const long s = std::lround(std::max(0.0, seconds));
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

std::string date_text(double unix_time) {
  const std::time_t t = static_cast<std::time_t>(unix_time);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

std::vector<std::string> flavors_of(const DrillHistory& d) {
  std::vector<std::string> out;
  for (const auto& a : d.attempts)
    if (std::find(out.begin(), out.end(), a.attempt.flavor) == out.end()) out.push_back(a.attempt.flavor);
  return out;
}

std::string tooltip(const history::Attempt& a, const std::string& what) {
  return fmt::format("#{} {} ({}), {}: {}", a.id, a.exercise, a.flavor, date_text(a.started_at), what);
}

// x = the attempt's number within the drill (all flavors, oldest first); open attempts are not drawn.
std::string time_chart(const DrillHistory& d) {
  LineChart c{fmt::format("{}: active time per attempt", d.title), "chart time-chart", d.exercise,
              "attempt", "active minutes", {}, d.target_minutes,
              fmt::format("target {}", minutes_text(d.target_minutes * 60))};
  for (const auto& flavor : flavors_of(d)) {
    Series s{flavor, colour_of(flavor), {}};
    for (size_t i = 0; i < d.attempts.size(); ++i) {
      const auto& a = d.attempts[i].attempt;
      if (a.flavor != flavor || a.status == "open") continue;
      const std::string what = fmt::format("{} active, {}{}", minutes_text(a.active_seconds), a.status,
                                           a.status == "passed" ? (a.target_met() ? ", target met" : ", over target") : "");
      s.points.push_back({double(i + 1), a.active_seconds / 60, a.status == "passed", tooltip(a, what)});
    }
    c.series.push_back(s);
  }
  return line_chart(c);
}

std::string checks_chart(const DrillHistory& d) {
  LineChart c{fmt::format("{}: checks needed to pass", d.title), "chart checks-chart", d.exercise, "attempt",
              "checks", {}, std::nullopt, ""};
  for (const auto& flavor : flavors_of(d)) {
    Series s{flavor, colour_of(flavor), {}};
    for (size_t i = 0; i < d.attempts.size(); ++i) {
      const auto& a = d.attempts[i].attempt;
      if (a.flavor != flavor || a.status != "passed") continue;
      s.points.push_back({double(i + 1), double(a.checks), true, tooltip(a, fmt::format("{} checks", a.checks))});
    }
    c.series.push_back(s);
  }
  return line_chart(c);
}

std::string summary_table(const ReportData& data) {
  std::string s =
      "<table class=\"summary\">\n<tr><th>drill</th><th>flavor</th><th>attempts</th><th>passed</th>"
      "<th>abandoned</th><th>best</th><th>latest pass</th><th>target</th><th>passes within target</th></tr>\n";
  for (const auto& d : data.drills)
    for (const auto& flavor : flavors_of(d)) {
      int attempts = 0, passed = 0, abandoned = 0, met = 0;
      std::optional<double> best, latest;
      for (const auto& ac : d.attempts) {
        const auto& a = ac.attempt;
        if (a.flavor != flavor) continue;
        ++attempts;
        abandoned += a.status == "abandoned";
        if (a.status != "passed") continue;
        ++passed;
        met += a.active_seconds <= d.target_minutes * 60;
        best = std::min(best.value_or(INFINITY), a.active_seconds);
        latest = a.active_seconds;
      }
      s += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                       "<td>{}</td></tr>\n",
                       escape(d.exercise), escape(flavor), attempts, passed, abandoned,
                       best ? minutes_text(*best) : "—", latest ? minutes_text(*latest) : "—",
                       minutes_text(d.target_minutes * 60), passed ? fmt::format("{} of {}", met, passed) : "—");
    }
  return s + "</table>\n";
}

std::string failures_section(const ReportData& data) {
  const auto kinds = failure_kinds(data);
  if (kinds.empty()) return "<p>No failed checks yet.</p>\n";
  std::vector<Bar> bars;
  for (size_t i = 0; i < kinds.size() && i < 12; ++i) {
    const auto& k = kinds[i];
    const std::string label = fmt::format("{}: {}{}", k.exercise, k.verdict, k.test.empty() ? "" : " in " + k.test);
    bars.push_back({label, double(k.count), fmt::format("{} checks ended {}", k.count, label)});
  }
  return bar_chart("Recurring failures (first failing case of each failed check)", "chart failures-chart", bars,
                   "#ff7f0e");
}

constexpr const char* kStyle = R"(
body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 24px auto; max-width: 900px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 28px; }
table.summary { border-collapse: collapse; font-size: 13px; }
table.summary th, table.summary td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
table.summary td:first-child, table.summary td:nth-child(2), table.summary th:first-child,
table.summary th:nth-child(2) { text-align: left; }
svg.chart { display: block; margin: 8px 0; background: #fff; }
p.note { color: #555; font-size: 13px; }
)";

}  // namespace

std::string case_without_parameters(const std::string& name) { return name.substr(0, name.find('(')); }

ReportData collect(history::Store& store, double now) {
  ReportData data{now, {}};
  std::map<std::string, size_t> index;
  for (const auto& ex : catalog::exercises()) {
    index[ex.id] = data.drills.size();
    data.drills.push_back({ex.id, ex.title, store.target_override(ex.id).value_or(ex.target_minutes), {}});
  }
  std::map<std::string, DrillHistory> unknown;  // in the history, not in this catalog
  for (const auto& a : store.attempts(std::nullopt, now)) {
    DrillHistory* d = nullptr;
    if (auto it = index.find(a.exercise); it != index.end()) d = &data.drills[it->second];
    else {
      d = &unknown[a.exercise];
      d->exercise = d->title = a.exercise;
      d->target_minutes = store.target_override(a.exercise).value_or(a.target_minutes);
    }
    d->attempts.push_back({a, store.checks(a.id)});
  }
  for (auto& [id, d] : unknown) data.drills.push_back(std::move(d));
  data.drills.erase(std::remove_if(data.drills.begin(), data.drills.end(),
                                   [](const DrillHistory& d) { return d.attempts.empty(); }),
                    data.drills.end());
  return data;
}

std::vector<FailureKind> failure_kinds(const ReportData& data) {
  std::map<std::tuple<std::string, std::string, std::string>, int> counts;
  for (const auto& d : data.drills)
    for (const auto& a : d.attempts)
      for (const auto& c : a.checks)
        if (c.verdict != "accepted") ++counts[{d.exercise, c.verdict, case_without_parameters(c.failing_case)}];
  std::vector<FailureKind> out;
  for (const auto& [key, n] : counts) out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), n});
  std::stable_sort(out.begin(), out.end(), [](const FailureKind& a, const FailureKind& b) { return a.count > b.count; });
  return out;
}

std::string render_html(const ReportData& data) {
  std::string s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<title>mldrill report</title>\n<style>";
  s += kStyle;
  s += "</style>\n</head>\n<body>\n<h1>mldrill: progress report</h1>\n";
  s += fmt::format("<p class=\"note\">Generated {}. Filled points passed, hollow ones were abandoned; the dashed "
                   "red line is the target in force now. Open attempts are not drawn.</p>\n",
                   escape(date_text(data.generated_at)));
  if (data.drills.empty()) return s + "<p>No attempts yet: <code>mldrill start &lt;exercise&gt;</code> begins one.</p>\n</body>\n</html>\n";
  s += summary_table(data);
  for (const auto& d : data.drills) {
    s += fmt::format("<section class=\"drill\" data-exercise=\"{}\">\n<h2>{}</h2>\n", escape(d.exercise), escape(d.title));
    s += time_chart(d);
    s += checks_chart(d);
    s += "</section>\n";
  }
  s += "<section class=\"failures\">\n<h2>Recurring failures</h2>\n" + failures_section(data) + "</section>\n";
  return s + "</body>\n</html>\n";
}

}  // namespace mldrill::report
