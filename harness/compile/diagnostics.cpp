// Diagnostics are parsed by hand, not with std::regex: libstdc++'s regex recurses once per
// character, so a 48 KB diagnostic (a long line, a deeply nested Eigen type) overflowed
// the stack. Every scan here looks at each byte a bounded number of times.
#include "compile/diagnostics.hpp"

#include <climits>

namespace mldrill::compile {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads a run of digits at s[i]; false if there is none. Saturates instead of overflowing.
bool read_number(std::string_view s, size_t& i, int& value) {
  const size_t start = i;
  long long v = 0;
  for (; i < s.size() && is_digit(s[i]); ++i) v = std::min<long long>(INT_MAX, v * 10 + (s[i] - '0'));
  value = int(v);
  return i > start;
}

bool eat(std::string_view s, size_t& i, std::string_view word) {
  if (s.substr(i, word.size()) != word) return false;
  i += word.size();
  return true;
}

// Tries `:line:col: severity: message` at the colon s[colon]; fills d on success.
bool diagnostic_at(std::string_view line, size_t colon, Diagnostic& d) {
  size_t i = colon;
  if (!eat(line, i, ":") || !read_number(line, i, d.line) || !eat(line, i, ":") || !read_number(line, i, d.column) ||
      !eat(line, i, ": "))
    return false;
  for (std::string_view severity : {"fatal error", "error", "warning"}) {
    size_t j = i;
    if (eat(line, j, severity) && eat(line, j, ": ")) {
      d.file = std::string(line.substr(0, colon));
      d.severity = std::string(severity);
      d.message = std::string(line.substr(j));
      return true;
    }
  }
  return false;
}

// The text between `prefix` and the next `'`, after the first occurrence of prefix.
std::string quoted_after(std::string_view text, std::string_view prefix) {
  const size_t at = text.find(prefix);
  if (at == std::string_view::npos) return "";
  const size_t start = at + prefix.size();
  const size_t end = text.find('\'', start);
  if (end == std::string_view::npos || end == start) return "";
  return std::string(text.substr(start, end - start));
}

}  // namespace

std::vector<Diagnostic> parse_diagnostics(std::string_view out) {
  std::vector<Diagnostic> diags;
  for (size_t start = 0; start < out.size();) {
    size_t end = out.find('\n', start);
    if (end == std::string_view::npos) end = out.size();
    std::string_view line = out.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    start = end + 1;
    // The file name is the shortest prefix followed by `:line:col: severity: `, as the
    // lazy regex this replaces chose; a file name needs at least one character.
    for (size_t colon = line.find(':', 1); colon != std::string_view::npos; colon = line.find(':', colon + 1)) {
      Diagnostic d;
      if (diagnostic_at(line, colon, d)) {
        diags.push_back(std::move(d));
        break;
      }
    }
  }
  return diags;
}

std::string explain_link_failure(std::string_view out) {
  if (std::string undefined = quoted_after(out, "undefined reference to `"); !undefined.empty())
    return "your file does not define " + undefined +
           " with the stub's exact signature: was it renamed, deleted, or given different parameter types?";
  if (out.find("multiple definition of `main'") != std::string_view::npos)
    return "remove your main(): the grader provides its own and calls your functions directly";
  if (std::string twice = quoted_after(out, "multiple definition of `"); !twice.empty()) return twice + " is defined twice";
  return "";
}

}  // namespace mldrill::compile
