// mldrill: the command line. Parses arguments (CLI11), runs one subcommand, and maps
// every outcome to the documented exit codes: 0 accepted/success, 1 a graded failure,
// 2 usage, 3 compile error, 4 environment (locked database, malformed dataset, build, files).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <functional>
#include <map>

#include "catalog/catalog.hpp"
#include "cli/app.hpp"
#include "cli/suggest.hpp"
#include "data/dataset.hpp"
#include "grading/verdict.hpp"
#include "history/database.hpp"

using namespace mldrill;
using namespace mldrill::cli;

namespace mldrill::cli {
int cmd_doctor(const CommonOptions& o);  // cmd_doctor.cpp
}

namespace {

CLI::App* json_flag(CLI::App* sub, CommonOptions& o) {
  sub->add_flag("--json", o.json, "Print exactly one JSON document on stdout (everything else goes to stderr)");
  return sub;
}

// The first argument that is not an option: the command the user meant to give.
std::optional<std::string> first_word(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (argv[i][0] != '-') return std::string(argv[i]);
  return std::nullopt;
}

// A misspelt or missing command is named as such, with the nearest real one.
int command_error(const CLI::App& app, const std::optional<std::string>& word) {
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
  if (!word) {
    fmt::print(stderr, "mldrill: say what to do, e.g. `mldrill list` or `mldrill start logreg` (`mldrill --help` "
                       "lists the commands)\n");
    return grading::kExitUsage;
  }
  const auto near = nearest(*word, names);
  fmt::print(stderr, "mldrill: unknown command '{}'{} (`mldrill --help` lists the commands)\n", *word,
             near ? fmt::format("; did you mean '{}'?", *near) : "");
  return grading::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"mldrill — timed, from-scratch ML coding drills with a grader you can trust.\n"
               "Start a drill, write it from memory, check it; passing attempts are timed against a target.",
               "mldrill"};  // named, so `Usage:` never shows the binary's build path
  app.require_subcommand(1);
  app.fallthrough(false);
  app.set_version_flag("--version", std::string("mldrill ") + MLDRILL_VERSION, "Print mldrill's version and exit");

  // One entry per command: its options above it, its handler here.
  std::map<std::string, std::function<int(Session&)>> commands;

  CommonOptions list_o;
  json_flag(app.add_subcommand("list", "Exercises with their target time, flavors, personal best and last result"),
            list_o);
  commands["list"] = [&](Session& s) { return cmd_list(s, list_o); };

  StartOptions start_o;
  auto* start = json_flag(app.add_subcommand("start", "Copy a fresh stub into your workspace and start the clock"),
                          start_o);
  start->add_option("exercise", start_o.exercise, "Exercise id (see `mldrill list`)")->required();
  start->add_option("--flavor", start_o.flavor, "eigen, xtensor, torch or cpp (default: eigen, or the drill's only flavor)");
  start->add_flag("--restart", start_o.restart,
                  "Abandon this exercise's open attempt and start over, without asking (its code is kept)");
  commands["start"] = [&](Session& s) { return cmd_start(s, start_o); };

  AttemptOptions reset_o;
  auto* reset = json_flag(
      app.add_subcommand("reset", "Put the fresh stub back into the open attempt's file; the clock keeps running"),
      reset_o);
  reset->add_option("exercise", reset_o.exercise, "Exercise id (default: the most recently started open attempt)");
  commands["reset"] = [&](Session& s) { return cmd_reset(s, reset_o); };

  CheckOptions check_o;
  auto* check = json_flag(
      app.add_subcommand("check", "Compile, run isolated and grade your code; a first full pass closes the attempt"),
      check_o);
  check->add_option("exercise", check_o.exercise, "Exercise id (default: the most recently started open attempt)");
  check->add_option("--file", check_o.file, "Grade this file instead of the workspace; records nothing");
  check->add_option("--flavor", check_o.flavor, "Flavor of --file (default: eigen, or the drill's only flavor)");
  check->add_flag("--verbose,-v", check_o.verbose, "Show compile and run times, all compiler output and all program output");
  commands["check"] = [&](Session& s) { return cmd_check(s, check_o); };

  AttemptOptions pause_o, resume_o, status_o, hint_o;
  for (auto [name, help, o] : {std::tuple{"pause", "Stop the clock of the open attempt", &pause_o},
                               std::tuple{"resume", "Restart the clock of the open attempt", &resume_o},
                               std::tuple{"status", "Open attempts: active time, target, checks, hints", &status_o},
                               std::tuple{"hint", "Show the next hint of the open attempt (taking one is recorded "
                                                  "with it)", &hint_o}}) {
    auto* sub = json_flag(app.add_subcommand(name, help), *o);
    sub->add_option("exercise", o->exercise, "Exercise id (default: the most recently started open attempt)");
  }
  commands["pause"] = [&](Session& s) { return cmd_pause(s, pause_o); };
  commands["resume"] = [&](Session& s) { return cmd_resume(s, resume_o); };
  commands["status"] = [&](Session& s) { return cmd_status(s, status_o); };
  commands["hint"] = [&](Session& s) { return cmd_hint(s, hint_o); };

