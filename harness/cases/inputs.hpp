// Seeded inputs for grading cases, identical on every platform (Box–Muller and uniform
// draws from raw mt19937_64 output; the standard distributions are implementation-defined).
#pragma once
#include <Eigen/Dense>
#include <cmath>
#include <cstdint>
#include <random>

namespace mldrill::cases {

class Draw {
 public:
  explicit Draw(uint64_t seed) : rng_(seed) {}
  double uniform() { return double(rng_() >> 11) * 0x1.0p-53; }  // [0, 1)
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  double normal() {
    const double u1 = 1.0 - uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }
  int below(int n) { return int(rng_() % uint64_t(n)); }
  Eigen::MatrixXd normal(Eigen::Index rows, Eigen::Index cols, double scale = 1.0) {
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i)
      for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = scale * normal();
    return m;
  }
  Eigen::VectorXd normal_vector(Eigen::Index n, double scale = 1.0) { return normal(n, 1, scale).col(0); }
  std::mt19937_64& engine() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

}  // namespace mldrill::cases
