// `mldrill trace`: what the notebooks plot must be the references' real behaviour.
// Oracles: the reference's own fit() (the step-by-step trace must reach the same model),
// and the grader's calibration claim (correct gradients ≥ 100× below the threshold,
// known-wrong ones ≥ 100× above it).
#include <catch2/catch.hpp>

#include <cmath>

#include "grading/gradcheck.hpp"
#include "sample_history.hpp"
#include "trace/trace.hpp"

using nlohmann::json;

TEST_CASE("The logreg trace follows gradient descent to the reference's fitted model", "[trace]") {
  const json t = mldrill::trace::logreg();
  const auto& X = t["X"];
  REQUIRE(X.size() == t["y"].size());
  REQUIRE(X[0].size() == 2);
  const int epochs = t["epochs"];
  REQUIRE(t["loss"].size() == size_t(epochs + 1));
  CHECK(t["loss"][0].get<double>() == Approx(std::log(2.0)));  // w = 0, b = 0: p = 0.5 everywhere
  for (int e = 1; e <= epochs; ++e) CHECK(t["loss"][e].get<double>() <= t["loss"][e - 1].get<double>());
  const auto& last = t["snapshots"].back();
  CHECK(last["epoch"] == epochs);
  CHECK(last["w"] == t["w"]);  // the same updates as reference fit(), bit for bit
  CHECK(last["b"] == t["b"]);
  CHECK(t["train_accuracy"].get<double>() > 0.85);
}

TEST_CASE("The gradient-check trace separates correct from wrong gradients by 100x each side of the threshold",
          "[trace]") {
  const json t = mldrill::trace::gradient_checks();
  const double threshold = t["threshold"];
  CHECK(threshold == mldrill::grading::kGradientThreshold);
  REQUIRE(t["correct"].size() == 200);
  for (double e : t["correct"]) CHECK(e < threshold / 100);
  REQUIRE(t["wrong"].size() == 5);
  for (const auto& [bug, errors] : t["wrong"].items()) {
    INFO(bug);
    REQUIRE(errors.size() == 200);
    for (double e : errors) CHECK(e > threshold * 100);
  }
}

TEST_CASE("mldrill trace writes JSON to stdout or --out and refuses an unknown trace", "[trace]") {
  const auto out = sample::shell(sample::mldrill_binary() + " trace gradient-checks 2>/dev/null");
  REQUIRE(out.status == 0);
  CHECK(json::parse(out.text)["trace"] == "gradient-checks");
  const auto bad = sample::shell(sample::mldrill_binary() + " trace no-such-thing");
  CHECK(bad.status == 2);
  CHECK(bad.text.find("logreg") != std::string::npos);  // names what there is
}
