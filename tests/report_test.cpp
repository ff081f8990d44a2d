// `mldrill report`: the HTML page built from the sample history (tests/fixtures), read
// back as text (one chart per drill, the target line, every point, escaping, nothing
// fetched from the network) and rendered by a real headless Chromium into a picture
// that is not blank. Oracle: the fixture's own attempts, counted independently here.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <map>
#include <regex>

#include "report/report.hpp"
#include "report/svg.hpp"
#include "sample_history.hpp"

using namespace mldrill;
namespace fs = std::filesystem;

namespace {

struct Expected {
  std::map<std::string, int> closed;   // passed + abandoned attempts per exercise (the points drawn)
  std::map<std::string, int> passed;
  std::map<std::string, double> target;
};

// Each fixture attempt passes at an accepted check, else is abandoned by a later start of
// its exercise, else stays open.
Expected expected_from_fixture() {
  Expected e;
  const auto attempts = sample::fixture()["attempts"];
  for (size_t i = 0; i < attempts.size(); ++i) {
    const auto& a = attempts[i];
    const std::string ex = a["exercise"];
    bool passed = false, later = false;
    for (const auto& c : a["checks"]) passed = passed || c[1] == "accepted";
    for (size_t j = i + 1; j < attempts.size(); ++j) later = later || attempts[j]["exercise"] == ex;
    e.closed[ex] += passed || later;
    e.passed[ex] += passed;
    e.target[ex] = a["target_minutes"];
  }
  return e;
}

std::vector<std::string> svg_elements(const std::string& html) {
  std::vector<std::string> out;
  for (size_t at = html.find("<svg "); at != std::string::npos; at = html.find("<svg ", at + 1))
    out.push_back(html.substr(at, html.find("</svg>", at) - at));
  return out;
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string attribute(const std::string& element, const std::string& name) {
  std::smatch m;
  if (std::regex_search(element, m, std::regex(" " + name + "=\"([^\"]*)\""))) return m[1];
  return "";
}

std::string sample_report(const std::string& name) {
  const auto home = sample::home_with_sample_history(name);
  history::Database db((home / "history.sqlite3").string());
  history::Store store(db);
  return report::render_html(report::collect(store, sample::fixture()["base_time"].get<double>() + 8 * 86400));
}

}  // namespace

// Oracle: HTML's five special characters.
TEST_CASE("Text is escaped for HTML elements and attributes", "[report]") {
  CHECK(report::escape(R"(<a href="x">Tom & 'Jerry'</a>)") ==
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
  CHECK(report::escape("plain text, n = 40") == "plain text, n = 40");
}

// Oracle: the 1-2-5 rule; the top tick covers the largest value.
TEST_CASE("Axis ticks are round numbers that cover the data", "[report]") {
  CHECK(report::nice_ticks(63, 5) == std::vector<double>{0, 20, 40, 60, 80});
  CHECK(report::nice_ticks(15, 5) == std::vector<double>{0, 5, 10, 15});
  CHECK(report::nice_ticks(0.7, 5) == std::vector<double>{0, 0.2, 0.4, 0.6, 0.8});
  CHECK(report::nice_ticks(0, 5) == std::vector<double>{0, 1});
  // Counts: never a tick between two whole numbers.
  CHECK(report::nice_ticks(2.1, 5, /*whole=*/true) == std::vector<double>{0, 1, 2, 3});
  CHECK(report::nice_ticks(4.2, 5, /*whole=*/true) == std::vector<double>{0, 1, 2, 3, 4, 5});
  CHECK(report::nice_ticks(63, 5, /*whole=*/true) == std::vector<double>{0, 20, 40, 60, 80});
}

// Oracle: the fixture's attempts, counted in expected_from_fixture().
TEST_CASE("The report has one time chart with the target line and one checks chart per drill", "[report]") {
  const std::string html = sample_report("report-charts");
  const Expected e = expected_from_fixture();
  const auto svgs = svg_elements(html);
  REQUIRE(svgs.size() == 2 * e.closed.size() + 1);  // + the recurring failures

  std::map<std::string, int> time_charts, checks_charts;
  for (const auto& svg : svgs) {
    const std::string cls = attribute(svg, "class"), ex = attribute(svg, "data-exercise");
    if (cls == "chart time-chart") {
      ++time_charts[ex];
      INFO("time chart of " << ex);
      REQUIRE(e.closed.count(ex));
      CHECK(count(svg, "class=\"point\"") == e.closed.at(ex));
      REQUIRE(count(svg, "class=\"target\"") == 1);
      const size_t at = svg.find("class=\"target\"");
      CHECK(std::stod(attribute(svg.substr(at - 1), "data-value")) == e.target.at(ex));
    } else if (cls == "chart checks-chart") {
      ++checks_charts[ex];
      CHECK(count(svg, "class=\"point\"") == e.passed.at(ex));
      CHECK(count(svg, "class=\"target\"") == 0);
    } else {
      CHECK(cls == "chart failures-chart");
    }
  }
  for (const auto& [ex, n] : e.closed) {
    CHECK(time_charts[ex] == 1);
    CHECK(checks_charts[ex] == 1);
  }
}

// Oracle: the fixture, counted by hand. logreg has 7 checked attempts; gradient_mismatch at
// gradient(...) and wrong_answer at loss(...) each happened in 3 of them (2 of the last 6);
// the same failure twice in one attempt counts once.
TEST_CASE("Failures are counted by attempts, with the same numbers as mldrill stats", "[report]") {
  const auto home = sample::home_with_sample_history("report-failures");
  history::Database db((home / "history.sqlite3").string());
  history::Store store(db);
  const auto data = report::collect(store, 2e9);
  const auto find = [](const std::vector<progress::Mistake>& ms, const std::string& verdict) {
    for (const auto& m : ms)
      if (m.exercise == "logreg" && m.verdict == verdict) return m;
    FAIL("no logreg " << verdict);
    return progress::Mistake{};
  };
  const auto gradient = find(data.failures, "gradient_mismatch");
  CHECK(gradient.case_name == "gradient");
  CHECK(gradient.attempts_with == 3);
  CHECK(gradient.window == 7);
  CHECK(find(data.failures, "wrong_answer").attempts_with == 3);
  CHECK(find(data.failures, "compile_error").attempts_with == 1);
  CHECK(data.failures[0].attempts_with == 3);  // most frequent first
  for (const auto& m : data.failures) CHECK(m.verdict != "accepted");

  // Recurring now: the window `mldrill stats` uses, and its very words on the page.
  const auto recent = find(data.recurring, "gradient_mismatch");
  CHECK(recent.attempts_with == 2);
  CHECK(recent.window == 6);
  const std::string html = report::render_html(data);
  CHECK(html.find(report::escape(recent.describe())) != std::string::npos);
}

// Oracle: `mldrill stats --json` run on the same history; every drill it lists is a row
// of the page's summary with the same counts, best time and trend.
TEST_CASE("The summary table shows what mldrill stats shows", "[report]") {
  const auto home = sample::home_with_sample_history("report-summary");
  const auto stats = sample::shell("MLDRILL_HOME=" + sample::quote(home.string()) + " " + sample::mldrill_binary() +
                                   " stats --json");
  INFO(stats.text);
  REQUIRE(stats.status == 0);
  history::Database db((home / "history.sqlite3").string());
  history::Store store(db);
  const std::string html = report::render_html(report::collect(store, history::now_seconds()));
  const auto drills = nlohmann::json::parse(stats.text)["drills"];
  REQUIRE(drills.size() >= 4);
  for (const auto& d : drills) {
    const std::string row = fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
                                        d["exercise"].get<std::string>(), d["flavor"].get<std::string>(),
                                        d["attempts"].get<int>(), d["passed"].get<int>(), d["abandoned"].get<int>());
    INFO(row);
    CHECK(html.find(row) != std::string::npos);
    CHECK(count(html, "<td>" + d["trend"].get<std::string>() + "</td></tr>") >= 1);
  }
}

TEST_CASE("The page is self-contained: no scripts, no links, nothing fetched", "[report]") {
  const std::string html = sample_report("report-offline");
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  for (const char* forbidden : {"<script", "http:", "https:", "src=", "href=", "url(", "@import", "<link"}) {
    INFO(forbidden);
    CHECK(html.find(forbidden) == std::string::npos);
  }
}

// Oracle: a failing case name carrying markup must come out as text.
TEST_CASE("Names from the history are escaped in the page", "[report]") {
  const auto home = sample::home_with_sample_history("report-escape");
  history::Database db((home / "history.sqlite3").string());
  history::Store store(db);
  auto [a, abandoned] = store.start("logreg", "eigen", "/w.cpp", 15, std::nullopt, 2e9);
  store.record_check(a.id, {"wrong_answer", "loss(<script>alert(1)</script>)", 1, 1, "", "{}"}, 2e9 + 60);
  store.record_check(a.id, {"wrong_answer", "loss(<script>alert(1)</script>)", 1, 1, "", "{}"}, 2e9 + 90);
  store.record_check(a.id, {"wrong_answer", "loss(<script>alert(1)</script>)", 1, 1, "", "{}"}, 2e9 + 95);
  store.record_check(a.id, {"wrong_answer", "<b>bold</b>", 1, 1, "", "{}"}, 2e9 + 99);
  const std::string html = report::render_html(report::collect(store, 2e9 + 100));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("&lt;b&gt;bold&lt;/b&gt;") != std::string::npos);
}

