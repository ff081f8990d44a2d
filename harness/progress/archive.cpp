// Export and import of the history (schema: see archive.hpp and the README's outline).
#include "progress/archive.hpp"

#include <fmt/format.h>
#include <algorithm>

#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "catalog/catalog.hpp"
#include "grading/verdict.hpp"
#include "history/store.hpp"

using nlohmann::json;

namespace mldrill::progress {
namespace {

// A check's report was written as JSON; keep it readable in the export, verbatim if not.
json report_of(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_discarded() ? json(text) : j;
}

template <class T>
json or_null(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json export_attempt(const history::AttemptRecord& a) {
  json pauses = json::array(), hints = json::array(), checks = json::array();
  for (const auto& p : a.pauses) pauses.push_back({{"paused_at", p.paused_at}, {"resumed_at", or_null(p.resumed_at)}});
  for (const auto& h : a.hints) hints.push_back({{"number", h.number}, {"taken_at", h.taken_at}});
  for (const auto& c : a.checks)
    checks.push_back({{"checked_at", c.checked_at},
                      {"verdict", c.verdict},
                      {"failing_case", or_null(c.failing_case)},
                      {"compile_seconds", or_null(c.compile_seconds)},
                      {"run_seconds", or_null(c.run_seconds)},
                      {"source", c.source},
                      {"report", report_of(c.report)}});
  return {{"exercise", a.exercise},
          {"flavor", a.flavor},
          {"status", a.status},
          {"started_at", a.started_at},
          {"ended_at", or_null(a.ended_at)},
          {"active_seconds", or_null(a.active_seconds)},
          {"target_minutes", a.target_minutes},
          {"workspace_file", a.workspace_file},
          {"final_source", or_null(a.final_source)},
          {"pauses", pauses},
          {"hints", hints},
          {"checks", checks}};
}

// ---- Reading an export: every field checked, with its path in the message ----------------

[[noreturn]] void refuse(const std::string& path, const std::string& what) {
  throw ImportError(fmt::format("{}: {}", path, what));
}

std::string type_name(const json& j) {
  if (j.is_number()) return "a number";
  if (j.is_string()) return "a string";
  if (j.is_null()) return "null";
  if (j.is_boolean()) return "a boolean";
  if (j.is_array()) return "an array";
  return "an object";
}

const json& field(const json& obj, const std::string& path, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end()) refuse(path + "." + key, "missing");
  return *it;
}

std::string text(const json& obj, const std::string& path, const char* key) {
  const json& v = field(obj, path, key);
  if (!v.is_string()) refuse(path + "." + key, "expected a string, got " + type_name(v));
  return v.get<std::string>();
}

double number(const json& obj, const std::string& path, const char* key) {
  const json& v = field(obj, path, key);
  if (!v.is_number()) refuse(path + "." + key, "expected a number, got " + type_name(v));
  return v.get<double>();
}

// Present, and either null or of the type.
std::optional<double> number_or_null(const json& obj, const std::string& path, const char* key) {
  if (field(obj, path, key).is_null()) return std::nullopt;
  return number(obj, path, key);
}
std::optional<std::string> text_or_null(const json& obj, const std::string& path, const char* key) {
  if (field(obj, path, key).is_null()) return std::nullopt;
  return text(obj, path, key);
}

const json& array(const json& obj, const std::string& path, const char* key) {
  const json& v = field(obj, path, key);
  if (!v.is_array()) refuse(path + "." + key, "expected an array, got " + type_name(v));
  return v;
}

const json& object_at(const json& arr, size_t i, const std::string& path) {
  if (!arr[i].is_object()) refuse(fmt::format("{}[{}]", path, i), "expected an object, got " + type_name(arr[i]));
  return arr[i];
}

// What a moment or a duration may be: times between 1970 and a day past this machine's
// clock (a little skew between machines is fine), durations under a day.
struct Limits {
  double latest;  // unix seconds
};
constexpr double kDay = 24 * 3600;

double moment(const json& obj, const std::string& path, const char* key, const Limits& lim, double not_before = 0) {
  const double t = number(obj, path, key);
  if (!(t >= 0 && t <= lim.latest))
    refuse(path + "." + key, fmt::format("{} is not a time between 1970 and now (unix seconds)", t));
  if (t < not_before) refuse(path + "." + key, fmt::format("{} is before the attempt started ({})", t, not_before));
  return t;
}
std::optional<double> moment_or_null(const json& obj, const std::string& path, const char* key, const Limits& lim,
                                     double not_before = 0) {
  if (field(obj, path, key).is_null()) return std::nullopt;
  return moment(obj, path, key, lim, not_before);
}
std::optional<double> seconds_or_null(const json& obj, const std::string& path, const char* key) {
  const auto v = number_or_null(obj, path, key);
  if (v && !(*v >= 0 && *v <= kDay)) refuse(path + "." + key, fmt::format("{} is not a number of seconds from 0 to a day", *v));
  return v;
}
double target(const json& obj, const std::string& path, const char* key) {
  const double m = number(obj, path, key);
  if (!(m >= history::kMinTargetMinutes && m <= history::kMaxTargetMinutes))
    refuse(path + "." + key, fmt::format("{} is not a target from {} to {} minutes", m, history::kMinTargetMinutes,
                                         history::kMaxTargetMinutes));
  return m;
}
const catalog::Exercise& known_exercise(const json& obj, const std::string& path) {
  const std::string id = text(obj, path, "exercise");
  try {
    return catalog::exercise(id);
  } catch (const catalog::UnknownExercise& e) {
    refuse(path + ".exercise", e.what());
  }
}

using history::AttemptRecord;
using history::CheckRecord;
using history::TargetRecord;

CheckRecord read_check(const json& c, const std::string& path, const Limits& lim, double started_at) {
  CheckRecord k{moment(c, path, "checked_at", lim, started_at), text(c, path, "verdict"), text_or_null(c, path, "failing_case"),
          seconds_or_null(c, path, "compile_seconds"), seconds_or_null(c, path, "run_seconds"),
          text(c, path, "source"), ""};
  if (!grading::verdict_from_string(k.verdict) || k.verdict == "skipped")
    refuse(path + ".verdict", fmt::format("\"{}\" is not a verdict", k.verdict));
  const json& report = field(c, path, "report");
  if (!report.is_object() && !report.is_string())
    refuse(path + ".report", "expected an object or a string, got " + type_name(report));
  k.report = report.is_string() ? report.get<std::string>() : report.dump();
  return k;
}

// An attempt that was open on the other machine arrives closed: abandoned at its last
// recorded moment, its active time counted up to there and its last checked code kept.
// Its clock never runs here and its file (a path on the other machine) is never graded;
// and it cannot clash with an attempt open here. Abandoned attempts are not reviews.
void close_imported(AttemptRecord& a) {
  double last = a.started_at;
  for (const auto& c : a.checks) last = std::max(last, c.checked_at);
  for (const auto& h : a.hints) last = std::max(last, h.taken_at);
  for (const auto& p : a.pauses) last = std::max({last, p.paused_at, p.resumed_at.value_or(p.paused_at)});
  double paused = 0;
  for (auto& p : a.pauses) {
    if (!p.resumed_at) p.resumed_at = last;
    paused += *p.resumed_at - p.paused_at;
  }
  a.status = "abandoned";
  a.ended_at = last;
  a.active_seconds = std::max(0.0, last - a.started_at - paused);
  if (!a.final_source && !a.checks.empty()) a.final_source = a.checks.back().source;
}

AttemptRecord read_attempt(const json& a, const std::string& path, const Limits& lim) {
  AttemptRecord in;
  const catalog::Exercise& ex = known_exercise(a, path);
  in.exercise = ex.id;
  in.flavor = text(a, path, "flavor");
  if (std::find(ex.stub_flavors.begin(), ex.stub_flavors.end(), in.flavor) == ex.stub_flavors.end())
    refuse(path + ".flavor", fmt::format("{} has no {} flavor", ex.id, in.flavor));
  in.status = text(a, path, "status");
  in.started_at = moment(a, path, "started_at", lim);
  in.ended_at = moment_or_null(a, path, "ended_at", lim);
  if (in.ended_at && *in.ended_at < in.started_at)
    refuse(path + ".ended_at", fmt::format("{} is before started_at ({})", *in.ended_at, in.started_at));
  in.active_seconds = number_or_null(a, path, "active_seconds");
  in.target_minutes = target(a, path, "target_minutes");
  in.workspace_file = text(a, path, "workspace_file");
  in.final_source = text_or_null(a, path, "final_source");
  if (in.status != "open" && in.status != "passed" && in.status != "abandoned")
    refuse(path + ".status", fmt::format("\"{}\" is not open, passed or abandoned", in.status));
  const bool open = in.status == "open";
  if (open != !in.ended_at) refuse(path + ".ended_at", open ? "an open attempt has not ended" : "missing for a closed attempt");
  if (open != !in.active_seconds)
    refuse(path + ".active_seconds", open ? "an open attempt has no fixed active time" : "missing for a closed attempt");
  // Active time is wall time minus pauses: never negative, never more than the attempt lasted.
  if (in.active_seconds && !(*in.active_seconds >= 0 && *in.active_seconds <= *in.ended_at - in.started_at + 1))
    refuse(path + ".active_seconds", fmt::format("{} is not between 0 and the attempt's {} s from start to end",
                                                 *in.active_seconds, *in.ended_at - in.started_at));
  const json& pauses = array(a, path, "pauses");
  for (size_t i = 0; i < pauses.size(); ++i) {
    const std::string p = fmt::format("{}.pauses[{}]", path, i);
    const json& o = object_at(pauses, i, path + ".pauses");
    const double paused_at = moment(o, p, "paused_at", lim, in.started_at);
    in.pauses.push_back({paused_at, moment_or_null(o, p, "resumed_at", lim, in.started_at)});
    if (in.pauses.back().resumed_at && *in.pauses.back().resumed_at < paused_at)
      refuse(p + ".resumed_at", fmt::format("{} is before paused_at ({})", *in.pauses.back().resumed_at, paused_at));
  }
  const json& hints = array(a, path, "hints");
  for (size_t i = 0; i < hints.size(); ++i) {
    const std::string p = fmt::format("{}.hints[{}]", path, i);
    const json& o = object_at(hints, i, path + ".hints");
    if (!field(o, p, "number").is_number_integer()) refuse(p + ".number", "expected an integer, got " + type_name(o["number"]));
    const auto number = o["number"].get<int64_t>();
    if (number < 1 || number > 100) refuse(p + ".number", fmt::format("{} is not a hint number (1 to 100)", number));
    in.hints.push_back({int(number), moment(o, p, "taken_at", lim, in.started_at)});
  }
  const json& checks = array(a, path, "checks");
  for (size_t i = 0; i < checks.size(); ++i)
    in.checks.push_back(read_check(object_at(checks, i, path + ".checks"), fmt::format("{}.checks[{}]", path, i), lim,
                                   in.started_at));
  return in;
}

json parse(const std::string& text) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    throw ImportError(fmt::format("not valid JSON (truncated or damaged?) at byte {}: {}", e.byte, e.what()));
  }
}

