// mldrill: the command line. Parses arguments (CLI11), runs one subcommand, and maps
// every outcome to the documented exit codes: 0 accepted/success, 1 a graded failure,
// 2 usage, 3 compile error, 4 environment (locked database, malformed dataset, build).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "catalog/catalog.hpp"
#include "cli/app.hpp"
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"mldrill — timed, from-scratch ML coding drills with a grader you can trust.\n"
               "Start a drill, write it from memory, check it; passing attempts are timed against a target."};
  app.require_subcommand(1);
  app.fallthrough(false);

  CommonOptions list_o;
  json_flag(app.add_subcommand("list", "Exercises with their target time, flavors, personal best and last result"),
            list_o);

  StartOptions start_o;
  auto* start = json_flag(app.add_subcommand("start", "Copy a fresh stub into your workspace and start the clock"),
                          start_o);
  start->add_option("exercise", start_o.exercise, "Exercise id (see `mldrill list`)")->required();
  start->add_option("--flavor", start_o.flavor, "eigen (default), xtensor or torch");

  CheckOptions check_o;
  auto* check = json_flag(
      app.add_subcommand("check", "Compile, run isolated and grade your code; a first full pass closes the attempt"),
      check_o);
  check->add_option("exercise", check_o.exercise, "Exercise id (default: the most recently started open attempt)");
  check->add_option("--file", check_o.file, "Grade this file instead of the workspace; records nothing");
  check->add_option("--flavor", check_o.flavor, "Flavor of --file (default eigen)");
  check->add_flag("--verbose,-v", check_o.verbose, "Show compile and run times, all compiler output and all program output");

  AttemptOptions pause_o, resume_o, status_o, hint_o;
  for (auto [name, help, o] : {std::tuple{"pause", "Stop the clock of the open attempt", &pause_o},
                               std::tuple{"resume", "Restart the clock of the open attempt", &resume_o},
                               std::tuple{"status", "Open attempts: active time, target, checks, hints", &status_o},
                               std::tuple{"hint", "Show the next hint (taking one is recorded with the attempt)", &hint_o}}) {
    auto* sub = json_flag(app.add_subcommand(name, help), *o);
    sub->add_option("exercise", o->exercise, "Exercise id (default: the most recently started open attempt)");
  }

  HistoryOptions history_o;
  auto* hist = json_flag(app.add_subcommand("history", "Past attempts: date, flavor, active time, checks, result"),
                         history_o);
  hist->add_option("exercise", history_o.exercise, "Only this exercise");
  hist->add_option("--attempt", history_o.attempt, "One attempt, check by check");

  TargetOptions target_o;
  auto* target = json_flag(app.add_subcommand("target", "Show or set an exercise's target time in minutes"), target_o);
  target->add_option("exercise", target_o.exercise, "Exercise id")->required();
  target->add_option("minutes", target_o.minutes, "New target in minutes");

  AttemptOptions watch_o;
  auto* watch = app.add_subcommand("watch", "Check on every save of the workspace file; Ctrl-C stops, the attempt stays open");
  watch->add_option("exercise", watch_o.exercise, "Exercise id (default: the most recently started open attempt)");

  CommonOptions stats_o;
  json_flag(app.add_subcommand("stats", "Per drill: attempts, pass rate, best, median of the last five, target, trend; "
                                        "recurring mistakes"),
            stats_o);

  ScheduleOptions next_o, plan_o;
  for (auto [name, help, o] : {std::tuple{"next", "What to drill today, and why (spaced repetition, SM-2)", &next_o},
                               std::tuple{"plan", "The coming days' drills (spaced repetition, SM-2)", &plan_o}}) {
    auto* sub = json_flag(app.add_subcommand(name, help), *o);
    sub->add_option("--today", o->today, "Take this date (YYYY-MM-DD) as today (default: MLDRILL_TODAY, else the date)");
  }
  app.get_subcommand("plan")->add_option("--days", plan_o.days, "How many days to show (default 14)")->check(CLI::Range(1, 366));

  ExportOptions export_o;
  auto* exp = app.add_subcommand("export", "The whole history as one JSON document (to move it to another machine)");
  exp->add_option("--out", export_o.out, "Write it to this file instead of stdout");

  ImportOptions import_o;
  auto* imp = json_flag(app.add_subcommand("import", "Add an export's attempts to this history (all or nothing; "
                                                     "attempts already here are skipped)"),
                        import_o);
  imp->add_option("file", import_o.file, "A file written by `mldrill export`")->required();
  ReportOptions report_o;
  auto* rep = json_flag(app.add_subcommand("report", "Write your progress as one HTML page with charts (works offline)"),
                        report_o);
  rep->add_option("--out", report_o.out, "Where to write it (default: report.html in the data directory)");

  TraceOptions trace_o;
  auto* tr = json_flag(app.add_subcommand("trace", "Export an algorithm's behaviour as JSON for the notebooks"), trace_o);
  tr->add_option("exercise", trace_o.name, trace_help())->required();
  tr->add_option("--out", trace_o.out, "Write the trace to this file (default: stdout)");

  CommonOptions doctor_o;
  json_flag(app.add_subcommand("doctor", "Which isolation grading uses (probed), the toolchain per flavor, where the "
                                         "history lives; exit 4 when the sandbox cannot start"),
            doctor_o);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return grading::kExitUsage;
  }

  Session session;
  try {
    const auto* sub = app.get_subcommands().front();
    const std::string name = sub->get_name();
    if (name == "list") return cmd_list(session, list_o);
    if (name == "start") return cmd_start(session, start_o);
    if (name == "check") return cmd_check(session, check_o);
    if (name == "pause") return cmd_pause(session, pause_o);
    if (name == "resume") return cmd_resume(session, resume_o);
    if (name == "status") return cmd_status(session, status_o);
    if (name == "hint") return cmd_hint(session, hint_o);
    if (name == "history") return cmd_history(session, history_o);
    if (name == "target") return cmd_target(session, target_o);
    if (name == "watch") return cmd_watch(session, watch_o);
    if (name == "stats") return cmd_stats(session, stats_o);
    if (name == "next") return cmd_next(session, next_o);
    if (name == "plan") return cmd_plan(session, plan_o);
    if (name == "export") return cmd_export(session, export_o);
    if (name == "import") return cmd_import(session, import_o);
    if (name == "report") return cmd_report(session, report_o);
    if (name == "trace") return cmd_trace(trace_o);
    if (name == "doctor") return cmd_doctor(doctor_o);
  } catch (const UsageError& e) {
    fmt::print(stderr, "mldrill: {}\n", e.what());
    return grading::kExitUsage;
  } catch (const catalog::UnknownExercise& e) {
    fmt::print(stderr, "mldrill: {}\n", e.what());
    return grading::kExitUsage;
  } catch (const std::exception& e) {  // history, datasets, builds, files
    fmt::print(stderr, "mldrill: {}\n", e.what());
    return grading::kExitEnvironment;
  }
  return grading::kExitUsage;
}
