// Wire <-> standard C++ conversions for the cpp flavor: std::vector<double> and
// std::vector<std::vector<double>> as float tensors (rank 1, 2), std::vector<int> and
// std::vector<int64_t> as integer tensors, std::string, lists of strings and of integers
// (flat or nested, rows of any lengths) as wire lists, and the results that pair keys with
// numbers (std::map<std::string, double>, std::vector<std::pair<int, double>>) as two values:
// the keys, then the numbers; bpe's word counts (words, then counts) and merges (rows of two strings).
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "runner/bind.hpp"

namespace mldrill::runner {

inline wire::List& expect_list(Value& v, bool nested, bool of_strings) {
  auto& l = expect<wire::List>(v, of_strings ? "a list of strings" : "a list of integers");
  if (l.nested != nested || l.of_strings != of_strings)
    throw BadRequest(std::string("expected a ") + (nested ? "nested " : "flat ") + "list of " +
                     (of_strings ? "strings" : "integers"));
  return l;
}

template <>
struct Convert<int64_t> {
  static int64_t from(Value& v) { return expect<int64_t>(v, "an integer"); }
  static void to(Values& out, int64_t x) { out.emplace_back(x); }
};

template <>
struct Convert<std::string> {
  static std::string from(Value& v) { return expect<std::string>(v, "a string"); }
  static void to(Values& out, const std::string& s) { out.emplace_back(s); }
};

template <>
struct Convert<std::vector<double>> {
  static std::vector<double> from(Value& v) {
    auto& t = expect<wire::Tensor>(v, "a float tensor");
    if (t.shape.size() != 1) throw BadRequest("expected a tensor of rank 1");
    return t.data;
  }
  static void to(Values& out, const std::vector<double>& x) {
    wire::Tensor t;
    t.shape = {static_cast<int64_t>(x.size())};
    t.data = x;
    out.emplace_back(std::move(t));
  }
};

// A matrix as rows; a result whose rows differ in length cannot be one and is refused.
template <>
struct Convert<std::vector<std::vector<double>>> {
  static std::vector<std::vector<double>> from(Value& v) {
    auto& t = expect<wire::Tensor>(v, "a float tensor");
    if (t.shape.size() != 2) throw BadRequest("expected a tensor of rank 2");
    const auto rows = static_cast<size_t>(t.shape[0]), cols = static_cast<size_t>(t.shape[1]);
    std::vector<std::vector<double>> m(rows);
    for (size_t r = 0; r < rows; ++r) m[r].assign(t.data.begin() + long(r * cols), t.data.begin() + long((r + 1) * cols));
    return m;
  }
  static void to(Values& out, const std::vector<std::vector<double>>& m) {
    wire::Tensor t;
    const size_t cols = m.empty() ? 0 : m[0].size();
    t.shape = {static_cast<int64_t>(m.size()), static_cast<int64_t>(cols)};
    for (size_t r = 0; r < m.size(); ++r) {
      if (m[r].size() != cols)
        throw ContractViolation("the returned matrix's row " + std::to_string(r) + " has " +
                                std::to_string(m[r].size()) + " entries and row 0 has " + std::to_string(cols));
      t.data.insert(t.data.end(), m[r].begin(), m[r].end());
    }
    out.emplace_back(std::move(t));
  }
};

template <class I>
struct Convert<std::vector<I>, std::enable_if_t<std::is_same_v<I, int> || std::is_same_v<I, int64_t>>> {
  static std::vector<I> from(Value& v) {
    auto& t = expect<wire::IntTensor>(v, "an integer tensor");
    if (t.shape.size() != 1) throw BadRequest("expected a 1-D integer tensor");
    return std::vector<I>(t.data.begin(), t.data.end());
  }
  static void to(Values& out, const std::vector<I>& x) {
    wire::IntTensor t;
    t.shape = {static_cast<int64_t>(x.size())};
    t.data.assign(x.begin(), x.end());
    out.emplace_back(std::move(t));
  }
};

template <>
struct Convert<std::vector<std::string>> {
  static std::vector<std::string> from(Value& v) { return expect_list(v, false, true).strings; }
  static void to(Values& out, const std::vector<std::string>& x) { out.emplace_back(wire::string_list(x)); }
};

// Nested lists: rows of strings (documents of tokens) or of integers (rankings), any lengths.
template <class T>
struct Convert<std::vector<std::vector<T>>,
               std::enable_if_t<std::is_same_v<T, std::string> || std::is_same_v<T, int> || std::is_same_v<T, int64_t>>> {
  static std::vector<std::vector<T>> from(Value& v) {
    const auto& l = expect_list(v, true, std::is_same_v<T, std::string>);
    std::vector<std::vector<T>> rows(l.rows.size());
    size_t at = 0;
    for (size_t r = 0; r < rows.size(); ++r)
      for (int64_t i = 0; i < l.rows[r]; ++i, ++at) {
        if constexpr (std::is_same_v<T, std::string>) rows[r].push_back(l.strings[at]);
        else rows[r].push_back(static_cast<T>(l.ints[at]));
      }
    return rows;
  }
  static void to(Values& out, const std::vector<std::vector<T>>& rows) { out.emplace_back(wire::nested_list(rows)); }
};

// A map from strings to numbers: its keys (in the map's order), then its values.
template <>
struct Convert<std::map<std::string, double>> {
  static void to(Values& out, const std::map<std::string, double>& m) {
    wire::List keys;
    wire::Tensor values;
    for (const auto& [k, x] : m) {
      keys.strings.push_back(k);
      values.data.push_back(x);
    }
    values.shape = {static_cast<int64_t>(values.data.size())};
    out.emplace_back(std::move(keys));
    out.emplace_back(std::move(values));
  }
};

// (id, score) pairs: the ids as an integer tensor, then the scores, in the candidate's order.
template <>
struct Convert<std::vector<std::pair<int, double>>> {
  static void to(Values& out, const std::vector<std::pair<int, double>>& pairs) {
    wire::IntTensor ids;
    wire::Tensor scores;
    for (const auto& [id, x] : pairs) {
      ids.data.push_back(id);
      scores.data.push_back(x);
    }
    ids.shape = {static_cast<int64_t>(pairs.size())};
    scores.shape = ids.shape;
    out.emplace_back(std::move(ids));
    out.emplace_back(std::move(scores));
  }
};

// Words with their counts (bpe's training corpus): the words (a flat list of strings), then the
// counts (a flat list of integers), as two values; a word listed twice or a length mismatch is refused.
template <>
struct Convert<std::map<std::string, int>> {
  static constexpr size_t values = 2;
  static std::map<std::string, int> read(Reader& r) {
    const auto& keys = expect_list(r.take(), false, true);
    const auto& counts = expect_list(r.take(), false, false);
    if (keys.strings.size() != counts.ints.size()) throw BadRequest("a map's keys and values differ in number");
    std::map<std::string, int> m;
    for (size_t i = 0; i < keys.strings.size(); ++i)
      if (!m.emplace(keys.strings[i], static_cast<int>(counts.ints[i])).second) throw BadRequest("a key listed twice");
    return m;
  }
};

// Pairs of strings (bpe's merges): a nested list of strings, one row of two per pair.
template <>
struct Convert<std::vector<std::pair<std::string, std::string>>> {
  static std::vector<std::pair<std::string, std::string>> from(Value& v) {
    const auto& l = expect_list(v, true, true);
    std::vector<std::pair<std::string, std::string>> pairs;
    for (size_t r = 0; r < l.rows.size(); ++r) {
      if (l.rows[r] != 2) throw BadRequest("expected rows of two strings");
      pairs.emplace_back(l.strings[2 * r], l.strings[2 * r + 1]);
    }
    return pairs;
  }
  static void to(Values& out, const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& [a, b] : pairs) rows.push_back({a, b});
    out.emplace_back(wire::nested_list(rows));
  }
};

}  // namespace mldrill::runner
