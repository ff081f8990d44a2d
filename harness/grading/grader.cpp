// The grading loop and the plain-words explanation of every way a call can end badly.
#include "grading/grader.hpp"

#include <fmt/format.h>
#include <signal.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <regex>
#include <variant>

#include "compile/toolchain.hpp"
#include "sandbox/symbolize.hpp"

namespace fs = std::filesystem;

namespace mldrill::grading {
namespace {

std::string signal_words(int sig) {
  switch (sig) {
    case SIGSEGV: return "segmentation fault: memory was read or written out of bounds (an index past the end, "
                         "a dangling reference or pointer?)";
    case SIGBUS: return "bus error: invalid memory access";
    case SIGFPE: return "arithmetic exception: an integer division by zero?";
    case SIGILL: return "illegal instruction";
    case SIGABRT: return "aborted";
    default: return fmt::format("killed by signal {} ({})", sig, strsignal(sig));
  }
}

// "Assertion `lhs.cols() == rhs.rows() && "invalid matrix product" && ...' failed." →
// "invalid matrix product (lhs.cols() == rhs.rows())"
std::string assertion_words(const std::string& output) {
  static const std::regex assertion(R"(Assertion [`'](.*)' failed)");
  std::smatch m;
  if (!std::regex_search(output, m, assertion)) return "";
  const std::string expr = m[1].str();
  static const std::regex quoted("\"([^\"]*)\"");
  std::smatch q;
  std::string condition = expr.substr(0, expr.find(" && \""));
  if (std::regex_search(expr, q, quoted)) return fmt::format("{} ({})", q[1].str(), condition);
  if (condition.find("__n < this->size()") != std::string::npos)
    return "std::vector index out of range (__n < this->size())";
  if (condition.find("index >= 0 && index < size()") != std::string::npos ||
      condition.find("row >= 0 && row < rows()") != std::string::npos)
    return "Eigen index out of range (" + condition + ")";
  return condition;
}

// "drill::logreg::(anonymous namespace)::deep(double)" → "deep()"
std::string short_function(std::string f) {
  for (auto pos = f.find("(anonymous namespace)::"); pos != std::string::npos; pos = f.find("(anonymous namespace)::"))
    f.erase(pos, 23);
  f = f.substr(0, f.find('('));
  const auto colons = f.rfind("::");
  return (colons == std::string::npos ? f : f.substr(colons + 2)) + "()";
}

// The most a call's reply can legitimately hold. Every function's outputs are no larger
// than (its arguments' entries and integers, summed) × (its largest dimension or integer):
// pairwise distances n×m from n×d and m×d, init(d, h, c)'s d×h weights. 16 bytes an entry,
// 64 KiB for the status message, and never more than 256 MiB.
uint64_t reply_bound(const wire::Values& args) {
  double entries = 1, largest = 1;
  auto tensor = [&](const std::vector<int64_t>& shape, size_t n) {
    entries += double(n);
    for (int64_t d : shape) largest = std::max(largest, double(d));
  };
  for (const auto& v : args) {
    if (auto* t = std::get_if<wire::Tensor>(&v)) tensor(t->shape, t->data.size());
    else if (auto* t = std::get_if<wire::IntTensor>(&v)) tensor(t->shape, t->data.size());
    else if (auto* l = std::get_if<wire::List>(&v)) {  // a string counts its bytes: keys come back as strings
      double bytes = double(l->ints.size());
      for (const auto& s : l->strings) bytes += 1 + double(s.size());
      tensor({int64_t(l->rows.size()), int64_t(l->size())}, size_t(bytes));
    }
    else if (auto* i = std::get_if<int64_t>(&v); i && *i > 0) {
      entries += double(*i);
      largest = std::max(largest, double(*i));
    } else entries += 1;
  }
  return static_cast<uint64_t>(std::min(65536.0 + 16 * entries * largest, double(256u << 20)));
}

class ProcessChannel : public Channel {
 public:
  ProcessChannel(const std::string& exe, const std::string& source, const std::string& workdir,
                 const sandbox::Limits& limits)
      : exe_(exe), source_(source), workdir_(workdir), limits_(limits),
        idle_left_(limits.idle_seconds_total + limits.startup_wall_seconds) {}

  sandbox::CallResult call(const std::string& fn, const wire::Values& args, double cpu_budget) override {
    if (!child_ || !child_->alive()) restart();
    failed_at_startup_ = startup_failure_.has_value();
    if (failed_at_startup_) {  // the process died before serving: that is this call's ending
      auto r = std::move(*startup_failure_);
      startup_failure_.reset();
      return r;
    }
    auto r = child_->call(fn, args, std::max(cpu_budget, 0.05), bounds(args));
    idle_left_ -= r.idle_seconds;
    if (!child_->alive()) retire();
    return r;
  }

