// Classification metrics: the reference against scikit-learn (the implementation the drill's
// contract copies) on the same data in one run, one thread each: roc_auc_score and
// average_precision_score on n = 1 000 000 scores (half of them on a 0.001 grid, so ties
// are common), confusion_matrix on n = 1 000 000 labels, C = 10. scikit-learn runs in
// /usr/bin/python3 and times itself (perf_counter around each call, interpreter start and
// data loading excluded); both are validated before timing.
//   usage: metrics_sklearn_bench
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bench.hpp"
#include "cases/inputs.hpp"
#include "reference/metrics.hpp"

using namespace mldrill;
namespace fs = std::filesystem;
namespace mt = drill::metrics;

namespace {

// Loads the data, checks nothing itself, times each metric (median of 5, after a warm-up)
// and writes the values and the times as JSON.
const char* const kScript = R"(
import json, sys, time
import numpy as np
from sklearn.metrics import roc_auc_score, average_precision_score, confusion_matrix
d = sys.argv[1]
y = np.fromfile(d + "/y.bin", dtype=np.int64); s = np.fromfile(d + "/s.bin")
t = np.fromfile(d + "/t.bin", dtype=np.int64); p = np.fromfile(d + "/p.bin", dtype=np.int64)
C = int(sys.argv[2])
def med(f):
    f(); ts = []
    for _ in range(5):
        t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    return sorted(ts)[2]
labels = list(range(C))
out = {"auc": roc_auc_score(y, s), "ap": average_precision_score(y, s),
       "cm": confusion_matrix(t, p, labels=labels).tolist(),
       "auc_s": med(lambda: roc_auc_score(y, s)), "ap_s": med(lambda: average_precision_score(y, s)),
       "cm_s": med(lambda: confusion_matrix(t, p, labels=labels))}
json.dump(out, open(d + "/out.json", "w"))
)";

template <class V>
void write_bin(const fs::path& path, const V& v) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(v.data()), std::streamsize(v.size() * sizeof(*v.data())));
}

bench::Timing sklearn_timing(const nlohmann::json& sk, const char* key) {
  const double t = sk[key].get<double>();
  return {t, t, 5};
}

}  // namespace

int main() {
  Eigen::setNbThreads(1);
  const int n = 1000000, C = 10;
  cases::Draw r(77);
  // Binary: 30% positives, scores N(y, 1); every other score rounded to a 0.001 grid (ties).
  Eigen::VectorXi y(n);
  Eigen::VectorXd s(n);
  for (int i = 0; i < n; ++i) {
    y[i] = r.uniform() < 0.3 ? 1 : 0;
    s[i] = y[i] + r.normal();
    if (i % 2) s[i] = std::round(s[i] * 1000) / 1000;
  }
  // Multiclass: 60% of the predictions copied from the truth, the rest uniform.
  Eigen::VectorXi t(n), p(n);
  for (int i = 0; i < n; ++i) {
    t[i] = r.below(C);
    p[i] = r.uniform() < 0.6 ? t[i] : r.below(C);
  }

  const fs::path dir = fs::temp_directory_path() / ("mldrill_metrics_bench_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_bin(dir / "y.bin", Eigen::Matrix<int64_t, Eigen::Dynamic, 1>(y.cast<int64_t>()));
  write_bin(dir / "s.bin", s);
  write_bin(dir / "t.bin", Eigen::Matrix<int64_t, Eigen::Dynamic, 1>(t.cast<int64_t>()));
  write_bin(dir / "p.bin", Eigen::Matrix<int64_t, Eigen::Dynamic, 1>(p.cast<int64_t>()));
  { std::ofstream(dir / "metrics.py") << kScript; }
  const std::string cmd = "OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 /usr/bin/python3 " +
                          (dir / "metrics.py").string() + " " + dir.string() + " " + std::to_string(C);
  bench::require(std::system(cmd.c_str()) == 0, "scikit-learn's metrics did not run (python3-sklearn installed?)");
  std::ifstream in(dir / "out.json");
  const auto sk = nlohmann::json::parse(in);
  fs::remove_all(dir);

  // Sums over a million terms in a different order: agreement to 1e-9, not to the last bit.
  const double d_auc = std::abs(mt::roc_auc(y, s) - sk["auc"].get<double>());
  const double d_ap = std::abs(mt::average_precision(y, s) - sk["ap"].get<double>());
  bench::require(d_auc < 1e-9, "roc_auc differs from scikit-learn's");
  bench::require(d_ap < 1e-9, "average_precision differs from scikit-learn's");
  const Eigen::MatrixXi M = mt::confusion_matrix(t, p, C);
  for (int i = 0; i < C; ++i)
    for (int j = 0; j < C; ++j)
      bench::require(M(i, j) == sk["cm"][size_t(i)][size_t(j)].get<int>(), "confusion_matrix differs from scikit-learn's");
  std::printf("All results match (|Δ| AUC %.1e, AP %.1e; confusion matrix exact). Starting benchmarks (1 thread each).\n",
              d_auc, d_ap);

  bench::print_ratio("roc_auc(n=1000000)", bench::time_it([&] { return mt::roc_auc(y, s); }, 5, 1.0),
                     sklearn_timing(sk, "auc_s"), "reference", "sklearn");
  bench::print_ratio("average_precision(n=1000000)", bench::time_it([&] { return mt::average_precision(y, s); }, 5, 1.0),
                     sklearn_timing(sk, "ap_s"), "reference", "sklearn");
  bench::print_ratio("confusion_matrix(n=1000000,C=10)",
                     bench::time_it([&] { return mt::confusion_matrix(t, p, C); }, 5, 1.0), sklearn_timing(sk, "cm_s"),
                     "reference", "sklearn");
  return 0;
}
