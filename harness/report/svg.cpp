// Inline-SVG charts: axes with round ticks, series of points joined by lines, a dashed
// target line, horizontal bars.
#include "report/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mldrill::report {

namespace {

constexpr double kWidth = 640, kHeight = 260;
constexpr double kLeft = 56, kRight = 120, kTop = 30, kBottom = 42;  // the right margin holds the legend
constexpr const char* kTargetColour = "#d62728";

// Numbers for tick labels: no trailing zeros ("2", "2.5", "0.25").
std::string number(double v) {
  std::string s = fmt::format("{:.2f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

struct Frame {
  double x_min, x_max, y_max;
  double px(double x) const {
    const double span = x_max > x_min ? x_max - x_min : 1;
    return kLeft + (x - x_min) / span * (kWidth - kLeft - kRight);
  }
  double py(double y) const { return kHeight - kBottom - y / y_max * (kHeight - kTop - kBottom); }
};

std::string open_svg(const std::string& css_class, const std::string& exercise, const std::string& title) {
  std::string s = fmt::format(R"(<svg class="{}" role="img" width="{}" height="{}" viewBox="0 0 {} {}")",
                              escape(css_class), kWidth, kHeight, kWidth, kHeight);
  if (!exercise.empty()) s += fmt::format(R"( data-exercise="{}")", escape(exercise));
  s += fmt::format(">\n<title>{}</title>\n", escape(title));
  s += fmt::format(R"(<text class="chart-title" x="{}" y="18" font-size="14" font-weight="bold">{}</text>)", kLeft,
                   escape(title));
  return s + "\n";
}

std::string axes(const Frame& f, const std::vector<double>& y_ticks, const std::vector<double>& x_ticks,
                 const std::string& x_label, const std::string& y_label) {
  std::string s;
  const double x0 = kLeft, x1 = kWidth - kRight, y0 = kHeight - kBottom;
  for (double t : y_ticks) {
    s += fmt::format(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="#e0e0e0"/>)", x0, f.py(t), x1,
                     f.py(t));
    s += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="11" text-anchor="end">{}</text>)", x0 - 6, f.py(t) + 4,
                     number(t));
    s += "\n";
  }
  for (double t : x_ticks)
    s += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="11" text-anchor="middle">{}</text>)", f.px(t), y0 + 16,
                     number(t)) + "\n";
  s += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#333"/>)", x0, y0, x1);
  s += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#333"/>)", x0, y0, kTop);
  s += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="12" text-anchor="middle">{}</text>)", (x0 + x1) / 2,
                   kHeight - 6, escape(x_label));
  s += fmt::format(R"svg(<text x="14" y="{:.1f}" font-size="12" text-anchor="middle" transform="rotate(-90 14 {:.1f})">{}</text>)svg",
                   (kTop + y0) / 2, (kTop + y0) / 2, escape(y_label));
  return s + "\n";
}

std::string legend(const std::vector<Series>& series) {
  std::string s;
  double y = kTop + 8;
  for (const auto& se : series) {
    s += fmt::format(R"(<circle cx="{}" cy="{:.1f}" r="5" fill="{}"/>)", kWidth - kRight + 14, y, escape(se.colour));
    s += fmt::format(R"(<text class="legend" x="{}" y="{:.1f}" font-size="12">{}</text>)", kWidth - kRight + 24, y + 4,
                     escape(se.name)) + "\n";
    y += 18;
  }
  return s;
}

}  // namespace

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::vector<double> nice_ticks(double max, int count, bool whole) {
  if (!(max > 0) || !std::isfinite(max)) return {0, 1};
  const double raw = whole ? std::max(1.0, max / std::max(1, count)) : max / std::max(1, count);
  const int e = int(std::floor(std::log10(raw)));
  const double p = std::pow(10.0, std::abs(e));
  // tick i = i·m·10^e, computed as an integer over a power of ten so 0.6 prints as 0.6
  auto tick = [&](int i, int m) { return e >= 0 ? double(i) * m * p : double(i) * m / p; };
  int m = 10;
  for (int c : {1, 2, 5})
    if (tick(1, c) >= raw) {
      m = c;
      break;
    }
  std::vector<double> ticks;
  for (int i = 0; ticks.empty() || ticks.back() < max * (1 - 1e-12); ++i) ticks.push_back(tick(i, m));
  return ticks;
}