void read_document(const json& doc, std::vector<AttemptRecord>& attempts, std::vector<TargetRecord>& targets,
                   const Limits& lim) {
  if (!doc.is_object()) refuse("the file", "expected a JSON object (an mldrill export), got " + type_name(doc));
  if (!doc.contains("format") || doc["format"] != kExportFormat)
    refuse("format", fmt::format("expected \"{}\": this is not an mldrill export", kExportFormat));
  const json& version = field(doc, "", "version");
  if (!version.is_number_integer()) refuse("version", "expected an integer, got " + type_name(version));
  if (version.get<int>() > kExportVersion)
    refuse("version", fmt::format("{} was written by a newer mldrill (this one reads up to {})", version.get<int>(),
                                  kExportVersion));
  if (version.get<int>() < 1) refuse("version", "must be 1 or more");
  const json& ts = array(doc, "", "targets");
  for (size_t i = 0; i < ts.size(); ++i) {
    const std::string p = fmt::format("targets[{}]", i);
    const json& o = object_at(ts, i, "targets");
    targets.push_back({known_exercise(o, p).id, target(o, p, "minutes"), moment(o, p, "set_at", lim)});
  }
  const json& as = array(doc, "", "attempts");
  std::map<std::tuple<std::string, std::string, double>, std::string> seen;
  std::map<std::string, std::string> open;
  for (size_t i = 0; i < as.size(); ++i) {
    const std::string p = fmt::format("attempts[{}]", i);
    attempts.push_back(read_attempt(object_at(as, i, "attempts"), p, lim));
    const auto& a = attempts.back();
    auto [it, fresh] = seen.emplace(std::make_tuple(a.exercise, a.flavor, a.started_at), p);
    if (!fresh) refuse(p, "the same attempt as " + it->second + " (exercise, flavor and started_at)");
    if (a.status == "open" && !open.emplace(a.exercise, p).second)
      refuse(p, fmt::format("a second open {} attempt (the first is {})", a.exercise, open[a.exercise]));
  }
  for (auto& a : attempts)
    if (a.status == "open") close_imported(a);
}

