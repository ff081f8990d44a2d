// Progress logic on crafted histories, every expected number worked out by hand: SM-2
// (Wozniak's 1987 formulas, as Wikipedia states them), the quality of an attempt, the
// schedule replayed from attempts, per-drill statistics and recurring mistakes.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>

#include "progress/schedule.hpp"
#include "progress/stats.hpp"

using namespace mldrill;
using namespace mldrill::progress;

namespace {

constexpr double kDay = 86400;
const Day kD = 20781;  // 2026-11-24

// A finished or open attempt with only the fields the progress code reads.
history::Attempt attempt(int64_t id, const std::string& exercise, const std::string& flavor, const std::string& status,
                         double started_at, double active_seconds, double target_minutes = 15, int hints = 0) {
  history::Attempt a;
  a.id = id;
  a.exercise = exercise;
  a.flavor = flavor;
  a.status = status;
  a.started_at = started_at;
  if (status != "open") a.ended_at = started_at + active_seconds;
  a.active_seconds = active_seconds;
  a.target_minutes = target_minutes;
  a.hints = hints;
  return a;
}

double noon(Day d) { return double(d) * kDay + 12 * 3600; }

void utc() {
  setenv("TZ", "UTC", 1);
  tzset();
}

Sm2 replay(std::initializer_list<int> qualities, Sm2 s = {}) {
  for (int q : qualities) s = sm2_review(s, q);
  return s;
}

}  // namespace

// Three perfect reviews: intervals 1, 6, round(6 × 2.7) = 16; ease +0.1 each time.
TEST_CASE("SM-2 with quality 5 gives intervals 1, 6, 16 and ease 2.6, 2.7, 2.8", "[progress][sm2]") {
  Sm2 s = sm2_review({}, 5);
  CHECK(s.interval_days == 1);
  CHECK(s.repetitions == 1);
  CHECK(s.ease == Approx(2.6));
  s = sm2_review(s, 5);
  CHECK(s.interval_days == 6);
  CHECK(s.ease == Approx(2.7));
  s = sm2_review(s, 5);
  CHECK(s.interval_days == 16);
  CHECK(s.repetitions == 3);
  CHECK(s.ease == Approx(2.8));
}

// q = 4 leaves the ease alone (0.1 − 1 × 0.1 = 0): intervals 1, 6, 15.
TEST_CASE("SM-2 with quality 4 keeps ease 2.5: intervals 1, 6, 15", "[progress][sm2]") {
  const Sm2 s = replay({4, 4, 4});
  CHECK(s.interval_days == 15);
  CHECK(s.ease == Approx(2.5));
  CHECK(s.repetitions == 3);
}

// q = 3 passes but costs 0.14 of ease; the interval uses the ease before the review.
TEST_CASE("SM-2 with quality 3 lowers the ease by 0.14 and still moves on", "[progress][sm2]") {
  const Sm2 s = replay({4, 4, 3});
  CHECK(s.interval_days == 15);  // round(6 × 2.5)
  CHECK(s.ease == Approx(2.36));
  CHECK(s.repetitions == 3);
}

// A failure restarts the repetitions (interval 1) and costs 0.54 of ease; the intervals
// then grow with the lower ease: 1, 6, round(6 × 1.82) = 11.
TEST_CASE("SM-2 after a failure starts over at 1 day with a lower ease", "[progress][sm2]") {
  Sm2 s = replay({4, 4, 3, 1});
  CHECK(s.repetitions == 0);
  CHECK(s.interval_days == 1);
  CHECK(s.ease == Approx(1.82));
  s = replay({4, 4, 4}, s);
  CHECK(s.interval_days == 11);
  CHECK(s.ease == Approx(1.82));
}

TEST_CASE("SM-2 ease never drops below 1.3", "[progress][sm2]") {
  const Sm2 s = replay({1, 1, 1, 1});
  CHECK(s.ease == Approx(1.3));
  CHECK(s.interval_days == 1);
}

// The documented table: t = active / target.
TEST_CASE("Attempt quality follows the outcome against the target, hints lowering a pass", "[progress][sm2]") {
  CHECK(attempt_quality(attempt(1, "x", "eigen", "passed", 0, 675)) == 5);   // t = 0.75
  CHECK(attempt_quality(attempt(1, "x", "eigen", "passed", 0, 676)) == 4);
  CHECK(attempt_quality(attempt(1, "x", "eigen", "passed", 0, 900)) == 4);   // t = 1: target met
  CHECK(attempt_quality(attempt(1, "x", "eigen", "passed", 0, 901)) == 3);
  CHECK(attempt_quality(attempt(1, "x", "eigen", "passed", 0, 600, 15, 1)) == 4);
  CHECK(attempt_quality(attempt(1, "x", "eigen", "passed", 0, 800, 15, 2)) == 3);
  CHECK(attempt_quality(attempt(1, "x", "eigen", "passed", 0, 1800, 15, 1)) == 3);
  CHECK_FALSE(attempt_quality(attempt(1, "x", "eigen", "abandoned", 0, 60)));  // a restart is not a failed review
  CHECK_FALSE(attempt_quality(attempt(1, "x", "eigen", "open", 0, 60)));
}

