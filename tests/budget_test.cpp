// The time budget of a check, at the level of one candidate process: CPU is accounted when
// a reply arrives (a grader stopped while the child burns CPU still sees the overrun), and
// wall-clock time spent sleeping counts against one allowance for the whole check.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "compile/compiler.hpp"
#include "project/paths.hpp"
#include "sandbox/child_process.hpp"

namespace fs = std::filesystem;
using namespace mldrill;

namespace {

// A logreg candidate whose predict_proba does what its bias asks: b = 1 says "started" (a
// file in its working directory), waits for "stopped", burns 1.5 s of CPU, says "burnt" and
// answers; b = 2 sleeps 0.3 s; else it answers.
const char* kCandidate = R"CPP(
#include <Eigen/Dense>
#include <chrono>
#include <ctime>
#include <fstream>
#include <thread>
namespace drill::logreg {
struct Gradient { Eigen::VectorXd dw; double db; };
struct Model    { Eigen::VectorXd w;  double b;  };
Eigen::VectorXd predict_proba(const Eigen::MatrixXd& X, const Eigen::VectorXd& w, double b) {
  if (b == 1) {
    std::ofstream("started") << "1";
    for (int i = 0; i < 3000 && !std::ifstream("stopped"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const std::clock_t until = std::clock() + std::clock_t(CLOCKS_PER_SEC * 1.5);
    volatile double sink = 0;
    while (std::clock() < until)
      for (int i = 0; i < 100000; ++i) sink = sink + i * 1e-9;
    std::ofstream("burnt") << "1";
  }
  if (b == 2) std::this_thread::sleep_for(std::chrono::milliseconds(300));
  return (1.0 / (1.0 + (-((X * w).array() + b)).exp())).matrix();
}
double loss(const Eigen::MatrixXd&, const Eigen::VectorXd&, const Eigen::VectorXd&, double) { return 0; }
Gradient gradient(const Eigen::MatrixXd&, const Eigen::VectorXd&, const Eigen::VectorXd& w, double) { return {w, 0}; }
Model fit(const Eigen::MatrixXd& X, const Eigen::VectorXd&, double, int) { return {Eigen::VectorXd::Zero(X.cols()), 0}; }
}  // namespace drill::logreg
)CPP";

struct Candidate {
  fs::path dir, workdir;
  std::string exe;
  Candidate() {
    dir = fs::path(project::paths().test_work_dir()) / "budget";
    workdir = dir / "run";
    fs::create_directories(workdir);
    std::ofstream(dir / "candidate.cpp") << kCandidate;
    const auto b = compile::build_candidate((dir / "candidate.cpp").string(), "logreg", "eigen",
                                            (dir / "candidates").string());
    INFO(b.output);
    REQUIRE(b.ok);
    exe = b.executable;
  }
};

wire::Values args(double b) {
  wire::Tensor X, w;
  X.shape = {2, 2};
  X.data = {1, 2, 3, 4};
  w.shape = {2};
  w.data = {0.1, -0.1};
  return {X, w, b};
}

}  // namespace

TEST_CASE("A reply that arrives after the CPU budget ran out is a time limit, even if the grader was stopped meanwhile",
          "[budget]") {
  Candidate c;
  sandbox::ChildProcess child(c.exe, c.workdir.string(), sandbox::Limits{});
  REQUIRE(child.call(wire::kReadyFunction, {}, 5).ending == sandbox::Ending::Replied);
  for (const char* f : {"started", "stopped", "burnt"}) fs::remove(c.workdir / f);
  // A helper stops this process (the grader) once the call has started, and lets it go on
  // only after the child has burnt its CPU and replied: the grader's poll loop never sees
  // the child running, only the reply waiting for it. The child starts burning only once
  // the grader is stopped, so nothing here depends on timing.
  const pid_t grader = getpid();
  const std::string started = (c.workdir / "started").string(), stopped = (c.workdir / "stopped").string(),
                    burnt = (c.workdir / "burnt").string();
  const pid_t helper = fork();
  REQUIRE(helper >= 0);
  if (helper == 0) {
    for (int i = 0; i < 60000 && access(started.c_str(), F_OK) != 0; ++i) usleep(1000);
    kill(grader, SIGSTOP);
    close(open(stopped.c_str(), O_WRONLY | O_CREAT, 0644));
    for (int i = 0; i < 1200 && access(burnt.c_str(), F_OK) != 0; ++i) usleep(100 * 1000);
    usleep(300 * 1000);  // the reply follows the marker
    kill(grader, SIGCONT);
    _exit(0);
  }
  const sandbox::CallResult r = child.call("predict_proba", args(1), 0.5);
  waitpid(helper, nullptr, 0);
  CHECK(fs::exists(burnt));
  CHECK(r.ending == sandbox::Ending::TimeLimit);
  CHECK_FALSE(r.wall_clock);
  CHECK(r.cpu_seconds > 0.5);
}

TEST_CASE("The same call within its CPU budget is answered", "[budget]") {
  Candidate c;
  sandbox::ChildProcess child(c.exe, c.workdir.string(), sandbox::Limits{});
  const sandbox::CallResult r = child.call("predict_proba", args(0), 5);
  CHECK(r.ending == sandbox::Ending::Replied);
  CHECK(r.outputs.size() == 1);
}

TEST_CASE("Sleeping in calls draws on one allowance for the whole check", "[budget]") {
  Candidate c;
  sandbox::ChildProcess child(c.exe, c.workdir.string(), sandbox::Limits{});
  REQUIRE(child.call(wire::kReadyFunction, {}, 5).ending == sandbox::Ending::Replied);
  sandbox::CallBounds bounds;
  bounds.idle_seconds = 0.5;
  // The first sleep of 0.3 s fits the allowance and is reported as idle time...
  const sandbox::CallResult first = child.call("predict_proba", args(2), 5, bounds);
  REQUIRE(first.ending == sandbox::Ending::Replied);
  CHECK(first.idle_seconds >= 0.2);
  // ...the second does not fit what is left of it.
  bounds.idle_seconds -= first.idle_seconds;
  const sandbox::CallResult second = child.call("predict_proba", args(2), 5, bounds);
  CHECK(second.ending == sandbox::Ending::TimeLimit);
  CHECK(second.wall_clock);
  CHECK(second.idle_exhausted);
}
