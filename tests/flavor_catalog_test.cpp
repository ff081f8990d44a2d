// Which flavor a drill is started and graded in: eigen when it has one, else its only one
// (the cpp-only drills), and a flavor it lacks is refused with the flavors it has. The cpp
// flavor's toolchain refuses the other flavors' header directories. Oracle: the stubs on
// disk (exercises/<id>/stubs/) and README "Flavors".
#include <catch2/catch.hpp>

#include <algorithm>

#include "catalog/catalog.hpp"
#include "compile/includes.hpp"
#include "compile/toolchain.hpp"

using namespace mldrill;

TEST_CASE("The default flavor is eigen, or the drill's only flavor", "[cpp]") {
  CHECK(catalog::default_flavor(catalog::exercise("logreg")) == "eigen");
  CHECK(catalog::default_flavor(catalog::exercise("bm25_rrf")) == "cpp");
  CHECK(catalog::exercise("bm25_rrf").stub_flavors == std::vector<std::string>{"cpp"});
  catalog::Exercise none;
  none.id = "nothing";
  none.dir = "exercises/nothing";
  CHECK_THROWS_WITH(catalog::default_flavor(none), Catch::Contains("has no stub"));
}

TEST_CASE("choose_flavor: the asked flavor, the default, or an error naming the drill's flavors", "[cpp]") {
  const auto& bm25 = catalog::exercise("bm25_rrf");
  const auto& logreg = catalog::exercise("logreg");
  CHECK(catalog::choose_flavor(bm25, "") == "cpp");
  CHECK(catalog::choose_flavor(bm25, "cpp") == "cpp");
  CHECK(catalog::choose_flavor(logreg, "") == "eigen");
  CHECK(catalog::choose_flavor(logreg, "torch") == "torch");
  CHECK_THROWS_MATCHES(catalog::choose_flavor(bm25, "eigen"), catalog::UnknownFlavor,
                       Catch::Message("bm25_rrf has no eigen flavor; its flavors: cpp"));
  CHECK_THROWS_MATCHES(catalog::choose_flavor(logreg, "cpp"), catalog::UnknownFlavor,
                       Catch::Message("logreg has no cpp flavor; its flavors: eigen, xtensor, torch"));
  // A stub whose flavor this build has no toolchain for.
  catalog::Exercise odd = logreg;
  odd.stub_flavors = {"eigen", "fortran"};
  CHECK_THROWS_WITH(catalog::choose_flavor(odd, "fortran"),
                    Catch::Contains("has a fortran flavor, but this build cannot grade it"));
  CHECK_THROWS_WITH(catalog::choose_flavor(odd, "torch"),
                    Catch::Contains("has no torch flavor; its flavors: eigen, fortran (not in this build: fortran)"));
}

TEST_CASE("The cpp flavor compiles with standard headers only and refuses Eigen's directory", "[cpp]") {
  const auto& tc = compile::toolchain();
  REQUIRE(tc.flavors.count("cpp") == 1);
  const auto& cpp = tc.flavors.at("cpp");
  for (const auto& flag : cpp.compile_flags) {
    INFO(flag);
    CHECK(flag.find("eigen3") == std::string::npos);
    CHECK(flag != "-isystem");
  }
  CHECK(std::any_of(cpp.forbidden_headers.begin(), cpp.forbidden_headers.end(),
                    [](const std::string& d) { return d.find("eigen3") != std::string::npos; }));
  CHECK(!cpp.forbidden_headers_message.empty());
  CHECK(tc.flavors.at("eigen").forbidden_headers.empty());
}

TEST_CASE("forbidden_dependency: the first file under a forbidden directory, or none", "[cpp]") {
  const std::vector<std::string> dirs = {"/usr/include/eigen3", "/usr/include/torch"};
  CHECK(!compile::forbidden_dependency({"/usr/include/c++/12/vector", "/tmp/x/candidate.cpp"}, dirs));
  CHECK(compile::forbidden_dependency({"/usr/include/c++/12/vector", "/usr/include/eigen3/Eigen/Dense"}, dirs) ==
        std::optional<std::string>("/usr/include/eigen3/Eigen/Dense"));
  // Lexically spelt around: "/usr/include/x/../eigen3/..." is still Eigen's.
  CHECK(compile::forbidden_dependency({"/usr/include/c++/../eigen3/Eigen/Core"}, dirs) ==
        std::optional<std::string>("/usr/include/eigen3/Eigen/Core"));
  CHECK(!compile::forbidden_dependency({"/usr/include/eigen3x/a.h", "/usr/include/torchvision.h"}, dirs));
  CHECK(!compile::forbidden_dependency({"/usr/include/eigen3/Eigen/Dense"}, {}));
}
