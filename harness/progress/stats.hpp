// Progress per drill from the recorded history: attempts, pass rate, best and recent times
// against the target, a trend, and the mistakes that keep coming back. Pure functions over
// plain records, so `stats`, `report` and the notebooks' exporters compute the same numbers.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "history/store.hpp"

namespace mldrill::progress {

// One attempt with its checks, oldest check first.
struct AttemptRecord {
  history::Attempt attempt;
  std::vector<history::CheckRow> checks;
};

// Every attempt (oldest first) with its checks.
std::vector<AttemptRecord> load_records(history::Store& store, double now);

// How the recent passes compare with the ones before them (see trend_of).
enum class Trend { NotEnoughData, Improving, Steady, Slower };
std::string to_string(Trend t);  // "not enough data", "improving", "steady", "slower"

// One drill = one (exercise, flavor).
struct DrillStats {
  std::string exercise, flavor;
  int attempts = 0, passed = 0, abandoned = 0, open = 0;
  std::optional<double> pass_rate;             // passed / (passed + abandoned); none while nothing closed
  std::optional<double> best_seconds;          // fastest pass, active time
  std::optional<double> median_last5_seconds;  // median active time of the last five passes
  double target_minutes = 0;                   // the target in force now
  int last5_closed = 0;                        // the last (up to) five closed attempts...
  int last5_met = 0;                           // ...and how many of them passed within their target
  bool last5_all_met() const { return last5_closed == 5 && last5_met == 5; }
  Trend trend = Trend::NotEnoughData;
};

// Per drill, in the order each was first attempted. target_minutes(exercise) gives the target
// in force now (the user's override or the default).
std::vector<DrillStats> drill_stats(const std::vector<AttemptRecord>& records,
                                    const std::function<double(const std::string&)>& target_minutes);

// A failure that happened in several recent attempts of one exercise (all flavors).
struct Mistake {
  std::string exercise;
  std::string verdict;    // wrong_answer, gradient_mismatch, compile_error, ...
  std::string case_name;  // the failing case without its parameters ("gradient"); empty for compile errors
  int attempts_with = 0;  // attempts of the window in which some check failed this way
  int window = 0;         // attempts looked at: the exercise's last `window` attempts that have a check
  std::string describe() const;  // "gradient_mismatch in gradient: 4 of the last 6 logreg attempts"
};

// Failures seen in at least `min_attempts` of each exercise's last `window` checked attempts,
// most frequent first. not_implemented is left out: a function not written yet is work in
// progress, not a mistake.
std::vector<Mistake> recurring_mistakes(const std::vector<AttemptRecord>& records, int window = 6,
                                        int min_attempts = 2);

double median(std::vector<double> values);  // of a non-empty list

// Trend of pass times in order: needs four passes; the last six at most are split into an
// older and a newer half, and the newer median over the older one decides: below 0.9
// improving, above 1.1 slower, otherwise steady.
Trend trend_of(const std::vector<double>& pass_seconds);

// "gradient(n=64,d=8)" → "gradient", by the format grading/case_name.hpp owns.
std::string case_family(const std::string& case_name);

}  // namespace mldrill::progress
