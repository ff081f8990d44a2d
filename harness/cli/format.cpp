// Formatting shared by the subcommands.
#include "cli/format.hpp"

#include <fmt/format.h>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "text/utf8.hpp"

namespace fs = std::filesystem;

namespace mldrill::cli {

std::string duration(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

namespace {
std::string strftime_of(double unix_time, const char* format, bool utc) {
  const std::time_t t = static_cast<std::time_t>(unix_time);
  std::tm tm{};
  if (utc) gmtime_r(&t, &tm);
  else localtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}
}  // namespace

std::string iso_time(double unix_time) { return strftime_of(unix_time, "%Y-%m-%dT%H:%M:%SZ", true); }
std::string local_time(double unix_time) { return strftime_of(unix_time, "%Y-%m-%d %H:%M", false); }

std::string display_path(const std::string& path) {
  std::error_code ec;
  const fs::path rel = fs::relative(path, fs::current_path(), ec);
  if (ec || rel.empty() || rel.string().rfind("..", 0) == 0) return path;
  return rel.string();
}

nlohmann::json attempt_json(const history::Attempt& a) {
  nlohmann::json j = {{"id", a.id},
                      {"exercise", a.exercise},
                      {"flavor", a.flavor},
                      {"started", iso_time(a.started_at)},
                      {"ended", a.ended_at ? nlohmann::json(iso_time(*a.ended_at)) : nlohmann::json()},
                      {"active_seconds", a.active_seconds},
                      {"checks", a.checks},
                      {"hints", a.hints},
                      {"result", a.status},
                      {"paused", a.paused},
                      {"target_minutes", a.target_minutes},
                      {"target_met", a.target_met()},
                      {"file", a.workspace_file}};
  if (a.last_verdict) j["last_verdict"] = *a.last_verdict;
  return j;
}

void print_json(const nlohmann::json& j) { std::cout << text::dump_json(j, 2) << std::endl; }

}  // namespace mldrill::cli
