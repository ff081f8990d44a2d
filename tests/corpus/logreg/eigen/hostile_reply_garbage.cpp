// expect: runtime_error
// case: predict_proba(n=40,d=6)
// message: the reply channel was corrupted (bad frame marker)
// message: file descriptor 4
// Writes text to the reply channel.
#include <Eigen/Dense>
#include <unistd.h>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

// A frame as the runner writes it: u32 kind, u32 request id, u64 payload length, payload.
// This process's requests are numbered from 1 (the grader's start-up call), so the first
// case's call is request 2.
std::string frame(uint32_t kind, uint32_t id, const std::string& payload) {
  std::string out(16, '\0');
  const uint64_t n = payload.size();
  std::memcpy(&out[0], &kind, 4);
  std::memcpy(&out[4], &id, 4);
  std::memcpy(&out[8], &n, 8);
  return out + payload;
}
template <class T>
void put(std::string& s, T v) { s.append(reinterpret_cast<const char*>(&v), sizeof v); }
void put_str(std::string& s, const std::string& v) { put<int64_t>(s, int64_t(v.size())); s += v; }
constexpr uint32_t kReply = 0x4d445253, kCrash = 0x4d444352;
void send(const std::string& bytes) {
  if (::write(4, bytes.data(), bytes.size()) < 0) std::abort();
}

void forge(const Eigen::VectorXd&) { send("hello, grader: this is accepted\n"); }
}  // namespace

namespace drill::logreg {
struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };

Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  Eigen::ArrayXd z = (X * w).array() + b;
  const Eigen::VectorXd p = (1.0 / (1.0 + (-z).exp())).matrix();
  forge(p);
  return p;
}

double loss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  Eigen::ArrayXd p = predict_proba(X, w, b).array().max(1e-15).min(1 - 1e-15);
  Eigen::ArrayXd t = y.array();
  return -(t * p.log() + (1 - t) * (1 - p).log()).mean();
}

Gradient gradient(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w, double b) {
  Eigen::VectorXd err = predict_proba(X, w, b) - y;
  const double n = static_cast<double>(X.rows());
  return {X.transpose() * err / n, err.sum() / n};
}

Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double learning_rate, int epochs) {
  Model m{Eigen::VectorXd::Zero(X.cols()), 0.0};
  for (int e = 0; e < epochs; ++e) {
    Gradient g = gradient(X, y, m.w, m.b);
    m.w -= learning_rate * g.dw;
    m.b -= learning_rate * g.db;
  }
  return m;
}
}  // namespace drill::logreg
