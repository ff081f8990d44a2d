// What the drills' traces share: Eigen values as JSON, seeded 2-D point clouds, and the
// registration of each drill's traces (trace/drills.def).
#pragma once
#include <Eigen/Dense>
#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "trace/trace.hpp"

namespace mldrill::trace {

// A matrix as rows of numbers; vectors and labels as flat arrays.
nlohmann::json matrix_json(const Eigen::MatrixXd& m);
nlohmann::json vector_json(const Eigen::VectorXd& v);
nlohmann::json vector_json(const Eigen::RowVectorXd& v);
nlohmann::json labels_json(const Eigen::VectorXi& v);

// Gaussian blobs in 2-D (standard deviation `spread`) around `centres`, rows interleaved
// (row i from blob i mod k).
Eigen::MatrixXd blobs(int n, const std::vector<std::array<double, 2>>& centres, double spread, uint64_t seed);

// Each drill's traces, defined in harness/trace/<drill>.cpp (one line in drills.def).
#define MLDRILL_TRACE_DRILL(id) std::vector<TraceKind> traces_##id();
#include "trace/drills.def"
#undef MLDRILL_TRACE_DRILL

}  // namespace mldrill::trace
