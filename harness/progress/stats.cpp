// Per-drill statistics and recurring mistakes over the recorded attempts.
#include "progress/stats.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "grading/case_name.hpp"

namespace mldrill::progress {

std::vector<AttemptRecord> load_records(history::Store& store, double now) {
  std::vector<AttemptRecord> out;
  for (auto& a : store.attempts(std::nullopt, now)) {
    auto checks = store.checks(a.id);
    out.push_back({std::move(a), std::move(checks)});
  }
  return out;
}

std::string to_string(Trend t) {
  switch (t) {
    case Trend::Improving: return "improving";
    case Trend::Steady: return "steady";
    case Trend::Slower: return "slower";
    case Trend::NotEnoughData: break;
  }
  return "not enough data";
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

Trend trend_of(const std::vector<double>& pass_seconds) {
  if (pass_seconds.size() < 4) return Trend::NotEnoughData;
  const size_t take = std::min<size_t>(6, pass_seconds.size());
  std::vector<double> recent(pass_seconds.end() - long(take), pass_seconds.end());
  // With an odd count the middle pass belongs to neither half.
  const size_t half = take / 2;
  const double older = median({recent.begin(), recent.begin() + long(half)});
  const double newer = median({recent.end() - long(half), recent.end()});
  const double ratio = newer / older;
  if (ratio < 0.9) return Trend::Improving;
  if (ratio > 1.1) return Trend::Slower;
  return Trend::Steady;
}

std::string case_family(const std::string& case_name) { return grading::case_family(case_name); }

namespace {

DrillStats summarise(const std::string& exercise, const std::string& flavor,
                     const std::vector<const history::Attempt*>& attempts, double target) {
  DrillStats s;
  s.exercise = exercise;
  s.flavor = flavor;
  s.target_minutes = target;
  s.attempts = int(attempts.size());
  std::vector<double> passes;
  std::vector<const history::Attempt*> closed;
  for (const auto* a : attempts) {
    if (a->status == "passed") {
      ++s.passed;
      passes.push_back(a->active_seconds);
    } else if (a->status == "abandoned") {
      ++s.abandoned;
    } else {
      ++s.open;
      continue;
    }
    closed.push_back(a);
  }
  if (!closed.empty()) s.pass_rate = double(s.passed) / double(closed.size());
  if (!passes.empty()) {
    s.best_seconds = *std::min_element(passes.begin(), passes.end());
    s.median_last5_seconds = median({passes.end() - long(std::min<size_t>(5, passes.size())), passes.end()});
  }
  for (size_t i = closed.size() > 5 ? closed.size() - 5 : 0; i < closed.size(); ++i) {
    ++s.last5_closed;
    if (closed[i]->target_met()) ++s.last5_met;
  }
  s.trend = trend_of(passes);
  return s;
}

}  // namespace

std::vector<DrillStats> drill_stats(const std::vector<AttemptRecord>& records,
                                    const std::function<double(const std::string&)>& target_minutes) {
  // Attempts are already in start order; the drill order is that of their first attempt.
  std::vector<std::pair<std::string, std::string>> order;
  std::map<std::pair<std::string, std::string>, std::vector<const history::Attempt*>> by_drill;
  for (const auto& r : records) {
    auto key = std::make_pair(r.attempt.exercise, r.attempt.flavor);
    if (!by_drill.count(key)) order.push_back(key);
    by_drill[key].push_back(&r.attempt);
  }
  std::vector<DrillStats> out;
  for (const auto& key : order) out.push_back(summarise(key.first, key.second, by_drill[key], target_minutes(key.first)));
  return out;
}

std::string Mistake::describe() const {
  const std::string what = case_name.empty() ? verdict : fmt::format("{} in {}", verdict, case_name);
  return fmt::format("{}: {} of the last {} {} attempts", what, attempts_with, window, exercise);
}

std::vector<Mistake> recurring_mistakes(const std::vector<AttemptRecord>& records, int window, int min_attempts) {
  std::vector<std::string> exercises;
  std::map<std::string, std::vector<const AttemptRecord*>> checked;  // per exercise, oldest first
  for (const auto& r : records) {
    if (r.checks.empty()) continue;
    if (!checked.count(r.attempt.exercise)) exercises.push_back(r.attempt.exercise);
    checked[r.attempt.exercise].push_back(&r);
  }
  std::vector<Mistake> out;
  for (const auto& exercise : exercises) {
    const auto& all = checked[exercise];
    const size_t from = all.size() > size_t(window) ? all.size() - size_t(window) : 0;
    std::vector<std::pair<std::string, std::string>> kinds;  // first-seen order, for stable output
    std::map<std::pair<std::string, std::string>, int> count;
    for (size_t i = from; i < all.size(); ++i) {
      std::set<std::pair<std::string, std::string>> seen;  // count each kind once per attempt
      for (const auto& c : all[i]->checks) {
        if (c.verdict == "accepted" || c.verdict == "not_implemented") continue;
        auto kind = std::make_pair(c.verdict, case_family(c.failing_case));
        if (!seen.insert(kind).second) continue;
        if (!count.count(kind)) kinds.push_back(kind);
        ++count[kind];
      }
    }
    for (const auto& kind : kinds)
      if (count[kind] >= min_attempts)
        out.push_back({exercise, kind.first, kind.second, count[kind], int(all.size() - from)});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Mistake& a, const Mistake& b) { return a.attempts_with > b.attempts_with; });
  return out;
}

}  // namespace mldrill::progress
