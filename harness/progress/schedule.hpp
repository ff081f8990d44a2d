// Spaced repetition for drills: SM-2 (the algorithm Anki grew from). Each exercise is one
// card, whatever the flavor: what is being remembered is the algorithm, the flavor is only
// the API it is written in. Its ease, interval and due day come from replaying its history.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "history/store.hpp"

namespace mldrill::progress {

// Days are civil days counted from 1970-01-01, in local time.
using Day = long;
Day local_day(double unix_time);
std::string day_string(Day d);                         // "2026-11-24"
std::optional<Day> parse_day(const std::string& text);  // "2026-11-24"; none if malformed

// SM-2's state of one card. A fresh card: ease 2.5, no repetitions, no interval.
struct Sm2 {
  double ease = 2.5;
  int repetitions = 0;    // successful reviews in a row
  int interval_days = 0;  // days until the next review
};

// One review of quality q (0..5), exactly as SM-2 states it: q ≥ 3 gives intervals 1, 6, then
// round(previous interval × ease) and one more repetition; q < 3 starts over (repetitions 0,
// interval 1). Then ease += 0.1 − (5 − q)(0.08 + (5 − q)·0.02), never below 1.3.
Sm2 sm2_review(Sm2 s, int quality);

// The quality of a passed attempt, with t = active time / target:
//   t ≤ 0.75 → 5;  0.75 < t ≤ 1 → 4;  t > 1 → 3;  a hint taken lowers it by one, to at least 3.
// None for an open attempt, and none for an abandoned one: an attempt is abandoned only by a
// restart (often an accident, or a fresh start on purpose) or arrives so from another machine,
// so it says nothing about recall; the exercise stays due until an attempt passes.
std::optional<int> attempt_quality(const history::Attempt& a);

struct Review {
  Day day = 0;
  int quality = 0;
  int64_t attempt_id = 0;
};

struct DrillSchedule {
  std::string exercise;
  std::string flavor;            // of the latest attempt; eigen when never attempted (the CLI sets the drill's default)
  bool attempted = false;        // any attempt at all, open ones included
  std::vector<Review> reviews;   // the first finished attempt started on each day, oldest first
  Sm2 state;                     // after replaying the reviews
  std::optional<Day> due;        // last review day + interval; none without a review
  std::optional<int64_t> open_attempt;
};

// Replays the history of each exercise in `exercises` (catalog order). Only the first
// finished attempt started on a day is a review: later ones that day are practice with the
// answer fresh in mind, and would inflate the interval.
std::vector<DrillSchedule> build_schedule(const std::vector<history::Attempt>& attempts,
                                          const std::vector<std::string>& exercises);

// What to drill on `today`, best first: never attempted (catalog order), then due or
// overdue (most overdue first, then the lower ease, then catalog order). Drills with an
// attempt but no finished one count as due today.
std::vector<const DrillSchedule*> due_on(const std::vector<DrillSchedule>& schedule, Day today);

// The day a drill is shown on, from `today` on: never before today.
Day shown_day(const DrillSchedule& d, Day today);

// Why it is (or is not yet) due, in words.
std::string reason(const DrillSchedule& d, Day today);

}  // namespace mldrill::progress
