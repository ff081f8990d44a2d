// How the command shows things: durations, dates, paths, attempts as JSON.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "history/store.hpp"

namespace mldrill::cli {

std::string duration(double seconds);    // "4:05", "1:02:03"
std::string iso_time(double unix_time);  // "2026-11-24T14:03:12Z"
std::string local_time(double unix_time);  // "2026-11-24 15:03"
std::string display_path(const std::string& path);  // relative to the working directory when inside it

nlohmann::json attempt_json(const history::Attempt& a);
void print_json(const nlohmann::json& j);  // exactly one document on stdout

}  // namespace mldrill::cli
