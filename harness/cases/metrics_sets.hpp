// The metrics drill's data sets (../shared/docs/drills/metrics.md), seeded: the grader's cases
// (harness/cases/metrics.cpp) and the scikit-learn oracle test read the same numbers.
#pragma once
#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <vector>

#include "cases/inputs.hpp"

namespace mldrill::cases::metrics_sets {

struct Multiclass {
  const char* name;
  Eigen::VectorXi y_true, y_pred;
  int C;
};

// random: 60% of predictions copied from y_true, the rest uniform. zero divisions: true labels
// in {0, 1, 3}, predictions in {0, 1, 2} (class 2 predicted, never true; 3 true, never
// predicted; 4 absent). perfect: y_pred = y_true. empty: n = 0. all wrong: y_pred = 1 − y_true.
inline std::vector<Multiclass> multiclass_sets() {
  std::vector<Multiclass> sets;
  {
    Draw r(101);
    Multiclass s{"random", r.labels(100, 4), Eigen::VectorXi(100), 4};
    for (int i = 0; i < 100; ++i) s.y_pred[i] = r.uniform() < 0.6 ? s.y_true[i] : r.below(4);
    sets.push_back(s);
  }
  {
    Draw r(102);
    const int truth[] = {0, 1, 3};
    Multiclass s{"zero divisions", Eigen::VectorXi(60), Eigen::VectorXi(60), 5};
    for (int i = 0; i < 60; ++i) {
      s.y_true[i] = truth[r.below(3)];
      s.y_pred[i] = s.y_true[i] != 3 && r.uniform() < 0.6 ? s.y_true[i] : r.below(3);
    }
    s.y_true[0] = 3;  // each at least once, whatever the draws
    s.y_pred[1] = 2;
    sets.push_back(s);
  }
  {
    Draw r(103);
    Multiclass s{"perfect", r.labels(30, 3), {}, 3};
    s.y_pred = s.y_true;
    sets.push_back(s);
  }
  sets.push_back({"empty", Eigen::VectorXi(0), Eigen::VectorXi(0), 3});
  {
    Draw r(105);
    Multiclass s{"all wrong", r.labels(50, 2), {}, 2};
    s.y_pred = (1 - s.y_true.array()).matrix();
    sets.push_back(s);
  }
  return sets;
}

struct Binary {
  const char* name;
  Eigen::VectorXi y;
  Eigen::VectorXd score;
};

inline Binary binary(const char* name, std::vector<int> y, std::vector<double> score) {
  return {name, Eigen::Map<Eigen::VectorXi>(y.data(), Eigen::Index(y.size())),
          Eigen::Map<Eigen::VectorXd>(score.data(), Eigen::Index(score.size()))};
}

// Draws n labels (positive with probability p) and a score per label from `score(y)`.
template <class F>
Binary drawn(const char* name, uint64_t seed, int n, double p, F score) {
  Draw r(seed);
  Binary b{name, Eigen::VectorXi(n), Eigen::VectorXd(n)};
  for (int i = 0; i < n; ++i) {
    b.y[i] = r.uniform() < p ? 1 : 0;
    b.score[i] = score(r, b.y[i]);
  }
  return b;
}

inline std::vector<Binary> binary_sets() {
  return {
      // scores N(y, 1): no ties
      drawn("continuous", 201, 200, 0.3, [](Draw& r, int y) { return y + r.normal(); }),
      // clamped to [0, 1] and rounded to a 0.1 grid: 11 values, ~27 samples each
      drawn("heavy ties", 202, 300, 0.4,
            [](Draw& r, int y) {
              return std::round(std::clamp(0.35 + 0.3 * y + 0.25 * r.normal(), 0.0, 1.0) * 10) / 10;
            }),
      // levels 0 .. 5 (a uniform 0 .. 3, + 2 for a positive), as −0.5, −0.25, …, 0.75
      drawn("six distinct scores", 203, 400, 0.5, [](Draw& r, int y) { return 0.25 * (r.below(4) + 2 * y) - 0.5; }),
      // a positive and a negative tied at the top score
      binary("hand", {1, 0, 0, 1, 0, 1}, {0.9, 0.9, 0.6, 0.7, 0.2, 0.4}),
      binary("all scores equal", {0, 1, 0, 0, 1, 1, 0, 0, 1, 0}, std::vector<double>(10, 0.5)),
      // max(score) + 1 == max(score) here: only +inf is a threshold above every score
      binary("huge scores ±1e300", {1, 0, 1, 0, 1, 0, 0, 1}, {1e300, -1e300, 3e299, 1e300, -2e299, 0, -1e300, 1e300}),
      binary("all positive", {1, 1, 1, 1, 1}, {0.3, 0.8, 0.8, 0.1, 0.5}),
      binary("all negative", {0, 0, 0, 0}, {0.2, -1.0, 0.7, 0.4}),
      binary("one positive", {1}, {0.7}),
  };
}

}  // namespace mldrill::cases::metrics_sets
