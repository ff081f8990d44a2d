// The dropout drill's statistics (../shared/docs/drills/dropout.md, cases 3–5): sizes, bands and
// the statistics of a 0/1 mask, shared by the cases and the oracle test that computes their
// Hoeffding bounds, so a change to N or t shows in both.
#pragma once
#include <Eigen/Dense>

#include <cmath>
#include <vector>

namespace mldrill::cases::dropout_stats {

constexpr int kRows = 250, kCols = 200;           // 50 000 entries; 25 000 row pairs, 25 000 column pairs
inline const std::vector<double> kRateP = {0.2, 0.5, 0.75};  // independence and keep_rate
inline const std::vector<double> kMeanP = {0.3, 0.6};        // mean
constexpr double kMeanX = 1.5;     // the constant X of the mean case
constexpr double kKeepBand = 0.02;  // |kept fraction − (1 − p)|
constexpr double kPairBand = 0.03;  // |differing pairs − 2p(1 − p)|
constexpr double kMeanBand = 0.05;  // |mean(out) − X| / X, i.e. 0.05·(1 − p) in keep-rate units

inline double kept_fraction(const Eigen::MatrixXd& mask) {
  return double((mask.array() != 0.0).count()) / double(mask.size());
}
// Pairs (i, 2k)/(i, 2k+1) within rows: the fraction whose two entries differ (kept vs dropped).
inline double row_pairs_differing(const Eigen::MatrixXd& mask) {
  long differ = 0, pairs = 0;
  for (Eigen::Index i = 0; i < mask.rows(); ++i)
    for (Eigen::Index k = 0; 2 * k + 1 < mask.cols(); ++k, ++pairs)
      differ += (mask(i, 2 * k) != 0.0) != (mask(i, 2 * k + 1) != 0.0);
  return double(differ) / double(pairs);
}
// Pairs (2k, j)/(2k+1, j) within columns.
inline double column_pairs_differing(const Eigen::MatrixXd& mask) {
  return row_pairs_differing(mask.transpose());
}
inline int row_pair_count() { return kRows * (kCols / 2); }
inline int column_pair_count() { return (kRows / 2) * kCols; }
// P(|mean − E| > t) ≤ 2·exp(−2Nt²) for a mean of N independent indicators (Hoeffding).
inline double hoeffding(double N, double t) { return 2.0 * std::exp(-2.0 * N * t * t); }

}  // namespace mldrill::cases::dropout_stats