TEST_CASE("An empty history gives a page that says so, without charts", "[report]") {
  const fs::path dir = fs::temp_directory_path() / "mldrill-report-empty";
  fs::remove_all(dir);
  history::Database db((dir / "history.sqlite3").string());
  history::Store store(db);
  const std::string html = report::render_html(report::collect(store, 2e9));
  CHECK(html.find("No attempts yet") != std::string::npos);
  CHECK(svg_elements(html).empty());
}

// Oracle: Chromium draws what a user would see. The screenshot must hold many colours
// (text, axes, points), the target line's red and the eigen series' blue. Chromium is
// installed by scripts/setup.sh --tests; without it this test fails, never skips.
TEST_CASE("mldrill report renders in headless Chromium to a picture with the charts in it", "[report][browser][slow]") {
  const auto home = sample::home_with_sample_history("report-browser");
  const std::string html = (home / "report.html").string(), png = (home / "report.png").string();
  const auto made = sample::shell("MLDRILL_HOME=" + sample::quote(home.string()) + " " + sample::mldrill_binary() +
                                  " report --out " + sample::quote(html));
  INFO(made.text);
  REQUIRE(made.status == 0);
  REQUIRE(fs::exists(html));

  const auto which = sample::shell("command -v chromium");
  INFO("chromium is needed for this test: scripts/setup.sh --tests installs it");
  REQUIRE(which.status == 0);
  // HOME in the temp folder: Chromium writes its profile and crash database there.
  const auto shot = sample::shell("cd " + sample::quote(home.string()) + " && HOME=" + sample::quote(home.string()) +
                                  " timeout 180 chromium --headless --disable-gpu --no-sandbox --disable-dev-shm-usage "
                                  "--hide-scrollbars --window-size=1000,1400 --screenshot=" + sample::quote(png) +
                                  " file://" + html);
  INFO(shot.text);
  REQUIRE(fs::exists(png));
  REQUIRE(fs::file_size(png) > 0);

  // Decode with Pillow (python3-pil, from setup.sh --tests): distinct colours, and pixels
  // near the target red (#d62728) and the eigen blue (#1f77b4).
  const std::string py = R"(
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert('RGB')
px = list(im.getdata())
near = lambda c, r: sum(1 for p in px if sum(abs(a - b) for a, b in zip(p, c)) <= 30)
print(im.size[0], im.size[1], len(set(px)), near((0xd6, 0x27, 0x28), px), near((0x1f, 0x77, 0xb4), px))
)";
  std::ofstream(home / "count_colours.py") << py;
  const auto counted = sample::shell("/usr/bin/python3 " + sample::quote((home / "count_colours.py").string()) + " " +
                                     sample::quote(png));
  INFO(counted.text);
  REQUIRE(counted.status == 0);
  std::istringstream in(counted.text);
  long width = 0, height = 0, colours = 0, red = 0, blue = 0;
  in >> width >> height >> colours >> red >> blue;
  CHECK(width == 1000);
  CHECK(height == 1400);
  CHECK(colours > 50);  // a blank or all-white page has 1
  CHECK(red > 200);     // the dashed target lines
  CHECK(blue > 200);    // the eigen points and lines
}

// Oracle: DESIGN.md "Data": with MLDRILL_HOME set, mldrill writes inside it.
TEST_CASE("mldrill report writes report.html into the data directory by default", "[report]") {
  const auto home = sample::home_with_sample_history("report-default");
  const auto r = sample::shell("MLDRILL_HOME=" + sample::quote(home.string()) + " " + sample::mldrill_binary() +
                               " report --json 2>/dev/null");
  INFO(r.text);
  REQUIRE(r.status == 0);
  const auto doc = nlohmann::json::parse(r.text);
  CHECK(doc["file"] == (home / "report.html").string());
  CHECK(fs::exists(home / "report.html"));
  CHECK(doc["drills"].size() == expected_from_fixture().closed.size());
}
