// Inline-SVG charts for the HTML report: a points-and-lines chart with an optional
// horizontal target line, and a horizontal bar chart. No scripts, no external resources;
// every piece of text goes through escape().
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace mldrill::report {

// Text safe inside HTML/SVG elements and double- or single-quoted attributes.
std::string escape(const std::string& text);

struct Point {
  double x = 0, y = 0;
  bool filled = true;   // hollow markers mark attempts that did not pass
  std::string tooltip;  // shown on hover (an SVG <title>)
};

struct Series {
  std::string name;  // the legend entry
  std::string colour;
  std::vector<Point> points;
};

struct LineChart {
  std::string title;
  std::string css_class;  // e.g. "chart time-chart"
  std::string exercise;   // written as data-exercise, so tests and readers can find the chart
  std::string x_label, y_label;
  std::vector<Series> series;
  std::optional<double> target;  // a dashed horizontal line at this y
  std::string target_label;
  bool whole_y = false;  // y counts things: ticks 1 apart at the least
};
std::string line_chart(const LineChart& chart);

struct Bar {
  std::string label;
  double value = 0;
  std::string tooltip;
};
std::string bar_chart(const std::string& title, const std::string& css_class, const std::vector<Bar>& bars,
                      const std::string& colour);

// 0, step, 2·step, ... covering [0, max] with about `count` steps of 1, 2 or 5 × 10^k;
// `whole` keeps the step at 1 or more (for counts).
std::vector<double> nice_ticks(double max, int count, bool whole = false);

}  // namespace mldrill::report
