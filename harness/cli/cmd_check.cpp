// `mldrill check`: compile → isolated run → grade → verdict → record. Prints a line per
// case, the first failure in full, and, on the first pass of an attempt, its time.
#include <fmt/format.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cases/registry.hpp"
#include "catalog/catalog.hpp"
#include "cli/app.hpp"
#include "cli/check.hpp"
#include "cli/format.hpp"
#include "cli/suggest.hpp"
#include "compile/cache.hpp"
#include "grading/grader.hpp"
#include "text/utf8.hpp"

namespace fs = std::filesystem;

namespace mldrill::cli {
namespace {

using grading::Verdict;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `--file` without an exercise: the file says which drill it is (namespace drill::<id>).
// A linear scan: std::regex recurses per character and overflows on a long source.
std::optional<std::string> exercise_named_in(const std::string& source) {
  auto space = [&](size_t& i) {
    const size_t start = i;
    while (i < source.size() && std::isspace(static_cast<unsigned char>(source[i]))) ++i;
    return i > start;
  };
  auto word = [&](size_t& i, std::string_view w) {
    if (source.compare(i, w.size(), w) != 0) return false;
    i += w.size();
    return true;
  };
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t at = source.find("namespace"); at != std::string::npos; at = source.find("namespace", at + 1)) {
    size_t i = at + 9;
    if (!space(i) || !word(i, "drill")) continue;
    space(i);
    if (!word(i, "::")) continue;
    space(i);
    const size_t start = i;
    while (i < source.size() && ident(source[i])) ++i;
    if (i > start) return source.substr(start, i - start);
  }
  return std::nullopt;
}

// Anything the candidate or the compiler wrote goes through this before the terminal.
std::string shown(std::string_view text) { return text::for_terminal(text); }

std::string indent(const std::string& text, const std::string& pad) {
  std::string out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out += pad + line + "\n";
  return out;
}

std::string last_lines(const std::string& text, size_t n) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  std::string out;
  for (size_t i = lines.size() > n ? lines.size() - n : 0; i < lines.size(); ++i) out += lines[i] + "\n";
  return out;
}

std::string ms(double seconds) { return seconds < 1 ? fmt::format("{:.2f} ms", seconds * 1e3) : fmt::format("{:.2f} s", seconds); }

void print_compile_failure(const grading::Report& r, bool verbose, int max_errors) {
  const auto& b = r.build;
  if (b.stage == "link") {
    fmt::print("It compiled, but did not link{}\n", b.explanation.empty() ? ":" : ": " + shown(b.explanation));
    if (verbose || b.explanation.empty()) fmt::print("{}", indent(shown(last_lines(b.output, 15)), "  "));
    return;
  }
  int printed = 0, errors = 0;
  for (const auto& d : b.diagnostics) {
    if (d.severity == "warning") continue;
    if (++errors > max_errors) continue;
    fmt::print("  {}:{}:{}: {}: {}\n", shown(display_path(d.file)), d.line, d.column, d.severity, shown(d.message));
    ++printed;
  }
  if (!b.explanation.empty()) fmt::print("  {}\n", shown(b.explanation));
  if (errors > printed) fmt::print("  ({} more errors; --verbose shows the compiler's full output)\n", errors - printed);
  if (verbose || (printed == 0 && b.explanation.empty())) fmt::print("{}", indent(shown(b.output), "  | "));
}

void print_case(const grading::CaseResult& c, bool first_failure) {
  const bool ok = c.verdict == Verdict::Accepted;
  std::string info;
  if (ok) {
    info = fmt::format("{}  (reference {})", ms(c.seconds), ms(c.reference_seconds));
    if (!c.gradients.empty()) {
      std::string g;
      for (const auto& gr : c.gradients) g += fmt::format("{}{} {:.0e}", g.empty() ? "" : ", ", gr.param, gr.rel_error_own);
      info += fmt::format("  gradient check: {} (mark 1e-7)", g);
    }
  } else {
    info = grading::to_string(c.verdict);
  }
  fmt::print("  {:<5} {:<52} {}\n", ok ? "ok" : c.verdict == Verdict::Skipped ? "skip" : "FAIL", c.name, info);
  if (!ok && (first_failure || c.verdict != Verdict::Skipped)) {
    // The first failure in full; later ones by their first line.
    std::string text = first_failure ? c.message : c.message.substr(0, c.message.find('\n'));
    fmt::print("{}", indent(shown(text), "        "));
  }
}

