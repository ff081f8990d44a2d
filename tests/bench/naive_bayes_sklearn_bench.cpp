// Gaussian naive Bayes: the reference against scikit-learn's GaussianNB (the peer a user
// would otherwise pick; LibTorch has none) on the same data in one run, one thread each
// (100 000 × 64 training rows, 10 classes; 20 000 query rows): fit, and predict_proba.
// scikit-learn runs in /usr/bin/python3 and times itself (perf_counter around each call,
// interpreter start and data loading excluded); both are validated before timing.
//   usage: naive_bayes_sklearn_bench
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bench.hpp"
#include "cases/inputs.hpp"
#include "reference/naive_bayes.hpp"

using namespace mldrill;
namespace fs = std::filesystem;
namespace nb = drill::naive_bayes;

namespace {

// Loads the data, checks nothing itself, times fit and predict_proba (median of 5 each,
// after a warm-up), and writes the fitted model, some posteriors and the times as JSON.
const char* const kScript = R"(
import json, sys, time
import numpy as np
from sklearn.naive_bayes import GaussianNB
d = sys.argv[1]
X = np.fromfile(d + "/X.bin").reshape(-1, 64); y = np.fromfile(d + "/y.bin", dtype=np.int64)
Q = np.fromfile(d + "/Q.bin").reshape(-1, 64)
def med(f):
    f(); t = []
    for _ in range(5):
        t0 = time.perf_counter(); f(); t.append(time.perf_counter() - t0)
    return sorted(t)[2]
m = GaussianNB(var_smoothing=1e-9).fit(X, y)
P = m.predict_proba(Q)
out = {"theta": m.theta_.tolist(), "var": m.var_.tolist(), "proba_head": P[:200].tolist(),
       "fit_s": med(lambda: GaussianNB(var_smoothing=1e-9).fit(X, y)), "proba_s": med(lambda: m.predict_proba(Q))}
json.dump(out, open(d + "/out.json", "w"))
)";

template <class M>
void write_bin(const fs::path& p, const M& m) {
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(m.data()), std::streamsize(m.size() * sizeof(*m.data())));
}

double max_rel(const Eigen::MatrixXd& a, const nlohmann::json& b) {
  double worst = 0;
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      const double e = b[size_t(i)][size_t(j)].get<double>();
      worst = std::max(worst, std::abs(a(i, j) - e) / (1e-12 + std::abs(e)));
    }
  return worst;
}

}  // namespace

int main() {
  Eigen::setNbThreads(1);
  const int n = 100000, m = 20000, d = 64, classes = 10;
  cases::Draw r(51);
  Eigen::MatrixXd centres = r.normal(classes, d, 2.0);
  Eigen::VectorXi y(n);
  Eigen::MatrixXd X = r.normal(n, d), Q = r.normal(m, d, 2.0);
  for (int i = 0; i < n; ++i) {
    y[i] = r.below(classes);
    X.row(i) = X.row(i) * (1.0 + 0.1 * y[i]) + centres.row(y[i]);
  }

  // Row-major files for NumPy.
  const fs::path dir = fs::temp_directory_path() / ("mldrill_nb_bench_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_bin(dir / "X.bin", Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>(X));
  write_bin(dir / "Q.bin", Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>(Q));
  write_bin(dir / "y.bin", Eigen::Matrix<int64_t, Eigen::Dynamic, 1>(y.cast<int64_t>()));
  { std::ofstream(dir / "gnb.py") << kScript; }
  const std::string cmd = "OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 /usr/bin/python3 " +
                          (dir / "gnb.py").string() + " " + dir.string();
  bench::require(std::system(cmd.c_str()) == 0, "scikit-learn's GaussianNB did not run (python3-sklearn installed?)");
  std::ifstream in(dir / "out.json");
  const auto sk = nlohmann::json::parse(in);
  fs::remove_all(dir);

  const nb::Model model = nb::fit(X, y, 1e-9);
  bench::require(max_rel(model.theta, sk["theta"]) < 1e-9, "theta differs from scikit-learn's");
  bench::require(max_rel(model.var, sk["var"]) < 1e-9, "var differs from scikit-learn's");
  const Eigen::MatrixXd P = nb::predict_proba(model, Q);
  double worst = 0;
  for (int i = 0; i < 200; ++i)
    for (int c = 0; c < classes; ++c) worst = std::max(worst, std::abs(P(i, c) - sk["proba_head"][size_t(i)][size_t(c)].get<double>()));
  bench::require(worst < 1e-9, "predict_proba differs from scikit-learn's");
  std::printf("All results match. Starting benchmarks (1 thread each).\n");

  const bench::Timing fit_sk{sk["fit_s"].get<double>(), sk["fit_s"].get<double>(), 5};
  const bench::Timing proba_sk{sk["proba_s"].get<double>(), sk["proba_s"].get<double>(), 5};
  bench::print_ratio("fit(n=100000,d=64,C=10)", bench::time_it([&] { return nb::fit(X, y, 1e-9); }, 5, 1.0), fit_sk,
                     "reference", "sklearn");
  bench::print_ratio("predict_proba(m=20000,d=64,C=10)", bench::time_it([&] { return nb::predict_proba(model, Q); }, 5, 1.0),
                     proba_sk, "reference", "sklearn");
  return 0;
}