  HistoryOptions history_o;
  auto* hist = json_flag(app.add_subcommand("history", "Past attempts: date, flavor, active time, checks, result"),
                         history_o);
  hist->add_option("exercise", history_o.exercise, "Only this exercise");
  hist->add_option("--attempt", history_o.attempt, "One attempt, check by check");
  commands["history"] = [&](Session& s) { return cmd_history(s, history_o); };

  TargetOptions target_o;
  auto* target = json_flag(app.add_subcommand("target", "Show, set or reset an exercise's target time in minutes"),
                           target_o);
  target->add_option("exercise", target_o.exercise, "Exercise id")->required();
  auto* minutes = target->add_option(
      "minutes", target_o.minutes,
      fmt::format("New target in minutes, {} to {}", kMinTargetMinutes, kMaxTargetMinutes));
  target->add_flag("--reset", target_o.reset, "Go back to the exercise's default target")->excludes(minutes);
  commands["target"] = [&](Session& s) { return cmd_target(s, target_o); };

  AttemptOptions watch_o;
  auto* watch = app.add_subcommand("watch", "Check now and on every save of the workspace file; Ctrl-C stops, the "
                                            "attempt stays open");
  watch->add_option("exercise", watch_o.exercise, "Exercise id (default: the most recently started open attempt)");
  commands["watch"] = [&](Session& s) { return cmd_watch(s, watch_o); };

  CommonOptions stats_o;
  json_flag(app.add_subcommand("stats", "Per drill: attempts, pass rate, best, median of the last five, target, trend; "
                                        "recurring mistakes"),
            stats_o);
  commands["stats"] = [&](Session& s) { return cmd_stats(s, stats_o); };

  ScheduleOptions next_o, plan_o;
  for (auto [name, help, o] : {std::tuple{"next", "What to drill today, and why (spaced repetition, SM-2)", &next_o},
                               std::tuple{"plan", "The coming days' drills (spaced repetition, SM-2)", &plan_o}}) {
    auto* sub = json_flag(app.add_subcommand(name, help), *o);
    sub->add_option("--today", o->today, "Take this date (YYYY-MM-DD) as today (default: MLDRILL_TODAY, else the date)");
  }
  app.get_subcommand("plan")->add_option("--days", plan_o.days, "How many days to show (default 14)")->check(CLI::Range(1, 366));
  commands["next"] = [&](Session& s) { return cmd_next(s, next_o); };
  commands["plan"] = [&](Session& s) { return cmd_plan(s, plan_o); };

  ExportOptions export_o;
  auto* exp = app.add_subcommand("export", "The whole history as one JSON document (to move it to another machine)");
  exp->add_option("--out", export_o.out, "Write it to this file instead of stdout");
  commands["export"] = [&](Session& s) { return cmd_export(s, export_o); };

  ImportOptions import_o;
  auto* imp = json_flag(app.add_subcommand("import", "Add an export's attempts to this history (all or nothing; "
                                                     "attempts already here are skipped)"),
                        import_o);
  imp->add_option("file", import_o.file, "A file written by `mldrill export`")->required();
  commands["import"] = [&](Session& s) { return cmd_import(s, import_o); };

  ReportOptions report_o;
  auto* rep = json_flag(app.add_subcommand("report", "Write your progress as one HTML page with charts (works offline)"),
                        report_o);
  rep->add_option("--out", report_o.out, "Where to write it (default: report.html in the data directory)");
  commands["report"] = [&](Session& s) { return cmd_report(s, report_o); };

  TraceOptions trace_o;
  auto* tr = json_flag(app.add_subcommand("trace", "Export an algorithm's behaviour as JSON for the notebooks"), trace_o);
  tr->add_option("exercise", trace_o.name, trace_help())->required();
  tr->add_option("--out", trace_o.out, "Write the trace to this file (default: stdout)");
  commands["trace"] = [&](Session&) { return cmd_trace(trace_o); };

  CommonOptions doctor_o;
  json_flag(app.add_subcommand("doctor", "Which isolation grading uses (probed), the toolchain per flavor, where the "
                                         "history lives; exit 4 when the sandbox cannot start"),
            doctor_o);
  commands["doctor"] = [&](Session&) { return cmd_doctor(doctor_o); };

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const auto word = first_word(argc, argv);
    if (app.get_subcommands().empty() && (!word || !commands.count(*word))) return command_error(app, word);
    app.exit(e);
    return grading::kExitUsage;
  }

  try {
    Session session;
    return commands.at(app.get_subcommands().front()->get_name())(session);
  } catch (const UsageError& e) {
    fmt::print(stderr, "mldrill: {}\n", e.what());
    return grading::kExitUsage;
  } catch (const catalog::UnknownExercise& e) {
    fmt::print(stderr, "mldrill: {}\n", e.what());
    return grading::kExitUsage;
  } catch (const catalog::UnknownFlavor& e) {
    fmt::print(stderr, "mldrill: {}\n", e.what());
    return grading::kExitUsage;
  } catch (const std::exception& e) {  // history, datasets, builds, files
    fmt::print(stderr, "mldrill: {}\n", e.what());
    return grading::kExitEnvironment;
  }
}
