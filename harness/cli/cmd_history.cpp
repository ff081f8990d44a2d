// `mldrill list | history | target`: what there is to drill and how it went.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "catalog/catalog.hpp"
#include "cli/app.hpp"
#include "cli/format.hpp"

namespace mldrill::cli {

int cmd_list(Session& s, const CommonOptions& o) {
  const double now = history::now_seconds();
  nlohmann::json list = nlohmann::json::array();
  size_t width = 10;  // the id column fits the longest id ("naive_bayes" and longer)
  for (const auto& ex : catalog::exercises()) width = std::max(width, ex.id.size());
  if (!o.json) fmt::print("{:<{}} {:>7}  {:<22} {:<24} {}\n", "exercise", width, "target", "flavors", "best", "last");
  for (const auto& ex : catalog::exercises()) {
    const double target = target_minutes(s.store(), ex.id);
    const auto flavors = catalog::gradable_flavors(ex);
    nlohmann::json best = nlohmann::json::object();
    std::string best_text;
    for (const auto& f : flavors)
      if (auto b = s.store().best_seconds(ex.id, f)) {
        best[f] = *b;
        best_text += fmt::format("{}{} {}", best_text.empty() ? "" : ", ", f, duration(*b));
      }
    const auto attempts = s.store().attempts(ex.id, now);
    nlohmann::json last;
    std::string last_text = "—";
    if (!attempts.empty()) {
      const auto& a = attempts.back();
      last = attempt_json(a);
      last_text = fmt::format("{} {} ({}, {})", a.status, a.status == "open" ? "now" : duration(a.active_seconds), a.flavor,
                              local_time(a.started_at).substr(0, 10));
    }
    list.push_back({{"id", ex.id},
                    {"title", ex.title},
                    {"target_minutes", target},
                    {"flavors", flavors},
                    {"best_seconds", best},
                    {"last_attempt", last}});
    if (!o.json) {
      std::string fl;
      for (const auto& f : flavors) fl += (fl.empty() ? "" : ",") + f;
      fmt::print("{:<{}} {:>7}  {:<22} {:<24} {}\n", ex.id, width, duration(target * 60), fl,
                 best_text.empty() ? "—" : best_text, last_text);
    }
  }
  if (o.json) print_json({{"exercises", list}});
  return 0;
}

int cmd_history(Session& s, const HistoryOptions& o) {
  const double now = history::now_seconds();
  if (o.attempt) {  // one attempt, check by check
    auto a = s.store().attempt(*o.attempt, now);
    if (!a) throw UsageError(fmt::format("no attempt #{}", *o.attempt));
    const auto checks = s.store().checks(a->id);
    if (o.json) {
      nlohmann::json j = attempt_json(*a);
      nlohmann::json cs = nlohmann::json::array();
      for (const auto& c : checks)
        cs.push_back({{"id", c.id},
                      {"checked", iso_time(c.checked_at)},
                      {"seconds_into_attempt", c.checked_at - a->started_at},
                      {"verdict", c.verdict},
                      {"failing_case", c.failing_case},
                      {"compile_seconds", c.compile_seconds},
                      {"run_seconds", c.run_seconds}});
      j["check_list"] = cs;
      print_json(j);
      return 0;
    }
    fmt::print("{} ({}) attempt #{}, started {}: {} — {} active\n", a->exercise, a->flavor, a->id, local_time(a->started_at),
               a->status, duration(a->active_seconds));
    for (const auto& c : checks)
      fmt::print("  +{:>8}  {:<18} {}\n", duration(c.checked_at - a->started_at), c.verdict, c.failing_case);
    return 0;
  }
  if (o.exercise) catalog::exercise(*o.exercise);
  const auto attempts = s.store().attempts(o.exercise, now);
  if (o.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : attempts) list.push_back(attempt_json(a));
    print_json({{"attempts", list}});
    return 0;
  }
  if (attempts.empty()) {
    fmt::print("No attempts yet. `mldrill start <exercise>` begins one.\n");
    return 0;
  }
  fmt::print("{:>4}  {:<16} {:<10} {:<8} {:>9} {:>8} {:>6} {:<10} {}\n", "#", "started", "exercise", "flavor", "active",
             "target", "checks", "result", "target met");
  for (const auto& a : attempts)
    fmt::print("{:>4}  {:<16} {:<10} {:<8} {:>9} {:>8} {:>6} {:<10} {}\n", a.id, local_time(a.started_at), a.exercise,
               a.flavor, duration(a.active_seconds), duration(a.target_minutes * 60), a.checks, a.status,
               a.status == "passed" ? (a.target_met() ? "yes" : "no") : "");
  return 0;
}

int cmd_target(Session& s, const TargetOptions& o) {
  const catalog::Exercise& ex = catalog::exercise(o.exercise);
  if (o.minutes) {
    if (!(*o.minutes >= kMinTargetMinutes && *o.minutes <= kMaxTargetMinutes))
      throw UsageError(fmt::format("a target is a number of minutes from {} to {} (a day), got {}; "
                                   "`mldrill target {} --reset` goes back to the default ({})",
                                   kMinTargetMinutes, kMaxTargetMinutes, *o.minutes, ex.id, ex.target_minutes));
    s.store().set_target(ex.id, *o.minutes, history::now_seconds());
  } else if (o.reset) {
    s.store().clear_target(ex.id);
  }
  const double t = target_minutes(s.store(), ex.id);
  if (o.json) print_json({{"exercise", ex.id}, {"target_minutes", t}, {"default_minutes", ex.target_minutes}});
  else fmt::print("{}: target {}{}\n", ex.id, duration(t * 60), t == ex.target_minutes ? " (the default)" : fmt::format(" (default {})", duration(ex.target_minutes * 60)));
  return 0;
}

}  // namespace mldrill::cli
