// The report page: a summary table, two charts per drill and the recurring failures,
// as one HTML file with inline SVG and inline CSS (it opens offline, from anywhere).
#include "report/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <limits>
#include <map>

#include "catalog/catalog.hpp"
#include "report/svg.hpp"

namespace mldrill::report {

namespace {

const std::map<std::string, std::string> kFlavorColours = {
    {"eigen", "#1f77b4"}, {"xtensor", "#2ca02c"}, {"torch", "#9467bd"}, {"cpp", "#d62728"}};

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
              "checks", {}, std::nullopt, "", /*whole_y=*/true};
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

std::string optional_time(const std::optional<double>& seconds) { return seconds ? minutes_text(*seconds) : "—"; }

// The table `mldrill stats` prints, row for row.
std::string summary_table(const ReportData& data) {
  std::string s =
      "<table class=\"summary\">\n<tr><th>drill</th><th>flavor</th><th>attempts</th><th>passed</th>"
      "<th>abandoned</th><th>best</th><th>median of last 5</th><th>target</th><th>last 5 within target</th>"
      "<th>trend</th></tr>\n";
  for (const auto& d : data.stats)
    s += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                     "<td>{}</td><td>{}</td></tr>\n",
                     escape(d.exercise), escape(d.flavor), d.attempts, d.passed, d.abandoned,
                     optional_time(d.best_seconds), optional_time(d.median_last5_seconds),
                     minutes_text(d.target_minutes * 60),
                     d.last5_closed ? fmt::format("{} of {}", d.last5_met, d.last5_closed) : "—",
                     escape(progress::to_string(d.trend)));
  return s + "</table>\n";
}

std::string failure_label(const progress::Mistake& m) {
  return fmt::format("{}: {}{}", m.exercise, m.verdict, m.case_name.empty() ? "" : " in " + m.case_name);
}

// The chart: every failure kind over the whole history, by the attempts it showed up in;
// below it, the ones that recur in the recent attempts, in `mldrill stats`' words.
std::string failures_section(const ReportData& data) {
  if (data.failures.empty()) return "<p>No failed checks yet.</p>\n";
  std::vector<Bar> bars;
  for (size_t i = 0; i < data.failures.size() && i < 12; ++i) {
    const auto& m = data.failures[i];
    bars.push_back({failure_label(m), double(m.attempts_with),
                    fmt::format("{} of {} attempts had {}", m.attempts_with, m.window, failure_label(m))});
  }
  std::string s = bar_chart("Failures: attempts in which each kind of failure happened", "chart failures-chart", bars,
                            "#ff7f0e");
  if (data.recurring.empty()) return s + "<p class=\"note\">Nothing recurs in the recent attempts.</p>\n";
  s += "<p>Recurring in the recent attempts:</p>\n<ul class=\"recurring\">\n";
  for (const auto& m : data.recurring) s += "<li>" + escape(m.describe()) + "</li>\n";
  return s + "</ul>\n";
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

ReportData collect(history::Store& store, double now) {
  ReportData data{now, {}, {}, {}, {}};
  std::map<std::string, size_t> index;
  for (const auto& ex : catalog::exercises()) {
    index[ex.id] = data.drills.size();
    data.drills.push_back({ex.id, ex.title, store.target_override(ex.id).value_or(ex.target_minutes), {}});
  }
  std::map<std::string, DrillHistory> unknown;  // in the history, not in this catalog
  const auto records = progress::load_records(store, now);
  for (const auto& r : records) {
    DrillHistory* d = nullptr;
    if (auto it = index.find(r.attempt.exercise); it != index.end()) d = &data.drills[it->second];
    else {
      d = &unknown[r.attempt.exercise];
      d->exercise = d->title = r.attempt.exercise;
      d->target_minutes = store.target_override(r.attempt.exercise).value_or(r.attempt.target_minutes);
    }
    d->attempts.push_back(r);
  }
  for (auto& [id, d] : unknown) data.drills.push_back(std::move(d));
  data.drills.erase(std::remove_if(data.drills.begin(), data.drills.end(),
                                   [](const DrillHistory& d) { return d.attempts.empty(); }),
                    data.drills.end());

  std::map<std::string, double> target;
  for (const auto& d : data.drills) target[d.exercise] = d.target_minutes;
  data.stats = progress::drill_stats(records, [&](const std::string& exercise) { return target[exercise]; });
  data.recurring = progress::recurring_mistakes(records);
  data.failures = progress::recurring_mistakes(records, std::numeric_limits<int>::max(), 1);
  return data;
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