  CaseStop explain(const sandbox::CallResult& r, const std::string& fn, double budget) override {
    using sandbox::Ending;
    using wire::Status;
    const std::string call = failed_at_startup_
                                 ? fmt::format("your program's start-up (a global or static initialiser, before "
                                               "{}() was called)",
                                               fn)
                                 : fn + "()";
    if (failed_at_startup_ && r.ending == Ending::Exited)
      return {Verdict::RuntimeError,
              fmt::format("your program exited (status {}) while starting, before {}() was called: a global or "
                          "static initialiser calls exit()?",
                          r.exit_code, fn)};
    switch (r.ending) {
      case Ending::Replied:
        switch (r.status) {
          case Status::NotImplemented:
            return {Verdict::NotImplemented,
                    fmt::format("{} is not implemented yet: it still throws \"{}\"", call, r.message)};
          case Status::OutOfMemory:
            return {Verdict::MemoryLimit, fmt::format("{} ran out of memory (the limit is {} MiB of address space)",
                                                      call, limits_.address_space_bytes >> 20)};
          case Status::Exception: return {Verdict::RuntimeError, fmt::format("{} threw {}", call, r.message)};
          case Status::Contract: return {Verdict::WrongAnswer, fmt::format("{}: {}", call, r.message)};
          case Status::Forbidden: return {Verdict::RuntimeError, fmt::format("{}: {}", call, r.message)};
          default: return {Verdict::RuntimeError, fmt::format("the grader could not call {}: {}", call, r.message)};
        }
      case Ending::TimeLimit:
        if (r.starved)
          return {Verdict::TimeLimit,
                  fmt::format("{} got only {:.1f} s of CPU in {:.0f} s: this machine is too busy to grade it "
                              "fairly; check again when it is quieter",
                              call, r.cpu_seconds, r.wall_seconds)};
        if (r.idle_exhausted)
          return {Verdict::TimeLimit,
                  fmt::format("{} did not return in time: this check's calls have spent {:.1f} s of wall-clock time "
                              "sleeping or blocked (neither computing nor waiting for a CPU), more than the {:.0f} s "
                              "a whole check allows: is it sleeping or waiting for input?",
                              call, limits_.idle_seconds_total + limits_.startup_wall_seconds - idle_left_,
                              limits_.idle_seconds_total + limits_.startup_wall_seconds)};
        if (r.wall_clock)
          return {Verdict::TimeLimit, fmt::format("{} did not return within {:.1f} s of wall-clock time while hardly "
                                                  "using the CPU: is it sleeping or waiting for input?",
                                                  call, r.wall_seconds)};
        return {Verdict::TimeLimit,
                fmt::format("{} used more than its CPU budget ({:.1f} s left for this case) without returning: an "
                            "endless loop, or far too slow?",
                            call, budget + r.cpu_seconds)};
      case Ending::OutputLimit:
        return {Verdict::RuntimeError, fmt::format("{} printed more than {} MiB of output, so the run was stopped",
                                                   call, limits_.output_kill_bytes >> 20)};
      case Ending::ProtocolError:
        return {Verdict::RuntimeError,
                fmt::format("the reply channel was corrupted ({}) during {}: does your code write to file "
                            "descriptor 4?",
                            r.message, call)};
      case Ending::Exited:
        if (r.exit_code == 127 && !started_once_)
          return {Verdict::RuntimeError, "the compiled program could not be started"};
        return {Verdict::RuntimeError,
                fmt::format("your program exited (status {}) inside {} before returning: return from the "
                            "function instead of calling exit()",
                            r.exit_code, call)};
      case Ending::Crashed: return explain_crash(r, call);
    }
    return {Verdict::RuntimeError, "unknown ending"};
  }

  const std::string& output() const { return output_; }
  bool output_truncated() const { return truncated_; }
  long peak_rss_kb() const { return peak_rss_kb_; }
  void close() { retire(); }

