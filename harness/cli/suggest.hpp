// Small judgements about what a user typed: the nearest known word to a misspelt one
// (edit distance), and whether an argument is a file path rather than a name.
#pragma once
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace mldrill::cli {

// Levenshtein distance: insertions, deletions and substitutions each cost 1.
inline size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// The closest candidate, if it is close enough to be what was meant (at most a third of
// the word's letters wrong, and at least one right).
inline std::optional<std::string> nearest(const std::string& word, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  size_t best_distance = std::max<size_t>(1, (word.size() + 2) / 3) + 1;
  for (const auto& c : candidates) {
    const size_t d = edit_distance(word, c);
    if (d < best_distance && d < std::max(word.size(), c.size())) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

// "/tmp/x.cpp", "./mine", "x.cpp": a path, where an exercise id (letters, digits, '-', '_') was expected.
inline bool looks_like_path(const std::string& arg) {
  if (arg.find('/') != std::string::npos) return true;
  for (const char* ext : {".cpp", ".cc", ".cxx", ".hpp", ".h"}) {
    const std::string e(ext);
    if (arg.size() > e.size() && arg.compare(arg.size() - e.size(), e.size(), e) == 0) return true;
  }
  return false;
}

}  // namespace mldrill::cli