std::string line_chart(const LineChart& c) {
  double x_min = INFINITY, x_max = -INFINITY, y_max = c.target.value_or(0);
  for (const auto& se : c.series)
    for (const auto& p : se.points) {
      x_min = std::min(x_min, p.x);
      x_max = std::max(x_max, p.x);
      y_max = std::max(y_max, p.y);
    }
  if (!std::isfinite(x_min)) x_min = 0, x_max = 1;
  // The top tick is the y range, so every point and the target sit inside the frame.
  const auto y_ticks = nice_ticks(y_max > 0 ? y_max * 1.05 : 1, 5, c.whole_y);
  const Frame f{x_min - 0.5, x_max + 0.5, y_ticks.back()};
  std::vector<double> x_ticks;
  const double x_step = std::max(1.0, std::ceil((x_max - x_min + 1) / 12));
  for (double x = x_min; x <= x_max; x += x_step) x_ticks.push_back(x);

  std::string s = open_svg(c.css_class, c.exercise, c.title);
  s += axes(f, y_ticks, x_ticks, c.x_label, c.y_label);
  if (c.target) {
    s += fmt::format(R"(<line class="target" x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="{}" stroke-width="2" )"
                     R"(stroke-dasharray="6 4" data-value="{}"/>)",
                     kLeft, f.py(*c.target), kWidth - kRight, f.py(*c.target), kTargetColour, *c.target);
    s += fmt::format(R"(<text x="{}" y="{:.1f}" font-size="11" fill="{}" text-anchor="end">{}</text>)",
                     kWidth - kRight - 4, f.py(*c.target) - 4, kTargetColour, escape(c.target_label)) + "\n";
  }
  for (const auto& se : c.series) {
    if (se.points.size() > 1) {
      std::string pts;
      for (const auto& p : se.points) pts += fmt::format("{:.1f},{:.1f} ", f.px(p.x), f.py(p.y));
      s += fmt::format(R"(<polyline points="{}" fill="none" stroke="{}" stroke-width="1.5" opacity="0.6"/>)", pts,
                       escape(se.colour)) + "\n";
    }
    for (const auto& p : se.points)
      s += fmt::format(R"(<circle class="point" cx="{:.1f}" cy="{:.1f}" r="5" fill="{}" stroke="{}" stroke-width="2">)"
                       "<title>{}</title></circle>\n",
                       f.px(p.x), f.py(p.y), p.filled ? escape(se.colour) : "white", escape(se.colour),
                       escape(p.tooltip));
  }
  s += legend(c.series);
  return s + "</svg>\n";
}

std::string bar_chart(const std::string& title, const std::string& css_class, const std::vector<Bar>& bars,
                      const std::string& colour) {
  constexpr double label_width = 300, bar_height = 20, gap = 6;
  const double height = kTop + bars.size() * (bar_height + gap) + 10;
  double max = 0;
  for (const auto& b : bars) max = std::max(max, b.value);
  const double scale = max > 0 ? (kWidth - label_width - 40) / max : 0;
  std::string s = fmt::format(R"(<svg class="{}" role="img" width="{}" height="{}" viewBox="0 0 {} {}">)",
                              escape(css_class), kWidth, height, kWidth, height);
  s += fmt::format("\n<title>{}</title>\n", escape(title));
  s += fmt::format(R"(<text class="chart-title" x="8" y="18" font-size="14" font-weight="bold">{}</text>)",
                   escape(title)) + "\n";
  double y = kTop;
  for (const auto& b : bars) {
    s += fmt::format(R"(<text x="{}" y="{:.1f}" font-size="12" text-anchor="end">{}</text>)", label_width - 8,
                     y + bar_height - 6, escape(b.label));
    s += fmt::format(R"(<rect class="bar" x="{}" y="{:.1f}" width="{:.1f}" height="{}" fill="{}"><title>{}</title></rect>)",
                     label_width, y, std::max(1.0, b.value * scale), bar_height, escape(colour), escape(b.tooltip));
    s += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="12">{}</text>)", label_width + b.value * scale + 6,
                     y + bar_height - 6, number(b.value)) + "\n";
    y += bar_height + gap;
  }
  return s + "</svg>\n";
}

}  // namespace mldrill::report