// When the answer is wrong, the compiler's warnings about the candidate's own file are often
// the bug in plain sight (a narrowing size, an uninitialised sum, a signed/unsigned compare).
void print_warnings(const grading::Report& r, int max_warnings) {
  if (r.verdict == Verdict::Accepted || r.verdict == Verdict::NotImplemented) return;
  std::vector<const compile::Diagnostic*> own;
  for (const auto& d : r.build.diagnostics)
    if (d.severity == "warning" && fs::path(d.file).filename() == fs::path(r.source_path).filename()) own.push_back(&d);
  if (own.empty()) return;
  fmt::print("the compiler warned about your file (a likely place to look):\n");
  for (size_t i = 0; i < own.size() && int(i) < max_warnings; ++i)
    fmt::print("  {}:{}:{}: warning: {}\n", shown(display_path(own[i]->file)), own[i]->line, own[i]->column,
               shown(own[i]->message));
  if (own.size() > size_t(max_warnings)) fmt::print("  ({} more; --verbose shows them)\n", own.size() - size_t(max_warnings));
}

void print_timing(const grading::Report& r, bool verbose) {
  if (verbose)
    fmt::print("timing: compile {:.2f} s, link {:.2f} s{}, run {:.2f} s\n", r.build.compile_seconds,
               r.build.link_seconds, r.build.cached ? " (cached build)" : "", r.run_seconds);
}

// The verdict line comes after everything the candidate and the compiler wrote, so the
// last word on the screen is always mldrill's.
void print_report(const grading::Report& r, bool verbose, int max_errors) {
  fmt::print("{} ({}) — {}\n", r.exercise, r.flavor, shown(display_path(r.source_path)));
  if (r.verdict == Verdict::CompileError) {
    print_compile_failure(r, verbose, max_errors);
    print_timing(r, verbose);
    fmt::print("verdict: compile_error\n");
    return;
  }
  if (verbose || !r.build.cached)
    fmt::print("compiled in {:.2f} s{}, ran in {:.2f} s\n", r.build.compile_seconds + r.build.link_seconds,
               r.build.cached ? " (cached)" : "", r.run_seconds);
  const grading::CaseResult* first = r.first_failing();
  for (const auto& c : r.cases) print_case(c, &c == first);
  if (!r.output.empty()) {
    size_t lines = std::count(r.output.begin(), r.output.end(), '\n');
    if (verbose) fmt::print("your program printed:\n{}", indent(shown(r.output), "  | "));
    else if (r.verdict == Verdict::RuntimeError)
      fmt::print("your program printed (last lines; --verbose for all):\n{}",
                 indent(shown(last_lines(r.output, 8)), "  | "));
    else fmt::print("(your program printed {} line{}; --verbose shows them)\n", lines, lines == 1 ? "" : "s");
  }
  print_warnings(r, verbose ? 1000 : 3);
  print_timing(r, verbose);
  fmt::print("verdict: {}{}\n", grading::to_string(r.verdict), first ? " — first failing case: " + first->name : "");
}

}  // namespace

void require_gradable_size(const std::string& file) {
  std::error_code ec;
  const uintmax_t bytes = fs::file_size(file, ec);
  if (ec) throw EnvironmentError(fmt::format("cannot read {}: {}", display_path(file), ec.message()));
  if (bytes > kMaxCandidateBytes)
    throw EnvironmentError(fmt::format("{} is {:.1f} MiB; mldrill grades files of up to {} MiB (a drill is a few "
                                       "hundred lines), so it was not compiled and nothing was recorded",
                                       display_path(file), double(bytes) / (1 << 20), kMaxCandidateBytes >> 20));
}

int check_exit_code(Verdict v) {
  if (v == Verdict::Accepted) return grading::kExitAccepted;
  if (v == Verdict::CompileError) return grading::kExitCompileError;
  return grading::kExitFailed;
}

CheckSubject check_subject(Session& s, const CheckOptions& o) {
  CheckSubject subject;
  auto& [attempt, exercise, flavor, file] = subject;
  const double start_time = history::now_seconds();
  if (o.file) {  // grade any file, record nothing
    file = fs::absolute(*o.file).string();
    if (!fs::is_regular_file(file)) throw EnvironmentError("no such file: " + *o.file);
    auto named = exercise_named_in(read_file(file));
    if (!o.exercise && !named)
      throw UsageError("which exercise is " + *o.file + "? Say `mldrill check <exercise> --file " + *o.file + "`");
    exercise = o.exercise ? *o.exercise : *named;
    flavor = catalog::choose_flavor(catalog::exercise(exercise), o.flavor.value_or(""));
  } else {
    if (o.exercise && looks_like_path(*o.exercise))
      throw UsageError(fmt::format("'{0}' is a file, not an exercise: `mldrill check --file {0}` grades it "
                                   "(`mldrill check <exercise> --file {0}` if it does not say `namespace drill::<exercise>`)",
                                   *o.exercise));
    if (o.exercise) catalog::exercise(*o.exercise);  // a misspelt name is named as such, not "no open attempt"
    attempt = o.exercise ? s.store().open_attempt(*o.exercise, start_time) : s.store().latest_open_attempt(start_time);
    if (!attempt)
      throw UsageError(o.exercise ? fmt::format("no open {0} attempt: start one with `mldrill start {0}`", *o.exercise)
                                  : "no open attempt: start one with `mldrill start <exercise>`, or grade a file "
                                    "with `mldrill check <exercise> --file PATH`");
    exercise = attempt->exercise;
    flavor = attempt->flavor;
    file = attempt->workspace_file;
    if (o.flavor && *o.flavor != flavor)
      throw UsageError(fmt::format("attempt #{} is in the {} flavor; start a new one for {}", attempt->id, flavor, *o.flavor));
    if (!fs::is_regular_file(file))
      throw EnvironmentError(fmt::format("the workspace file {} is gone; `mldrill start {}` begins again (earlier "
                                         "checks keep their code in the history)",
                                         file, exercise));
  }
  const catalog::Exercise& ex = catalog::exercise(exercise);
  catalog::choose_flavor(ex, flavor);  // an attempt's flavor this build cannot grade is named
  ensure_grader_built(exercise, flavor);
  return subject;
}

