// CART decision tree: the reference against scikit-learn's DecisionTreeClassifier (the peer a
// user would otherwise pick; LibTorch has none) on the same data in one run, one thread each
// (20 000 × 16 training rows, 3 classes, max_depth 8, min_samples_split 200; 20 000 query
// rows): fit and predict.
// The features are float32-representable (scikit-learn splits float32 copies) and continuous
// (no equally good splits with different counts near the top), so both trees must be equal:
// validated node by node before timing. scikit-learn runs in /usr/bin/python3 and times
// itself (perf_counter, interpreter start and data loading excluded).
//   usage: decision_tree_sklearn_bench
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bench.hpp"
#include "cases/inputs.hpp"
#include "reference/decision_tree.hpp"

using namespace mldrill;
namespace fs = std::filesystem;
namespace dt = drill::decision_tree;

namespace {

const char* const kScript = R"(
import json, sys, time
import numpy as np
from sklearn.tree import DecisionTreeClassifier
d, depth, mss = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
X = np.fromfile(d + "/X.bin").reshape(-1, 16); y = np.fromfile(d + "/y.bin", dtype=np.int64)
Q = np.fromfile(d + "/Q.bin").reshape(-1, 16)
def med(f):
    f(); t = []
    for _ in range(5):
        t0 = time.perf_counter(); f(); t.append(time.perf_counter() - t0)
    return sorted(t)[2]
make = lambda: DecisionTreeClassifier(max_depth=depth, min_samples_split=mss, random_state=0).fit(X, y)
m = make(); t = m.tree_
out = {"feature": [int(f) for f in t.feature], "threshold": t.threshold.tolist(),
       "left": t.children_left.tolist(), "right": t.children_right.tolist(),
       "value": t.value[:, 0, :].argmax(axis=1).tolist(), "predict": m.predict(Q).tolist(),
       "fit_s": med(make), "predict_s": med(lambda: m.predict(Q))}
json.dump(out, open(d + "/out.json", "w"))
)";

template <class M>
void write_bin(const fs::path& p, const M& m) {
  std::ofstream(p, std::ios::binary)
      .write(reinterpret_cast<const char*>(m.data()), std::streamsize(m.size() * sizeof(*m.data())));
}

// "" when the reference's tree is scikit-learn's (leaf thresholds aside: its −2 sentinel).
std::string tree_difference(const dt::Tree& t, const nlohmann::json& sk) {
  if (size_t(t.feature.size()) != sk["feature"].size())
    return "node count " + std::to_string(t.feature.size()) + " vs " + std::to_string(sk["feature"].size());
  for (Eigen::Index k = 0; k < t.feature.size(); ++k) {
    const size_t s = size_t(k);
    const int feature = sk["feature"][s].get<int>() < 0 ? -1 : sk["feature"][s].get<int>();
    if (t.feature[k] != feature || t.left[k] != sk["left"][s].get<int>() || t.right[k] != sk["right"][s].get<int>() ||
        t.value[k] != sk["value"][s].get<int>() ||
        (feature >= 0 && std::abs(t.threshold[k] - sk["threshold"][s].get<double>()) > 1e-6))
      return "node " + std::to_string(k);
  }
  return "";
}

}  // namespace

int main() {
  const int n = 20000, m = 20000, d = 16, depth = 8, mss = 200;
  cases::Draw r(61);
  // Float32-representable features; the label from a noisy nonlinear score of five of them.
  const Eigen::MatrixXd X = r.normal(n, d).cast<float>().cast<double>();
  const Eigen::MatrixXd Q = r.normal(m, d).cast<float>().cast<double>();
  Eigen::VectorXi y(n);
  for (int i = 0; i < n; ++i) {
    const double z = X(i, 0) + 0.8 * X(i, 3) * X(i, 5) - 0.5 * X(i, 7) + 0.3 * X(i, 11) * X(i, 11) + 0.4 * r.normal();
    y[i] = z < -0.4 ? 0 : (z < 0.8 ? 1 : 2);
  }

  const fs::path dir = fs::temp_directory_path() / ("mldrill_dt_bench_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_bin(dir / "X.bin", Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>(X));
  write_bin(dir / "Q.bin", Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>(Q));
  write_bin(dir / "y.bin", Eigen::Matrix<int64_t, Eigen::Dynamic, 1>(y.cast<int64_t>()));
  { std::ofstream(dir / "tree.py") << kScript; }
  const std::string cmd = "OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 /usr/bin/python3 " +
                          (dir / "tree.py").string() + " " + dir.string() + " " + std::to_string(depth) + " " + std::to_string(mss);
  bench::require(std::system(cmd.c_str()) == 0,
                 "scikit-learn's DecisionTreeClassifier did not run (python3-sklearn installed?)");
  std::ifstream in(dir / "out.json");
  const auto sk = nlohmann::json::parse(in);
  fs::remove_all(dir);

  const dt::Tree tree = dt::fit(X, y, depth, mss);
  const std::string diff = tree_difference(tree, sk);
  bench::require(diff.empty(), "the reference's tree differs from scikit-learn's at " + diff);
  const Eigen::VectorXi labels = dt::predict(tree, Q);
  for (int i = 0; i < m; ++i) bench::require(labels[i] == sk["predict"][size_t(i)].get<int>(), "predict differs");
  std::printf("All results match (%d nodes). Starting benchmarks (1 thread each).\n", int(tree.feature.size()));

  const bench::Timing fit_sk{sk["fit_s"].get<double>(), sk["fit_s"].get<double>(), 5};
  const bench::Timing predict_sk{sk["predict_s"].get<double>(), sk["predict_s"].get<double>(), 5};
  bench::print_ratio("fit(n=20000,d=16,C=3,max_depth=8,min_samples_split=200)", bench::time_it([&] { return dt::fit(X, y, depth, mss); }, 5, 1.0),
                     fit_sk, "reference", "sklearn");
  bench::print_ratio("predict(m=20000)", bench::time_it([&] { return dt::predict(tree, Q); }, 5, 1.0), predict_sk,
                     "reference", "sklearn");
  return 0;
}
