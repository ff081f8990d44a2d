// Case names: the one format cases build and progress/stats parses (grading/case_name.hpp).
// Oracle: names written out by hand in the format's grammar, and every registered drill's
// cases, whose names must parse back to themselves.
#include <catch2/catch.hpp>
#include <set>
#include <stdexcept>

#include "cases/registry.hpp"
#include "catalog/catalog.hpp"
#include "grading/case_name.hpp"
#include "progress/stats.hpp"

using namespace mldrill::grading;

TEST_CASE("A case name prints each kind of value one way", "[case_name]") {
  const std::string name = CaseName("fit")
                               .label("blobs")
                               .label(Shape{7, 3})
                               .param("n", 60)
                               .param("lr", 0.5)
                               .param("test", Percent{0.3})
                               .param("causal", false)
                               .param("k", std::vector<int>{3, 8})
                               .param("seeds", Range{1, 2000})
                               .param("|z|", 1e4, "<=")
                               .param("|x|", 1000.0, "~")
                               .param("eps", 1e-5);
  CHECK(name == "fit(blobs,7x3,n=60,lr=0.5,test=30%,causal=false,k=3|8,seeds=1..2000,|z|<=1e4,|x|~1e3,eps=1e-05)");
  CHECK(name_value(1500.0) == "1500");
  CHECK(name_value(-1) == "-1");
}

TEST_CASE("A name parses back into its family and parts, operators included", "[case_name]") {
  const auto n = CaseName::parse("stability(separable,|z|<=1e4,n=40)");
  REQUIRE(n);
  CHECK(n->family() == "stability");
  REQUIRE(n->parts().size() == 3);
  CHECK(n->parts()[0] == CaseName::Part{"separable", "", ""});
  CHECK(n->parts()[1] == CaseName::Part{"|z|", "<=", "1e4"});
  CHECK(n->value("n") == "40");
  CHECK_FALSE(n->value("separable"));
  CHECK(n->str() == "stability(separable,|z|<=1e4,n=40)");
  CHECK(CaseName::parse("loss()")->parts().empty());
  CHECK_FALSE(CaseName::parse("no parameters"));
  CHECK_FALSE(CaseName::parse("gradient(n=4"));
}

TEST_CASE("A part that would not parse back is refused when the case is built", "[case_name]") {
  CHECK_THROWS_AS(CaseName("Fit"), std::logic_error);
  CHECK_THROWS_AS(CaseName(""), std::logic_error);
  CHECK_THROWS_AS(CaseName("fit").label("a, b"), std::logic_error);
  CHECK_THROWS_AS(CaseName("fit").label(" b"), std::logic_error);
  CHECK_THROWS_AS(CaseName("fit").label("k=n"), std::logic_error);
  CHECK_THROWS_AS(CaseName("fit").param("k", "n=10"), std::logic_error);
  CHECK_THROWS_AS(CaseName("fit").param("k", 3, "=="), std::logic_error);
  CHECK_THROWS_AS(CaseName("fit").param("k", ""), std::logic_error);
  CHECK_THROWS_WITH(CaseName("fit").label("x(1)"), Catch::Contains("x(1)"));
}

TEST_CASE("A name from before the format (free text after commas, k=n=10) fails the rebuild check", "[case_name]") {
  auto rebuild = [](const std::string& name) {
    const auto parsed = CaseName::parse(name);
    CaseName b(parsed->family());
    for (const CaseName::Part& p : parsed->parts()) {
      if (p.op.empty()) b.label(p.key);
      else b.param(p.key, p.value, p.op);
    }
    return b.str();
  };
  CHECK(rebuild("predict(n=50,m=30,d=3,k=5)") == "predict(n=50,m=30,d=3,k=5)");
  CHECK_THROWS_AS(rebuild("predict(invalid k: 0, -1, n+1)"), std::logic_error);
  CHECK_THROWS_AS(rebuild("predict(k=n=10)"), std::logic_error);
}

TEST_CASE("progress/stats reads a case's family through the same format", "[case_name][stats]") {
  CHECK(mldrill::progress::case_family(CaseName("gradient").param("n", 64).param("d", 8)) == "gradient");
  // A name recorded before the format existed still gives its family.
  CHECK(mldrill::progress::case_family("predict(invalid k: 0, -1, n+1)") == "predict");
  CHECK(mldrill::progress::case_family("compile") == "compile");
  CHECK(mldrill::progress::case_family("") == "");
}

TEST_CASE("Every registered case's name is one the format makes, and unique in its drill", "[case_name]") {
  for (const std::string& id : mldrill::catalog::drill_ids()) {
    std::set<std::string> seen;
    for (const Case& c : mldrill::cases::cases_for(id)) {
      INFO(id << ": " << c.name);
      const auto parsed = CaseName::parse(c.name);
      REQUIRE(parsed);
      // Built again part by part through the checks a case's name passes.
      CaseName rebuilt(parsed->family());
      for (const CaseName::Part& p : parsed->parts()) {
        if (p.op.empty()) rebuilt.label(p.key);
        else rebuilt.param(p.key, p.value, p.op);
      }
      CHECK(rebuilt.str() == c.name);
      CHECK(seen.insert(c.name).second);
    }
  }
}
