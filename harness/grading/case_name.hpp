// A case's name, built from the values the case runs with: "family(part,part,...)", each
// part a label ("blobs", "7x3") or key, operator, value ("n=40", "|z|<=1e4", "|x|~1e3").
// The one owner of that format: cases build names here, progress/stats parses them here.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace mldrill::grading {

// Values a name can carry, each printed one way: integers as written, doubles shortest
// (0.5, 1e3, 2e-05 → "2e-05"), bools as true/false, a list as a|b|c, a Range as a..b, a
// Percent as 20%, a Shape as 7x3.
struct Range {
  int64_t first, last;
};
struct Percent {
  double fraction;  // 0.2 → "20%"
};
struct Shape {
  int64_t rows, cols;
};

std::string name_value(double x);
std::string name_value(bool b);
std::string name_value(const std::string& s);
std::string name_value(const char* s);
std::string name_value(Range r);
std::string name_value(Percent p);
std::string name_value(Shape s);
template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
std::string name_value(T x) {
  return std::to_string(x);
}
template <class T>
std::string name_value(const std::vector<T>& list) {
  std::string s;
  for (const T& v : list) s += (s.empty() ? "" : "|") + name_value(v);
  return s;
}

class CaseName {
 public:
  struct Part {
    std::string key, op, value;  // a label: key holds it, op and value are empty
    bool operator==(const Part& o) const { return key == o.key && op == o.op && value == o.value; }
  };

  // Throws std::logic_error for a family that is empty or holds anything but [a-z0-9_].
  explicit CaseName(std::string family);

  // A bare label. Labels, keys and values may not hold ',', '(', ')' (the separators) nor
  // an operator ("=", "<=", "~"), nor start or end with a space: std::logic_error, at the
  // case's construction, so every name str() makes parses back into the same parts.
  template <class T>
  CaseName& label(const T& value) {
    return add({name_value(value), "", ""});
  }
  template <class T>
  CaseName& param(const std::string& key, const T& value, const std::string& op = "=") {
    return add({key, op, name_value(value)});
  }

  const std::string& family() const { return family_; }
  const std::vector<Part>& parts() const { return parts_; }
  // The value of `key`, if the name has it.
  std::optional<std::string> value(const std::string& key) const;

  std::string str() const;
  operator std::string() const { return str(); }  // NOLINT: a Case's name is a string

  // The inverse of str() for every name str() makes. A name from elsewhere (an older
  // history) still gives its family, everything before '(' — or nullopt without one.
  static std::optional<CaseName> parse(const std::string& name);

 private:
  CaseName() = default;
  CaseName& add(Part p);
  std::string family_;
  std::vector<Part> parts_;
};

// "gradient(n=64,d=8)" → "gradient"; a name without parameters is its own family.
std::string case_family(const std::string& name);

}  // namespace mldrill::grading
