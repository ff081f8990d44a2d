// Lexing just enough of C++ to find every #include directive as the preprocessor sees it:
// trigraphs, line splices, comments and digraphs are undone first.
#include "compile/includes.hpp"

#include <filesystem>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace mldrill::compile {
namespace {

// Translation phases 1-3, roughly: ??= and ??/ trigraphs, backslash-newline splices, and
// comments (replaced by a space) outside string and character literals.
std::string preprocess_lexically(const std::string& in) {
  std::string s;
  s.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in.compare(i, 3, "?\?=") == 0) { s += '#'; i += 2; }
    else if (in.compare(i, 3, "?\?/") == 0) { s += '\\'; i += 2; }
    else s += in[i];
  }
  std::string spliced;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      size_t j = i + 1;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r')) ++j;
      if (j < s.size() && s[j] == '\n') { i = j; continue; }
    }
    spliced += s[i];
  }
  std::string out;
  char quote = 0;
  for (size_t i = 0; i < spliced.size(); ++i) {
    const char c = spliced[i];
    if (quote) {
      out += c;
      if (c == '\\' && i + 1 < spliced.size()) out += spliced[++i];
      else if (c == quote || c == '\n') quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
      out += c;
    } else if (spliced.compare(i, 2, "//") == 0) {
      while (i < spliced.size() && spliced[i] != '\n') ++i;
      out += '\n';
    } else if (spliced.compare(i, 2, "/*") == 0) {
      const size_t end = spliced.find("*/", i + 2);
      out += ' ';
      if (end == std::string::npos) break;
      i = end + 1;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> refused_include(const std::string& source, const std::string& contract) {
  static const std::regex directive(R"(^\s*(?:#|%:)\s*(include_next|include|import)\b\s*(.*)$)");
  static const std::regex angle(R"(^<([^>]*)>)");
  static const std::regex quoted(R"re(^"([^"]*)")re");
  const std::string rule =
      "a candidate file may include only standard and library headers (#include <...>)" +
      (contract.empty() ? std::string() : " and its drill's contract header \"" + contract + "\"");
  std::istringstream in(preprocess_lexically(source));
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m, name;
    if (!std::regex_match(line, m, directive)) continue;
    const std::string rest = m[2].str();
    const std::string what = "#" + m[1].str() + " " + rest;
    if (std::regex_search(rest, name, angle)) {
      const std::string header = name[1].str();
      if (!header.empty() && header[0] == '/')
        return what + " is refused: an absolute path is not a library header; " + rule;
      for (const auto& part : fs::path(header))
        if (part == "..") return what + " is refused: a path out of the include directories (..); " + rule;
      continue;
    }
    if (std::regex_search(rest, name, quoted)) {
      if (!contract.empty() && name[1].str() == contract) continue;
      return what + " is refused: " + rule;
    }
    return what + " is refused: an include named by a macro is not allowed; " + rule;
  }
  return std::nullopt;
}

std::vector<std::string> dependency_files(const std::string& deps) {
  std::vector<std::string> files;
  std::string cur;
  bool seen_colon = false;
  auto flush = [&] {
    if (!cur.empty() && seen_colon) files.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < deps.size(); ++i) {
    const char c = deps[i];
    if (c == '\\' && i + 1 < deps.size() && (deps[i + 1] == '\n' || deps[i + 1] == '\r')) {
      flush();
      ++i;
    } else if (c == '\\' && i + 1 < deps.size() && (deps[i + 1] == ' ' || deps[i + 1] == '#')) {
      cur += deps[++i];  // an escaped space or hash in a name
    } else if (c == '$' && i + 1 < deps.size() && deps[i + 1] == '$') {
      cur += '$';
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      flush();
    } else if (c == ':' && !seen_colon && (i + 1 == deps.size() || deps[i + 1] == ' ' || deps[i + 1] == '\n')) {
      cur.clear();  // the target
      seen_colon = true;
    } else {
      cur += c;
    }
  }
  flush();
  return files;
}

std::optional<std::string> outside_dependency(const std::vector<std::string>& deps, const std::vector<std::string>& files,
                                              const std::vector<std::string>& dirs) {
  for (const auto& d : deps) {
    const fs::path p = fs::path(d).lexically_normal();
    bool ok = false;
    for (const auto& f : files) ok = ok || p == fs::path(f).lexically_normal();
    for (const auto& dir : dirs) {
      const fs::path root = fs::path(dir).lexically_normal();
      const auto rel = p.lexically_relative(root);
      ok = ok || (p.is_absolute() && !rel.empty() && *rel.begin() != "..");
    }
    if (!ok) return p.string();
  }
  return std::nullopt;
}

std::optional<std::string> forbidden_dependency(const std::vector<std::string>& deps,
                                                const std::vector<std::string>& dirs) {
  std::error_code ec;
  auto resolved = [&](const std::string& path) {
    fs::path p = fs::weakly_canonical(fs::path(path), ec);
    return ec ? fs::path(path).lexically_normal() : p;
  };
  for (const auto& d : deps) {
    const fs::path p = resolved(d);
    for (const auto& dir : dirs) {
      const auto rel = p.lexically_relative(resolved(dir));
      if (p.is_absolute() && !rel.empty() && *rel.begin() != "..") return fs::path(d).lexically_normal().string();
    }
  }
  return std::nullopt;
}

}  // namespace mldrill::compile
