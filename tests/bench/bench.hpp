// Benchmark helpers: validate before timing (a wrong answer is never timed), median of
// repeated runs, and side-by-side ratios measured in the same process.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace mldrill::bench {

struct Timing {
  double median_s = 0;
  double min_s = 0;
  int runs = 0;
};

// Runs f at least min_runs times and for at least min_seconds; reports median and min.
template <class F>
Timing time_it(F&& f, int min_runs = 5, double min_seconds = 0.5) {
  std::vector<double> t;
  const auto start = std::chrono::steady_clock::now();
  while (int(t.size()) < min_runs ||
         std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < min_seconds) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    if (t.size() >= 1000) break;
  }
  std::sort(t.begin(), t.end());
  return {t[t.size() / 2], t.front(), int(t.size())};
}

// Exits non-zero when a result does not match: benchmarks refuse to time wrong code.
inline void require(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "NOT OK: %s — refusing to benchmark\n", what.c_str());
    std::exit(1);
  }
}

// One row: workload, ours, theirs, and ours/theirs (< 1 means ours is faster).
inline void print_ratio(const std::string& workload, const Timing& ours, const Timing& theirs,
                        const char* ours_name = "reference", const char* theirs_name = "libtorch") {
  std::printf("%-48s %s %9.3f ms  %s %9.3f ms  ratio %.2f\n", workload.c_str(), ours_name, ours.median_s * 1e3,
              theirs_name, theirs.median_s * 1e3, ours.median_s / theirs.median_s);
}

}  // namespace mldrill::bench