CheckRun grade_and_record(Session& s, const CheckSubject& subject) {
  require_gradable_size(subject.file);
  const std::string source = read_file(subject.file);  // the snapshot recorded with the check
  CheckRun run;
  const std::string cache = s.where().work_dir + "/candidates";
  const uint64_t cache_limit = compile::cache_limit_bytes();  // a bad MLDRILL_CACHE_MB is said before compiling
  run.report = grading::grade(subject.exercise, subject.flavor, subject.file, cases::cases_for(subject.exercise),
                              s.where().work_dir);
  // The output was cut at its size limit: not inside a character.
  if (run.report.output_truncated) run.report.output.resize(text::utf8_cut(run.report.output, run.report.output.size()));
  // The build just used stays; the least recently used others go once the cache is too big.
  const std::string built = run.report.build.executable.empty() ? "" : fs::path(run.report.build.executable).parent_path().string();
  compile::evict_cache(cache, built, cache_limit);
  run.json = grading::to_json(run.report);
  if (!subject.attempt) return run;
  // The verdict is never lost to the history: whatever stops the recording (a lock held
  // past the timeout, a full disk, a read-only file or directory) is reported after it.
  try {
    run.previous_best = s.store().best_seconds(subject.exercise, subject.flavor);
    const grading::CaseResult* first = run.report.first_failing();
    history::NewCheck c{grading::to_string(run.report.verdict), first ? first->name : "",
                        run.report.build.compile_seconds + run.report.build.link_seconds, run.report.run_seconds,
                        source, text::dump_json(run.json)};
    const double now = history::now_seconds();
    run.after = s.store().record_check(subject.attempt->id, c, now);
    // Closed by this very check (not earlier, by another mldrill).
    run.closed_now = run.after->status == "passed" && run.after->ended_at == now;
  } catch (const history::HistoryError& e) {
    run.not_recorded = e.what();
  } catch (const SQLite::Exception& e) {
    run.not_recorded = fmt::format("the history database {} could not be written: {}", s.where().database, e.what());
  }
  if (run.not_recorded) {
    run.json["not_recorded"] = *run.not_recorded;
    return run;
  }
  run.json["attempt"] = attempt_json(*run.after);
  run.json["attempt"]["closed_now"] = run.closed_now;
  run.json["attempt"]["personal_best_seconds"] = run.previous_best ? nlohmann::json(*run.previous_best) : nlohmann::json();
  return run;
}

void print_check(const CheckRun& run, const PrintOptions& p) {
  const grading::Report& report = run.report;
  print_report(report, p.verbose, p.max_errors);
  const auto& after = run.after;
  if (after && run.closed_now) {
    const bool met = after->target_met();
    const auto& previous_best = run.previous_best;
    std::string best = previous_best ? fmt::format("previous best {}", duration(*previous_best)) : "first pass";
    if (previous_best && after->active_seconds < *previous_best) best += " — a new personal best";
    fmt::print("\nAttempt #{} passed in {} active (target {}: {}), {} check{}, {} hint{}; {}.\n", after->id,
               duration(after->active_seconds), duration(after->target_minutes * 60), met ? "met" : "not met yet",
               after->checks, after->checks == 1 ? "" : "s", after->hints, after->hints == 1 ? "" : "s", best);
    const std::string followup = catalog::exercise(report.exercise).followup();
    if (!followup.empty()) fmt::print("\nInterview follow-ups:\n{}", indent(followup, "  "));
  } else if (after) {
    fmt::print("attempt #{}: {} active of a {} target, {} check{}\n", after->id, duration(after->active_seconds),
               duration(after->target_minutes * 60), after->checks, after->checks == 1 ? "" : "s");
  }
}

int cmd_check(Session& s, const CheckOptions& o) {
  const CheckRun run = grade_and_record(s, check_subject(s, o));
  if (o.json) print_json(run.json);
  else print_check(run, {o.verbose});
  if (run.not_recorded) {
    fmt::print(stderr, "mldrill: this check was not recorded: {}\n", *run.not_recorded);
    return grading::kExitEnvironment;
  }
  return check_exit_code(run.report.verdict);
}

}  // namespace mldrill::cli
