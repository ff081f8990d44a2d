// SM-2 over the attempt history, and the calendar arithmetic it needs.
#include "progress/schedule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <regex>

namespace mldrill::progress {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
Day days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = unsigned(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + long(doe) - 719468;
}

void civil_from_days(Day z, long& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = unsigned(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = long(yoe) + era * 400 + (m <= 2);
}

std::string plural(long n, const char* unit) { return fmt::format("{} {}{}", n, unit, n == 1 ? "" : "s"); }

}  // namespace

Day local_day(double unix_time) {
  const std::time_t t = std::time_t(std::floor(unix_time));
  std::tm tm{};
  localtime_r(&t, &tm);
  return days_from_civil(tm.tm_year + 1900L, unsigned(tm.tm_mon + 1), unsigned(tm.tm_mday));
}

std::string day_string(Day d) {
  long y;
  unsigned m, dd;
  civil_from_days(d, y, m, dd);
  return fmt::format("{:04}-{:02}-{:02}", y, m, dd);
}

std::optional<Day> parse_day(const std::string& text) {
  static const std::regex iso(R"((\d{4})-(\d{2})-(\d{2}))");
  std::smatch m;
  if (!std::regex_match(text, m, iso)) return std::nullopt;
  const long y = std::stol(m[1]);
  const unsigned mo = unsigned(std::stoul(m[2])), d = unsigned(std::stoul(m[3]));
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  const Day day = days_from_civil(y, mo, d);
  if (day_string(day) != text) return std::nullopt;  // 2026-02-30 and the like
  return day;
}

Sm2 sm2_review(Sm2 s, int q) {
  if (q >= 3) {
    s.interval_days = s.repetitions == 0 ? 1 : s.repetitions == 1 ? 6 : int(std::lround(s.interval_days * s.ease));
    ++s.repetitions;
  } else {
    s.repetitions = 0;
    s.interval_days = 1;
  }
  s.ease = std::max(1.3, s.ease + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02));
  return s;
}

std::optional<int> attempt_quality(const history::Attempt& a) {
  if (a.status != "passed") return std::nullopt;  // open, or abandoned: not a review
  const double t = a.active_seconds / (a.target_minutes * 60);
  const int base = t <= 0.75 ? 5 : t <= 1 ? 4 : 3;
  return a.hints > 0 ? std::max(3, base - 1) : base;
}

std::vector<DrillSchedule> build_schedule(const std::vector<history::Attempt>& attempts,
                                          const std::vector<std::string>& exercises) {
  std::vector<DrillSchedule> out;
  for (const auto& ex : exercises) {
    DrillSchedule d;
    d.exercise = ex;
    d.flavor = "eigen";
    std::vector<const history::Attempt*> mine;
    for (const auto& a : attempts)
      if (a.exercise == ex) mine.push_back(&a);
    std::stable_sort(mine.begin(), mine.end(), [](auto* a, auto* b) { return a->started_at < b->started_at; });
    for (const auto* a : mine) {
      d.attempted = true;
      d.flavor = a->flavor;
      if (a->status == "open") d.open_attempt = a->id;
      const auto q = attempt_quality(*a);
      const Day day = local_day(a->started_at);
      if (!q || (!d.reviews.empty() && d.reviews.back().day == day)) continue;
      d.reviews.push_back({day, *q, a->id});
      d.state = sm2_review(d.state, *q);
    }
    if (!d.reviews.empty()) d.due = d.reviews.back().day + d.state.interval_days;
    out.push_back(std::move(d));
  }
  return out;
}

Day shown_day(const DrillSchedule& d, Day today) { return d.due ? std::max(*d.due, today) : today; }

std::vector<const DrillSchedule*> due_on(const std::vector<DrillSchedule>& schedule, Day today) {
  std::vector<const DrillSchedule*> fresh, due;
  for (const auto& d : schedule) {
    if (!d.attempted) fresh.push_back(&d);
    else if (!d.due || *d.due <= today) due.push_back(&d);
  }
  std::stable_sort(due.begin(), due.end(), [&](auto* a, auto* b) {
    const Day da = a->due.value_or(today), db = b->due.value_or(today);
    if (da != db) return da < db;
    return a->state.ease < b->state.ease;
  });
  fresh.insert(fresh.end(), due.begin(), due.end());
  return fresh;
}

std::string reason(const DrillSchedule& d, Day today) {
  if (!d.attempted) return "never attempted";
  if (!d.due) return d.open_attempt ? "started, not finished yet" : "no finished attempt yet";
  const Review& last = d.reviews.back();
  const std::string history = fmt::format("last review {} (quality {}), ease {:.2f}, interval {}",
                                          day_string(last.day), last.quality, d.state.ease,
                                          plural(d.state.interval_days, "day"));
  if (*d.due < today) return fmt::format("overdue by {}: {}", plural(today - *d.due, "day"), history);
  if (*d.due == today) return fmt::format("due today: {}", history);
  return fmt::format("due {} (in {}): {}", day_string(*d.due), plural(*d.due - today, "day"), history);
}

}  // namespace mldrill::progress