 private:
  CaseStop explain_crash(const sandbox::CallResult& r, const std::string& call) {
    const std::string& out = last_output_;
    if (r.signal == SIGXCPU || (r.signal == SIGKILL && !r.crash))
      return {Verdict::TimeLimit, fmt::format("{} was stopped by the CPU-time limit of the whole run", call)};
    if (r.signal == SIGABRT && out.find("std::bad_alloc") != std::string::npos)
      return {Verdict::MemoryLimit, fmt::format("{} ran out of memory (the limit is {} MiB of address space)", call,
                                                limits_.address_space_bytes >> 20)};
    std::string what = signal_words(r.signal);
    if (r.crash && r.crash->stack_overflow) what = "stack overflow: unbounded recursion?";
    if (r.signal == SIGABRT) {
      std::string assertion = assertion_words(out);
      if (!assertion.empty()) what = "assertion failed: " + assertion;
      else if (out.find("terminate called") != std::string::npos)
        what = "aborted by std::terminate (an exception escaped a destructor or a noexcept function?)";
    }
    std::string where;
    if (r.crash) {
      if (auto loc = sandbox::locate_in_file(exe_, r.crash->frames, source_))
        where = fmt::format(" at {}:{} in {}", fs::path(source_).filename().string(), loc->line,
                            short_function(loc->function));
    }
    return {Verdict::RuntimeError, fmt::format("{} crashed{}: {}", call, where, what)};
  }

  void restart() {
    retire();
    fs::create_directories(workdir_);
    child_ = std::make_unique<sandbox::ChildProcess>(exe_, workdir_, limits_);
    started_once_ = true;
    // Wait until it serves (its static initialisers, LibTorch's loading), outside any case's
    // time. If it dies first (a global constructor that crashes, loops or exits), the next
    // call reports that ending as its own.
    auto r = child_->call(wire::kReadyFunction, {}, kStartupCpuSeconds, bounds({}));
    idle_left_ -= r.idle_seconds;
    if (r.ending != sandbox::Ending::Replied || r.status != wire::Status::Ok) {
      retire();
      startup_failure_ = std::move(r);
    }
  }
  sandbox::CallBounds bounds(const wire::Values& args) const {
    sandbox::CallBounds b;
    b.idle_seconds = std::max(idle_left_, 0.0);
    b.reply_bytes = reply_bound(args);
    return b;
  }
  void retire() {
    if (!child_) return;
    child_->terminate();
    last_output_ = child_->output();
    if (output_.size() < limits_.output_keep_bytes) output_ += last_output_;
    truncated_ = truncated_ || child_->output_truncated();
    peak_rss_kb_ = std::max(peak_rss_kb_, child_->peak_rss_kb());
    child_.reset();
  }

  std::string exe_, source_, workdir_;
  sandbox::Limits limits_;
  double idle_left_;  // the check's remaining allowance of sleeping or blocked wall-clock time
  static constexpr double kStartupCpuSeconds = 5;
  std::unique_ptr<sandbox::ChildProcess> child_;
  std::optional<sandbox::CallResult> startup_failure_;
  bool failed_at_startup_ = false;  // the last call's ending happened before the process served
  std::string output_, last_output_;
  bool truncated_ = false;
  bool started_once_ = false;
  long peak_rss_kb_ = 0;
};

// Run directories of graders that were killed (a normal run removes its own).
void remove_stale_run_dirs(const std::string& work_dir) {
  std::error_code ec;
  const auto cutoff = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto& e : fs::directory_iterator(work_dir, ec))
    if (e.path().filename().string().rfind("run-", 0) == 0 && e.last_write_time(ec) < cutoff) fs::remove_all(e.path(), ec);
}

}  // namespace

const CaseResult* Report::first_failing() const {
  for (const auto& c : cases)
    if (c.verdict != Verdict::Accepted && c.verdict != Verdict::Skipped) return &c;
  return nullptr;
}

