// `mldrill pause | resume | status | hint`: the open attempt's clock, state and hints.
#include <fmt/format.h>

#include "catalog/catalog.hpp"
#include "cli/app.hpp"
#include "cli/format.hpp"

namespace mldrill::cli {
namespace {

// The attempt a command acts on: the exercise's open one, or the most recently started.
history::Attempt open_attempt(Session& s, const AttemptOptions& o, double now) {
  auto a = o.exercise ? s.store().open_attempt(*o.exercise, now) : s.store().latest_open_attempt(now);
  if (!a)
    throw UsageError(o.exercise ? fmt::format("no open {0} attempt (start one with `mldrill start {0}`)", *o.exercise)
                                : "no open attempt (start one with `mldrill start <exercise>`)");
  return *a;
}

int report_state(Session& s, const AttemptOptions& o, int64_t id, const std::string& what) {
  const auto a = *s.store().attempt(id, history::now_seconds());
  if (o.json) print_json(attempt_json(a));
  else fmt::print("{} {} attempt #{}: {} active so far (target {}).\n", what, a.exercise, a.id, duration(a.active_seconds),
                  duration(a.target_minutes * 60));
  return 0;
}

}  // namespace

int cmd_pause(Session& s, const AttemptOptions& o) {
  const double now = history::now_seconds();
  const auto a = open_attempt(s, o, now);
  return report_state(s, o, a.id, s.store().pause(a.id, now) ? "Paused" : "Already paused:");
}

int cmd_resume(Session& s, const AttemptOptions& o) {
  const double now = history::now_seconds();
  const auto a = open_attempt(s, o, now);
  return report_state(s, o, a.id, s.store().resume(a.id, now) ? "Resumed" : "Not paused:");
}

int cmd_status(Session& s, const AttemptOptions& o) {
  const double now = history::now_seconds();
  std::vector<history::Attempt> open;
  if (o.exercise) {
    catalog::exercise(*o.exercise);  // an unknown name is a usage error
    if (auto a = s.store().open_attempt(*o.exercise, now)) open.push_back(*a);
  } else {
    for (const auto& a : s.store().attempts(std::nullopt, now))
      if (a.status == "open") open.push_back(a);
  }
  if (o.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : open) list.push_back(attempt_json(a));
    print_json({{"open_attempts", list}});
    return 0;
  }
  if (open.empty()) fmt::print("No open attempt. Start one with `mldrill start <exercise>` (`mldrill list` shows them).\n");
  for (const auto& a : open) {
    fmt::print("{} ({}) attempt #{}: {} active of a {} target{}\n", a.exercise, a.flavor, a.id, duration(a.active_seconds),
               duration(a.target_minutes * 60), a.paused ? " — paused" : "");
    fmt::print("  file {} · {} check{}{} · {} hint{} taken\n", display_path(a.workspace_file), a.checks,
               a.checks == 1 ? "" : "s", a.last_verdict ? ", last " + *a.last_verdict : "", a.hints,
               a.hints == 1 ? "" : "s");
  }
  return 0;
}

int cmd_hint(Session& s, const AttemptOptions& o) {
  const double now = history::now_seconds();
  if (o.exercise) catalog::exercise(*o.exercise);  // an unknown name is a usage error
  // Hints belong to an attempt: taking one is recorded with it, one at a time.
  const auto open = o.exercise ? s.store().open_attempt(*o.exercise, now) : s.store().latest_open_attempt(now);
  if (!open) {
    if (!o.exercise) throw UsageError("no open attempt: hints are given one at a time during an attempt (`mldrill start <exercise>`)");
    throw UsageError(fmt::format("no open {0} attempt: hints are given one at a time during an attempt (`mldrill "
                                 "start {0}`); all of them are in {1}",
                                 *o.exercise, display_path(catalog::exercise(*o.exercise).dir + "/hints.md")));
  }
  const auto& a = *open;
  const std::string id = a.exercise;
  const auto hints = catalog::exercise(id).hints();
  if (a.hints >= static_cast<int>(hints.size())) {
    if (o.json) print_json({{"exercise", id}, {"attempt", a.id}, {"hint", nullptr}, {"taken", a.hints}, {"total", hints.size()}});
    else fmt::print("No more hints: all {} are taken. The task: {}\n", hints.size(), catalog::exercise(id).dir + "/README.md");
    return 0;
  }
  const int n = s.store().take_hint(a.id, now);
  if (o.json)
    print_json({{"exercise", id}, {"attempt", a.id}, {"number", n}, {"total", hints.size()}, {"hint", hints[size_t(n - 1)]}, {"recorded", true}});
  else fmt::print("Hint {} of {} (recorded with attempt #{}):\n{}\n", n, hints.size(), a.id, hints[size_t(n - 1)]);
  return 0;
}

}  // namespace mldrill::cli