// Field names come after a dot except at the top level.
std::string tidy(std::string message) { return message.rfind(".", 0) == 0 ? message.substr(1) : message; }

}  // namespace

json export_history(history::Database& db, double now) {
  history::Store store(db);
  json targets = json::array(), attempts = json::array();
  for (const auto& t : store.target_records())
    targets.push_back({{"exercise", t.exercise}, {"minutes", t.minutes}, {"set_at", t.set_at}});
  for (const auto& a : store.attempt_records()) attempts.push_back(export_attempt(a));
  return {{"format", kExportFormat}, {"version", kExportVersion}, {"exported_at", now},
          {"targets", targets},      {"attempts", attempts}};
}

std::string export_text(history::Database& db, double now) {
  // Sources and reports are bytes as written; a byte that is not UTF-8 (a Latin-1 comment)
  // becomes U+FFFD here rather than failing the whole export.
  return export_history(db, now).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

ImportResult import_history(history::Database& db, const std::string& text) {
  return import_history(db, text, history::now_seconds());
}

ImportResult import_history(history::Database& db, const std::string& text, double now) {
  std::vector<AttemptRecord> attempts;
  std::vector<TargetRecord> targets;
  try {
    read_document(parse(text), attempts, targets, Limits{now + kDay});
  } catch (const ImportError& e) {
    throw ImportError(tidy(e.what()));
  }
  // Open attempts were closed by read_document, so none clashes with one open here.
  return history::Store(db).import_records(attempts, targets);
}

}  // namespace mldrill::progress