Report grade(const std::string& exercise, const std::string& flavor, const std::string& source_path,
             const std::vector<Case>& cases, const std::string& work_dir) {
  Report rep;
  rep.exercise = exercise;
  rep.flavor = flavor;
  rep.source_path = source_path;
  rep.build = compile::build_candidate(source_path, exercise, flavor, work_dir + "/candidates");
  if (!rep.build.ok) {
    rep.verdict = Verdict::CompileError;
    return rep;
  }
  const auto& ft = compile::toolchain().flavors.at(flavor);
  sandbox::Limits limits;
  limits.address_space_bytes = static_cast<uint64_t>(ft.address_space_mb) << 20;
  limits.startup_wall_seconds = ft.startup_wall_seconds;
  limits.cpu_seconds_total = 5;
  for (const Case& c : cases) limits.cpu_seconds_total += c.cpu_seconds;

  fs::create_directories(work_dir);
  remove_stale_run_dirs(work_dir);
  std::string run_dir = (fs::path(work_dir) / "run-XXXXXX").string();
  if (!mkdtemp(run_dir.data())) throw std::runtime_error("cannot create a run directory in " + work_dir);
  struct RemoveOnExit {
    std::string dir;
    ~RemoveOnExit() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{run_dir};
  const auto t0 = std::chrono::steady_clock::now();
  ProcessChannel channel(rep.build.executable, fs::absolute(source_path).string(), run_dir, limits);
  std::string stopped_by;  // a limit that ends the run: later cases are skipped
  for (const Case& c : cases) {
    CaseResult res;
    res.name = c.name;
    if (!stopped_by.empty()) {
      res.verdict = Verdict::Skipped;
      res.message = "not run: " + stopped_by;
      rep.cases.push_back(res);
      continue;
    }
    CaseContext ctx(channel, res, c.cpu_seconds);
    try {
      c.run(ctx);
    } catch (const CaseStop& stop) {
      res.verdict = stop.verdict;
      res.message = stop.message;
    } catch (const std::bad_variant_access&) {
      // The runner's adapters send each output with its contract's type: another type is a
      // frame the candidate's code wrote itself.
      res.verdict = Verdict::RuntimeError;
      res.message = "the reply channel was corrupted (an output of the wrong type): does your code write to file "
                    "descriptor 4?";
    }
    if (res.verdict == Verdict::TimeLimit || res.verdict == Verdict::MemoryLimit)
      stopped_by = fmt::format("{} ended the run at {}", to_string(res.verdict), c.name);
    rep.cases.push_back(res);
  }
  channel.close();
  rep.run_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rep.output = channel.output();
  rep.output_truncated = channel.output_truncated();
  rep.peak_rss_kb = channel.peak_rss_kb();
  const CaseResult* first = rep.first_failing();
  rep.verdict = first ? first->verdict : Verdict::Accepted;
  return rep;
}

nlohmann::json to_json(const Report& r) {
  using nlohmann::json;
  json j;
  j["exercise"] = r.exercise;
  j["flavor"] = r.flavor;
  j["file"] = r.source_path;
  j["verdict"] = to_string(r.verdict);
  json compile = {{"ok", r.build.ok},
                  {"cached", r.build.cached},
                  {"compile_seconds", r.build.compile_seconds},
                  {"link_seconds", r.build.link_seconds}};
  if (!r.build.ok) {
    compile["stage"] = r.build.stage;
    compile["output"] = r.build.output;
    if (!r.build.explanation.empty()) compile["explanation"] = r.build.explanation;
  }
  json diags = json::array();
  for (const auto& d : r.build.diagnostics)
    diags.push_back(
        {{"file", d.file}, {"line", d.line}, {"column", d.column}, {"severity", d.severity}, {"message", d.message}});
  compile["diagnostics"] = diags;
  j["compile"] = compile;
  j["run_seconds"] = r.run_seconds;
  json cases = json::array();
  for (const auto& c : r.cases) {
    json jc = {{"name", c.name},
               {"verdict", to_string(c.verdict)},
               {"message", c.message},
               {"seconds", c.seconds},
               {"reference_seconds", c.reference_seconds}};
    if (c.comparison) {
      const Comparison& cmp = *c.comparison;
      json w = {{"what", cmp.what},
                {"problem", cmp.problem},
                {"expected_shape", cmp.expected_shape},
                {"got_shape", cmp.got_shape},
                {"bad_entries", cmp.bad},
                {"total_entries", cmp.total},
                {"atol", cmp.tol.atol},
                {"rtol", cmp.tol.rtol}};
      if (cmp.worst) {
        auto num = [](double x) { return std::isfinite(x) ? json(x) : json(fmt::format("{}", x)); };
        w["index"] = cmp.worst->index;
        w["expected"] = num(cmp.worst->expected);
        w["got"] = num(cmp.worst->got);
        w["abs_error"] = num(cmp.worst->abs_error);
        w["rel_error"] = num(cmp.worst->rel_error);
      }
      if (!cmp.diagnosis.empty()) w["diagnosis"] = cmp.diagnosis;
      jc["worst"] = w;
    }
    if (!c.gradients.empty()) {
      json g = json::array();
      for (const auto& gr : c.gradients) {
        auto num = [](double x) { return std::isfinite(x) ? json(x) : json("inf"); };
        g.push_back({{"param", gr.param},
                     {"rel_error_own_loss", num(gr.rel_error_own)},
                     {"rel_error_reference", num(gr.rel_error_reference)},
                     {"threshold", kGradientThreshold},
                     {"mark", kGradientMark},
                     {"checked_entries", gr.checked},
                     {"total_entries", gr.total}});
        if (gr.zero_rule) {  // max|g| / S against the identically-zero bound (gradcheck.hpp)
          g.back()["rule"] = "identically_zero";
          g.back()["threshold"] = kZeroGradientBound;
          g.back().erase("mark");
        }
      }
      jc["gradients"] = g;
    }
    cases.push_back(jc);
  }
  j["cases"] = cases;
  j["output"] = r.output;
  j["output_truncated"] = r.output_truncated;
  j["peak_rss_kb"] = r.peak_rss_kb;
  return j;
}

}  // namespace mldrill::grading
