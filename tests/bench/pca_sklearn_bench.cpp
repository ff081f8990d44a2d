// PCA: the reference against scikit-learn's PCA(svd_solver="full") (the peer a user would
// otherwise pick) on the same data in one run, one thread each: fit on 20 000 × 64 with k = 10
// (a rotated anisotropic Gaussian with distinct variances, so the components are unique up to
// sign), and transform of 20 000 rows. scikit-learn runs in /usr/bin/python3 and times itself
// (perf_counter around each call, interpreter start and data loading excluded); its rows are
// flipped by the pinned sign rule (Debian's 1.2.1 flips by U) and both are validated before timing.
//   usage: pca_sklearn_bench
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bench.hpp"
#include "cases/inputs.hpp"
#include "reference/pca.hpp"

using namespace mldrill;
namespace fs = std::filesystem;
namespace pca = drill::pca;

namespace {

constexpr int kN = 20000, kD = 64, kK = 10;

// Loads the data, fits once for the answers (flipping each component so its largest-|entry| is
// positive, the scores with it), then times fit and transform (median of 5 each, after a warm-up).
const char* const kScript = R"(
import json, sys, time
import numpy as np
from sklearn.decomposition import PCA
d, n, dim, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
X = np.fromfile(d + "/X.bin").reshape(n, dim)
def med(f):
    f(); t = []
    for _ in range(5):
        t0 = time.perf_counter(); f(); t.append(time.perf_counter() - t0)
    return sorted(t)[2]
m = PCA(n_components=k, svd_solver="full").fit(X)
C = m.components_
s = np.sign(C[np.arange(k), np.argmax(np.abs(C), axis=1)])
out = {"mean": m.mean_.tolist(), "components": (C * s[:, None]).tolist(),
       "ev": m.explained_variance_.tolist(), "ratio": m.explained_variance_ratio_.tolist(),
       "scores_head": (m.transform(X[:200]) * s).tolist(),
       "fit_s": med(lambda: PCA(n_components=k, svd_solver="full").fit(X)), "transform_s": med(lambda: m.transform(X))}
json.dump(out, open(d + "/out.json", "w"))
)";

template <class M>
void write_bin(const fs::path& p, const M& m) {
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(m.data()), std::streamsize(m.size() * sizeof(*m.data())));
}

// Largest |a − b| over a matrix (or vector, as one row) held as nested JSON lists.
double max_abs(const Eigen::MatrixXd& a, const nlohmann::json& b) {
  double worst = 0;
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      const auto& e = b[0].is_array() ? b[size_t(i)][size_t(j)] : b[size_t(a.rows() == 1 ? j : i)];
      worst = std::max(worst, std::abs(a(i, j) - e.get<double>()));
    }
  return worst;
}

// Distinct variances 3² … spread over the d axes, rotated by a seeded orthogonal matrix, offset.
Eigen::MatrixXd make_data(cases::Draw& r) {
  Eigen::MatrixXd X = r.normal(kN, kD);
  for (int j = 0; j < kD; ++j) X.col(j) *= 3.0 / (1.0 + 0.15 * j);
  const Eigen::MatrixXd Q = Eigen::HouseholderQR<Eigen::MatrixXd>(r.normal(kD, kD)).householderQ();
  X = X * Q.transpose();
  X.rowwise() += r.uniform_row(kD, -5, 5);
  return X;
}

}  // namespace

int main() {
  Eigen::setNbThreads(1);
  cases::Draw r(83);
  const Eigen::MatrixXd X = make_data(r);

  const fs::path dir = fs::temp_directory_path() / ("mldrill_pca_bench_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_bin(dir / "X.bin", Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>(X));
  { std::ofstream(dir / "pca.py") << kScript; }
  const std::string cmd = "OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 /usr/bin/python3 " +
                          (dir / "pca.py").string() + " " + dir.string() + " " + std::to_string(kN) + " " +
                          std::to_string(kD) + " " + std::to_string(kK);
  bench::require(std::system(cmd.c_str()) == 0, "scikit-learn's PCA did not run (python3-sklearn installed?)");
  std::ifstream in(dir / "out.json");
  const auto sk = nlohmann::json::parse(in);
  fs::remove_all(dir);

  // The grader's tolerances (contract case 1): components to 1e-8, variances and ratios 1e-9 relative.
  const pca::Model m = pca::fit(X, kK);
  const double ev_max = m.explained_variance.maxCoeff();
  bench::require(max_abs(m.mean, sk["mean"]) <= 1e-12 * (1 + X.cwiseAbs().maxCoeff()), "mean differs from scikit-learn's");
  bench::require(max_abs(m.components, sk["components"]) <= 1e-8, "components differ from scikit-learn's");
  bench::require(max_abs(m.explained_variance, sk["ev"]) <= 1e-9 * ev_max, "explained_variance differs from scikit-learn's");
  bench::require(max_abs(m.explained_variance_ratio, sk["ratio"]) <= 1e-9, "explained_variance_ratio differs");
  const Eigen::MatrixXd scores = pca::transform(m, X.topRows(200));
  bench::require(max_abs(scores, sk["scores_head"]) <= 1e-9 * (1 + scores.cwiseAbs().maxCoeff()),
                 "transform differs from scikit-learn's");
  std::printf("All results match. Starting benchmarks (1 thread each).\n");

  const bench::Timing fit_sk{sk["fit_s"].get<double>(), sk["fit_s"].get<double>(), 5};
  const bench::Timing transform_sk{sk["transform_s"].get<double>(), sk["transform_s"].get<double>(), 5};
  bench::print_ratio("pca fit(n=20000,d=64,k=10)", bench::time_it([&] { return pca::fit(X, kK); }, 5, 1.0), fit_sk,
                     "reference", "sklearn");
  bench::print_ratio("pca transform(n=20000,d=64,k=10)", bench::time_it([&] { return pca::transform(m, X); }, 5, 1.0),
                     transform_sk, "reference", "sklearn");
  return 0;
}
