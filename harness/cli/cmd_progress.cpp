// `mldrill stats | next | plan`: how the drills are going and what to drill when.
// The numbers come from harness/progress (stats.hpp, schedule.hpp); this file only shows them.
#include <fmt/format.h>

#include <cstdlib>

#include "catalog/catalog.hpp"
#include "cli/app.hpp"
#include "cli/format.hpp"
#include "progress/schedule.hpp"
#include "progress/stats.hpp"

namespace mldrill::cli {
namespace {

using nlohmann::json;

json optional_json(const std::optional<double>& v) { return v ? json(*v) : json(); }

// The target in force now; an exercise this build does not know (imported history) keeps
// the target its latest attempt was started with.
std::function<double(const std::string&)> targets(Session& s, const std::vector<progress::AttemptRecord>& records) {
  return [&s, &records](const std::string& exercise) {
    try {
      return target_minutes(s.store(), exercise);
    } catch (const catalog::UnknownExercise&) {
      double t = 0;
      for (const auto& r : records)
        if (r.attempt.exercise == exercise) t = r.attempt.target_minutes;
      return t;
    }
  };
}

json stats_json(const progress::DrillStats& d) {
  return {{"exercise", d.exercise},
          {"flavor", d.flavor},
          {"attempts", d.attempts},
          {"passed", d.passed},
          {"abandoned", d.abandoned},
          {"open", d.open},
          {"pass_rate", optional_json(d.pass_rate)},
          {"best_seconds", optional_json(d.best_seconds)},
          {"median_last5_seconds", optional_json(d.median_last5_seconds)},
          {"target_minutes", d.target_minutes},
          {"last5_closed", d.last5_closed},
          {"last5_met", d.last5_met},
          {"last5_all_met", d.last5_all_met()},
          {"trend", progress::to_string(d.trend)}};
}

std::string or_dash(const std::optional<double>& seconds) { return seconds ? duration(*seconds) : "—"; }

progress::Day today(const ScheduleOptions& o) {
  const char* env = std::getenv("MLDRILL_TODAY");
  const std::optional<std::string> text = o.today ? o.today : env && *env ? std::optional<std::string>(env) : std::nullopt;
  if (!text) return progress::local_day(history::now_seconds());
  if (auto d = progress::parse_day(*text)) return *d;
  throw UsageError(fmt::format("{} is not a date: say YYYY-MM-DD, e.g. 2026-11-24", *text));
}

std::vector<progress::DrillSchedule> schedule(Session& s) {
  std::vector<std::string> ids;
  for (const auto& ex : catalog::exercises()) ids.push_back(ex.id);
  auto out = progress::build_schedule(s.store().attempts(std::nullopt, history::now_seconds()), ids);
  for (auto& d : out)  // never attempted: the flavor `start` would pick (cpp for a cpp-only drill)
    if (!d.attempted) d.flavor = catalog::default_flavor(catalog::exercise(d.exercise));
  return out;
}

json drill_json(const progress::DrillSchedule& d, progress::Day today) {
  return {{"exercise", d.exercise},
          {"flavor", d.flavor},
          {"attempted", d.attempted},
          {"reviews", d.reviews.size()},
          {"ease", d.state.ease},
          {"repetitions", d.state.repetitions},
          {"interval_days", d.state.interval_days},
          {"last_review", d.reviews.empty() ? json() : json(progress::day_string(d.reviews.back().day))},
          {"last_quality", d.reviews.empty() ? json() : json(d.reviews.back().quality)},
          {"due", d.due ? json(progress::day_string(*d.due)) : json()},
          {"shown_on", progress::day_string(progress::shown_day(d, today))},
          {"reason", progress::reason(d, today)},
          {"open_attempt", d.open_attempt ? json(*d.open_attempt) : json()}};
}

std::string weekday(progress::Day d) {
  static const char* names[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // day 0 was a Thursday
  return names[((d % 7) + 7) % 7];
}

}  // namespace

int cmd_stats(Session& s, const CommonOptions& o) {
  const auto records = progress::load_records(s.store(), history::now_seconds());
  const auto drills = progress::drill_stats(records, targets(s, records));
  const auto mistakes = progress::recurring_mistakes(records);
  if (o.json) {
    json ds = json::array(), ms = json::array();
    for (const auto& d : drills) ds.push_back(stats_json(d));
    for (const auto& m : mistakes)
      ms.push_back({{"exercise", m.exercise},
                    {"verdict", m.verdict},
                    {"case", m.case_name},
                    {"attempts_with", m.attempts_with},
                    {"window", m.window},
                    {"text", m.describe()}});
    print_json({{"drills", ds}, {"mistakes", ms}});
    return 0;
  }
  if (drills.empty()) {
    fmt::print("No attempts yet. `mldrill next` says where to begin.\n");
    return 0;
  }
  fmt::print("{:<10} {:<8} {:>8} {:>6} {:>9} {:>9} {:>8} {:>10}  {}\n", "exercise", "flavor", "attempts", "passed",
             "best", "median 5", "target", "last 5 met", "trend");
  for (const auto& d : drills) {
    const std::string rate = d.pass_rate ? fmt::format("{:.0f}%", 100 * *d.pass_rate) : "—";
    const std::string met = d.last5_closed ? fmt::format("{} of {}", d.last5_met, d.last5_closed) : "—";
    fmt::print("{:<10} {:<8} {:>8} {:>6} {:>9} {:>9} {:>8} {:>10}  {}\n", d.exercise, d.flavor, d.attempts, rate,
               or_dash(d.best_seconds), or_dash(d.median_last5_seconds), duration(d.target_minutes * 60), met,
               progress::to_string(d.trend));
  }
  if (!mistakes.empty()) {
    fmt::print("\nMistakes that recur:\n");
    for (const auto& m : mistakes) fmt::print("  {}\n", m.describe());
  }
  return 0;
}

int cmd_next(Session& s, const ScheduleOptions& o) {
  const progress::Day day = today(o);
  const auto all = schedule(s);
  const auto due = progress::due_on(all, day);
  const auto open = s.store().latest_open_attempt(history::now_seconds());
  if (o.json) {
    json ds = json::array();
    for (const auto* d : due) ds.push_back(drill_json(*d, day));
    print_json({{"today", progress::day_string(day)},
                {"next", due.empty() ? json() : ds[0]},
                {"due", ds},
                {"open_attempt", open ? attempt_json(*open) : json()}});
    return 0;
  }
  if (open)
    fmt::print("An open {} attempt (#{}, {} active) is waiting: `mldrill watch` or `mldrill check` carries on.\n\n",
               open->exercise, open->id, duration(open->active_seconds));
  if (due.empty()) {
    const progress::DrillSchedule* soonest = nullptr;
    for (const auto& d : all)
      if (d.due && (!soonest || *d.due < *soonest->due)) soonest = &d;
    fmt::print("Nothing due today ({}).", progress::day_string(day));
    if (soonest) fmt::print(" Next: {} — {}.", soonest->exercise, progress::reason(*soonest, day));
    fmt::print("\n");
    return 0;
  }
  const auto* first = due.front();
  fmt::print("Today ({}): drill {} ({}) — {}.\n  mldrill start {}{}\n", progress::day_string(day), first->exercise,
             first->flavor, progress::reason(*first, day), first->exercise,
             first->flavor == catalog::default_flavor(catalog::exercise(first->exercise)) ? "" : " --flavor " + first->flavor);
  if (due.size() > 1) {
    fmt::print("Also due:\n");
    for (size_t i = 1; i < due.size(); ++i)
      fmt::print("  {} ({}) — {}\n", due[i]->exercise, due[i]->flavor, progress::reason(*due[i], day));
  }
  return 0;
}

int cmd_plan(Session& s, const ScheduleOptions& o) {
  const progress::Day day = today(o);
  const auto all = schedule(s);
  std::vector<const progress::DrillSchedule*> ordered = progress::due_on(all, day);
  std::vector<const progress::DrillSchedule*> later;
  for (const auto& d : all)
    if (d.due && *d.due > day) later.push_back(&d);
  std::stable_sort(later.begin(), later.end(), [](auto* a, auto* b) { return *a->due < *b->due; });
  ordered.insert(ordered.end(), later.begin(), later.end());
  if (o.json) {
    json days = json::array(), beyond = json::array();
    for (progress::Day d = day; d < day + o.days; ++d) {
      json drills = json::array();
      for (const auto* x : ordered)
        if (progress::shown_day(*x, day) == d) drills.push_back(drill_json(*x, day));
      days.push_back({{"day", progress::day_string(d)}, {"drills", drills}});
    }
    for (const auto* x : ordered)
      if (progress::shown_day(*x, day) >= day + o.days) beyond.push_back(drill_json(*x, day));
    print_json({{"today", progress::day_string(day)}, {"days", days}, {"later", beyond}});
    return 0;
  }
  if (ordered.empty()) {
    fmt::print("Nothing to drill: no exercises in this build.\n");
    return 0;
  }
  fmt::print("Drills from {} for {} days (SM-2; a drill moves when you attempt it):\n", progress::day_string(day), o.days);
  for (const auto* x : ordered) {
    const progress::Day d = progress::shown_day(*x, day);
    if (d >= day + o.days) continue;
    fmt::print("  {} {}  {:<10} {:<8} {}\n", progress::day_string(d), weekday(d), x->exercise, x->flavor,
               progress::reason(*x, day));
  }
  for (const auto* x : ordered)
    if (progress::shown_day(*x, day) >= day + o.days)
      fmt::print("  later: {} ({}) on {}\n", x->exercise, x->flavor, progress::day_string(*x->due));
  return 0;
}

}  // namespace mldrill::cli