TEST_CASE("Dates parse strictly and round-trip", "[progress][dates]") {
  CHECK(parse_day("1970-01-01") == 0);
  CHECK(parse_day("2026-11-24") == kD);
  CHECK(parse_day("2000-02-29") == 11016);
  CHECK(day_string(kD) == "2026-11-24");
  CHECK(day_string(-1) == "1969-12-31");
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-11-00", "26-11-24", "2026-11-24x", "", "tomorrow"})
    CHECK_FALSE(parse_day(bad));
  utc();
  CHECK(local_day(noon(kD)) == kD);
  CHECK(local_day(double(kD) * kDay - 1) == kD - 1);
}

// Replayed by hand: a (day 0 abandoned → no review; a pass later that day at a third of the
// target → q5; a second pass on day 0 would be practice; day 1 at half the target → q5; day 2
// at 0.9 of it → q4): reps 1→2→3, intervals 1, 6, 16, ease 2.6 → 2.7 → 2.7, due day 2 + 16.
// c: one pass at q5 → due the next day.
TEST_CASE("The schedule replays each exercise's first finished attempt of each day", "[progress][sm2]") {
  utc();
  const std::vector<history::Attempt> attempts = {
      attempt(1, "a", "eigen", "abandoned", noon(kD), 600),
      attempt(2, "a", "eigen", "passed", noon(kD) + 3600, 300),
      attempt(3, "a", "eigen", "passed", noon(kD + 1), 450),
      attempt(4, "c", "eigen", "passed", noon(kD + 1), 100),
      attempt(5, "a", "xtensor", "passed", noon(kD + 2), 810),
      attempt(6, "d", "torch", "open", noon(kD + 2), 100),
  };
  const auto sched = build_schedule(attempts, {"a", "b", "c", "d"});
  REQUIRE(sched.size() == 4);
  const DrillSchedule& a = sched[0];
  REQUIRE(a.reviews.size() == 3);
  CHECK(a.reviews[0].quality == 5);
  CHECK(a.reviews[0].attempt_id == 2);
  CHECK(a.reviews[1].quality == 5);
  CHECK(a.reviews[1].attempt_id == 3);
  CHECK(a.reviews[2].quality == 4);
  CHECK(a.state.repetitions == 3);
  CHECK(a.state.interval_days == 16);
  CHECK(a.state.ease == Approx(2.7));
  CHECK(a.due == kD + 18);
  CHECK(a.flavor == "xtensor");  // the latest attempt's
  CHECK_FALSE(sched[1].attempted);
  CHECK(sched[1].flavor == "eigen");
  CHECK(sched[2].due == kD + 2);
  CHECK(sched[3].attempted);
  CHECK_FALSE(sched[3].due);
  CHECK(sched[3].open_attempt == 6);

  auto ids = [](const std::vector<const DrillSchedule*>& v) {
    std::vector<std::string> out;
    for (auto* d : v) out.push_back(d->exercise);
    return out;
  };
  // Never attempted first, then most overdue, then unfinished ones (due today).
  CHECK(ids(due_on(sched, kD + 3)) == std::vector<std::string>{"b", "c", "d"});
  // On a's due day it ties with d (due "today"): the lower ease (d, 2.5; a has 2.7) goes first.
  CHECK(ids(due_on(sched, kD + 18)) == std::vector<std::string>{"b", "c", "d", "a"});
  CHECK(shown_day(a, kD + 3) == kD + 18);
  CHECK(shown_day(sched[2], kD + 3) == kD + 3);  // overdue: shown today
  CHECK(reason(sched[1], kD) == "never attempted");
  CHECK(reason(sched[2], kD + 3).rfind("overdue by 1 day:", 0) == 0);
  CHECK(reason(a, kD + 3).rfind("due 2026-12-12 (in 15 days)", 0) == 0);
  CHECK(reason(sched[3], kD + 3) == "started, not finished yet");
}

TEST_CASE("The trend compares the newer half of the last six passes with the older half", "[progress][stats]") {
  CHECK(trend_of({100, 90, 80}) == Trend::NotEnoughData);
  CHECK(trend_of({100, 100, 100, 100}) == Trend::Steady);
  CHECK(trend_of({100, 100, 90, 90}) == Trend::Steady);  // 0.9 exactly is not yet improving
  CHECK(trend_of({100, 100, 89, 89}) == Trend::Improving);
  CHECK(trend_of({100, 100, 120, 130}) == Trend::Slower);
  // Seven passes: the first is out of the window; 400 vs 100.
  CHECK(trend_of({1, 500, 400, 300, 200, 100, 50}) == Trend::Improving);
  CHECK(median({3, 1, 2}) == 2);
  CHECK(median({4, 1, 2, 3}) == 2.5);
  CHECK(case_family("gradient(n=64,d=8,l2=0.1)") == "gradient");
  CHECK(case_family("") == "");
}

