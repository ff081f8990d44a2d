// Case names: formatting values, checking parts, and parsing a name back.
#include "grading/case_name.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <stdexcept>

namespace mldrill::grading {
namespace {

// Tried in this order when parsing, so "<=" is never read as "=".
constexpr std::array<const char*, 3> kOps = {"<=", "~", "="};

// Also refused: space at either end, which a part after ", " would have (names read "a,b").
bool has_separator_or_op(const std::string& s) {
  if (s.find_first_of(",()") != std::string::npos) return true;
  if (!s.empty() && (s.front() == ' ' || s.back() == ' ')) return true;
  for (const char* op : kOps)
    if (s.find(op) != std::string::npos) return true;
  return false;
}

void require(bool ok, const std::string& what) {
  if (!ok) throw std::logic_error("case name: " + what);
}

}  // namespace

std::string name_value(double x) {
  if (std::isfinite(x) && x == std::floor(x) && std::abs(x) < 1e15) {
    // 1000 → "1e3", 20000 → "2e4": how people write round sizes; 1500 stays "1500".
    auto i = static_cast<int64_t>(x);
    int zeros = 0;
    while (i != 0 && i % 10 == 0) i /= 10, ++zeros;
    if (zeros >= 3 && std::abs(i) < 10) return fmt::format("{}e{}", i, zeros);
    return fmt::format("{}", static_cast<int64_t>(x));
  }
  return fmt::format("{}", x);  // shortest text that reads back as x
}
std::string name_value(bool b) { return b ? "true" : "false"; }
std::string name_value(const std::string& s) { return s; }
std::string name_value(const char* s) { return s; }
std::string name_value(Range r) { return fmt::format("{}..{}", r.first, r.last); }
std::string name_value(Percent p) { return name_value(std::round(p.fraction * 1e6) / 1e4) + "%"; }
std::string name_value(Shape s) { return fmt::format("{}x{}", s.rows, s.cols); }

CaseName::CaseName(std::string family) : family_(std::move(family)) {
  require(!family_.empty(), "empty family");
  for (char c : family_)
    require((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_', "family '" + family_ + "' is not [a-z0-9_]");
}

CaseName& CaseName::add(Part p) {
  const std::string shown = p.key + p.op + p.value;
  require(!p.key.empty(), "empty label or key in " + family_);
  require(!has_separator_or_op(p.key) && !has_separator_or_op(p.value),
          "'" + shown + "' in " + family_ + " holds one of , ( ) = <= ~ or starts or ends with a space");
  require(p.op.empty() ? p.value.empty() : (p.op == "=" || p.op == "<=" || p.op == "~") && !p.value.empty(),
          "'" + shown + "' in " + family_ + ": an operator is =, <= or ~, with a value");
  parts_.push_back(std::move(p));
  return *this;
}

std::optional<std::string> CaseName::value(const std::string& key) const {
  for (const Part& p : parts_)
    if (p.key == key && !p.op.empty()) return p.value;
  return std::nullopt;
}

std::string CaseName::str() const {
  std::string s = family_ + "(";
  for (size_t i = 0; i < parts_.size(); ++i) s += (i ? "," : "") + parts_[i].key + parts_[i].op + parts_[i].value;
  return s + ")";
}

std::optional<CaseName> CaseName::parse(const std::string& name) {
  const size_t open = name.find('(');
  if (open == std::string::npos || name.empty() || name.back() != ')') return std::nullopt;
  CaseName n;
  n.family_ = name.substr(0, open);
  const std::string inner = name.substr(open + 1, name.size() - open - 2);
  size_t from = 0;
  while (from <= inner.size() && !inner.empty()) {
    const size_t comma = std::min(inner.find(',', from), inner.size());
    const std::string part = inner.substr(from, comma - from);
    Part p{part, "", ""};
    for (const char* op : kOps)
      if (const size_t at = part.find(op); at != std::string::npos) {
        p = {part.substr(0, at), op, part.substr(at + std::string(op).size())};
        break;
      }
    n.parts_.push_back(std::move(p));
    from = comma + 1;
  }
  return n;
}

std::string case_family(const std::string& name) {
  const auto n = CaseName::parse(name);
  return n ? n->family() : name.substr(0, name.find('('));
}

}  // namespace mldrill::grading