// logreg eigen: passes 1200, 900, 800, 700, 600 s, one abandoned, one open; target 15 min
// when each started, 12 min now. Pass rate 5/6; median of the last five passes 800; the
// last five closed attempts (abandoned, 900, 800, 700, 600) met their target 4 times.
TEST_CASE("Drill statistics on a crafted history", "[progress][stats]") {
  std::vector<AttemptRecord> records;
  int64_t id = 0;
  auto add = [&](const std::string& flavor, const std::string& status, double active) {
    ++id;
    records.push_back({attempt(id, "logreg", flavor, status, 1000.0 * double(id), active), {}});
  };
  add("eigen", "passed", 1200);
  add("eigen", "abandoned", 300);
  add("torch", "passed", 500);
  for (double t : {900, 800, 700, 600}) add("eigen", "passed", t);
  add("eigen", "open", 50);
  const auto stats = drill_stats(records, [](const std::string&) { return 12.0; });
  REQUIRE(stats.size() == 2);
  const DrillStats& e = stats[0];
  CHECK(e.flavor == "eigen");
  CHECK(e.attempts == 7);
  CHECK(e.passed == 5);
  CHECK(e.abandoned == 1);
  CHECK(e.open == 1);
  CHECK(*e.pass_rate == Approx(5.0 / 6));
  CHECK(e.best_seconds == 600);
  CHECK(e.median_last5_seconds == 800);
  CHECK(e.target_minutes == 12);
  CHECK(e.last5_closed == 5);
  CHECK(e.last5_met == 4);
  CHECK_FALSE(e.last5_all_met());
  CHECK(e.trend == Trend::Improving);  // median(700, 600) / median(1200, 900) = 0.62
  const DrillStats& t = stats[1];
  CHECK(t.flavor == "torch");
  CHECK(t.attempts == 1);
  CHECK(t.pass_rate == 1.0);
  CHECK(t.median_last5_seconds == 500);
  CHECK(t.trend == Trend::NotEnoughData);

  const auto none = drill_stats({{attempt(1, "knn", "eigen", "open", 0, 5), {}}}, [](const std::string&) { return 30.0; });
  REQUIRE(none.size() == 1);
  CHECK_FALSE(none[0].pass_rate);
  CHECK_FALSE(none[0].best_seconds);
  CHECK(none[0].last5_closed == 0);
}

// Seven checked mlp attempts; the window is the last six (2..7). gradient_mismatch in a
// gradient case shows in 2, 4, 5 and 7 (twice in 2, counted once); compile errors in 4 and
// 6; the loss error only once; not_implemented is never a mistake; an attempt without
// checks is not in the window.
TEST_CASE("Recurring mistakes count attempts, not checks, over the last six", "[progress][stats]") {
  auto check = [](const std::string& verdict, const std::string& failing_case) {
    history::CheckRow c;
    c.verdict = verdict;
    c.failing_case = failing_case;
    return c;
  };
  const std::vector<std::vector<history::CheckRow>> checks = {
      {check("gradient_mismatch", "gradient(n=8)")},
      {check("gradient_mismatch", "gradient(n=8,h=4)"), check("gradient_mismatch", "gradient(n=8,h=4)"), check("accepted", "")},
      {check("wrong_answer", "loss(n=8)"), check("accepted", "")},
      {check("gradient_mismatch", "gradient(n=16)"), check("compile_error", "")},
      {check("not_implemented", "forward(n=8)"), check("not_implemented", "forward(n=8)"), check("gradient_mismatch", "gradient(x)")},
      {},
      {check("compile_error", ""), check("accepted", "")},
      {check("gradient_mismatch", "gradient")},
  };
  std::vector<AttemptRecord> records;
  for (size_t i = 0; i < checks.size(); ++i)
    records.push_back({attempt(int64_t(i + 1), "mlp", "eigen", "passed", double(i), 60), checks[i]});
  records.push_back({attempt(99, "logreg", "eigen", "passed", 100, 60), {check("wrong_answer", "loss(n=40,d=6)")}});
  const auto m = recurring_mistakes(records);
  REQUIRE(m.size() == 2);
  CHECK(m[0].describe() == "gradient_mismatch in gradient: 4 of the last 6 mlp attempts");
  CHECK(m[1].describe() == "compile_error: 2 of the last 6 mlp attempts");
  CHECK(m[1].case_name.empty());
  const auto all = recurring_mistakes(records, 10, 1);  // a wider window sees attempt 1 and logreg's one
  CHECK(all[0].attempts_with == 5);
  CHECK(all[0].window == 7);
  CHECK(all.size() == 4);  // mlp: gradient, loss, compile_error; logreg: loss
}
