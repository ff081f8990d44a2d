// SQL for the attempt lifecycle. Reads are plain SELECTs; every change is one transaction.
#include "history/store.hpp"

#include <chrono>

namespace mldrill::history {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

namespace {
const char* kAttemptColumns =
    "SELECT a.id, a.exercise, a.flavor, a.status, a.started_at, a.ended_at, a.active_seconds, a.target_minutes, "
    "a.workspace_file, "
    "(SELECT COUNT(*) FROM checks c WHERE c.attempt_id = a.id), "
    "(SELECT COUNT(*) FROM hints h WHERE h.attempt_id = a.id), "
    "EXISTS (SELECT 1 FROM pauses p WHERE p.attempt_id = a.id AND p.resumed_at IS NULL), "
    "(SELECT c.verdict FROM checks c WHERE c.attempt_id = a.id ORDER BY c.id DESC LIMIT 1) "
    "FROM attempts a ";
// Ends the attempt's running pause, if any; true when there was one.
bool end_open_pause(SQLite::Database& db, int64_t attempt_id, double now) {
  SQLite::Statement up(db, "UPDATE pauses SET resumed_at = ? WHERE attempt_id = ? AND resumed_at IS NULL");
  up.bind(1, now);
  up.bind(2, attempt_id);
  return up.exec() > 0;
}

}  // namespace

double Store::active_seconds(int64_t attempt_id, double started_at, double until) {
  SQLite::Statement q(db_.sql(),
                      "SELECT COALESCE(SUM(MIN(COALESCE(resumed_at, ?1), ?1) - paused_at), 0) FROM pauses "
                      "WHERE attempt_id = ?2 AND paused_at < ?1");
  q.bind(1, until);
  q.bind(2, attempt_id);
  q.executeStep();
  return std::max(0.0, until - started_at - q.getColumn(0).getDouble());
}

Attempt Store::load(SQLite::Statement& q, double now) {
  Attempt a;
  a.id = q.getColumn(0).getInt64();
  a.exercise = q.getColumn(1).getString();
  a.flavor = q.getColumn(2).getString();
  a.status = q.getColumn(3).getString();
  a.started_at = q.getColumn(4).getDouble();
  if (!q.getColumn(5).isNull()) a.ended_at = q.getColumn(5).getDouble();
  a.target_minutes = q.getColumn(7).getDouble();
  a.workspace_file = q.getColumn(8).getString();
  a.checks = q.getColumn(9).getInt();
  a.hints = q.getColumn(10).getInt();
  a.paused = q.getColumn(11).getInt() != 0;
  if (!q.getColumn(12).isNull()) a.last_verdict = q.getColumn(12).getString();
  a.active_seconds = q.getColumn(6).isNull() ? active_seconds(a.id, a.started_at, a.ended_at.value_or(now))
                                              : q.getColumn(6).getDouble();
  return a;
}

std::optional<Attempt> Store::attempt(int64_t id, double now) {
  SQLite::Statement q(db_.sql(), std::string(kAttemptColumns) + "WHERE a.id = ?");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  return load(q, now);
}

std::optional<Attempt> Store::open_attempt(const std::string& exercise, double now) {
  SQLite::Statement q(db_.sql(), std::string(kAttemptColumns) + "WHERE a.exercise = ? AND a.status = 'open'");
  q.bind(1, exercise);
  if (!q.executeStep()) return std::nullopt;
  return load(q, now);
}

std::optional<Attempt> Store::latest_open_attempt(double now) {
  SQLite::Statement q(db_.sql(), std::string(kAttemptColumns) + "WHERE a.status = 'open' ORDER BY a.id DESC LIMIT 1");
  if (!q.executeStep()) return std::nullopt;
  return load(q, now);
}

std::vector<Attempt> Store::attempts(const std::optional<std::string>& exercise, double now) {
  SQLite::Statement q(db_.sql(), std::string(kAttemptColumns) + (exercise ? "WHERE a.exercise = ? " : "") +
                                     "ORDER BY a.id");
  if (exercise) q.bind(1, *exercise);
  std::vector<Attempt> out;
  while (q.executeStep()) out.push_back(load(q, now));
  return out;
}

std::pair<Attempt, std::optional<int64_t>> Store::start(const std::string& exercise, const std::string& flavor,
                                                        const std::string& workspace_file, double target_minutes,
                                                        const std::optional<std::string>& abandoned_source,
                                                        double now) {
  std::optional<int64_t> abandoned;
  int64_t id = 0;
  db_.write([&](SQLite::Database& db) {
    SQLite::Statement open(db, "SELECT id, started_at FROM attempts WHERE exercise = ? AND status = 'open'");
    open.bind(1, exercise);
    if (open.executeStep()) {
      abandoned = open.getColumn(0).getInt64();
      const double active = active_seconds(*abandoned, open.getColumn(1).getDouble(), now);
      SQLite::Statement close(db,
                              "UPDATE attempts SET status = 'abandoned', ended_at = ?, active_seconds = ?, "
                              "final_source = ? WHERE id = ?");
      close.bind(1, now);
      close.bind(2, active);
      if (abandoned_source) close.bind(3, *abandoned_source);
      close.bind(4, *abandoned);
      close.exec();
      end_open_pause(db, *abandoned, now);
    }
    SQLite::Statement ins(db,
                          "INSERT INTO attempts (exercise, flavor, started_at, status, target_minutes, workspace_file) "
                          "VALUES (?, ?, ?, 'open', ?, ?)");
    ins.bind(1, exercise);
    ins.bind(2, flavor);
    ins.bind(3, now);
    ins.bind(4, target_minutes);
    ins.bind(5, workspace_file);
    ins.exec();
    id = db.getLastInsertRowid();
  });
  return {*attempt(id, now), abandoned};
}

bool Store::pause(int64_t attempt_id, double now) {
  bool changed = false;
  db_.write([&](SQLite::Database& db) {
    SQLite::Statement open(db, "SELECT 1 FROM pauses WHERE attempt_id = ? AND resumed_at IS NULL");
    open.bind(1, attempt_id);
    if (open.executeStep()) return;
    SQLite::Statement ins(db, "INSERT INTO pauses (attempt_id, paused_at) VALUES (?, ?)");
    ins.bind(1, attempt_id);
    ins.bind(2, now);
    ins.exec();
    changed = true;
  });
  return changed;
}

bool Store::resume(int64_t attempt_id, double now) {
  bool changed = false;
  db_.write([&](SQLite::Database& db) { changed = end_open_pause(db, attempt_id, now); });
  return changed;
}

Attempt Store::record_check(int64_t attempt_id, const NewCheck& c, double now) {
  db_.write([&](SQLite::Database& db) {
    SQLite::Statement ins(db,
                          "INSERT INTO checks (attempt_id, checked_at, verdict, failing_case, compile_seconds, "
                          "run_seconds, source, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, attempt_id);
    ins.bind(2, now);
    ins.bind(3, c.verdict);
    if (!c.failing_case.empty()) ins.bind(4, c.failing_case);
    ins.bind(5, c.compile_seconds);
    ins.bind(6, c.run_seconds);
    ins.bind(7, c.source);
    ins.bind(8, c.report_json);
    ins.exec();
    if (c.verdict != "accepted") return;
    SQLite::Statement a(db, "SELECT started_at FROM attempts WHERE id = ? AND status = 'open'");
    a.bind(1, attempt_id);
    if (!a.executeStep()) return;
    const double started = a.getColumn(0).getDouble();
    end_open_pause(db, attempt_id, now);
    SQLite::Statement close(db,
                            "UPDATE attempts SET status = 'passed', ended_at = ?, active_seconds = ? WHERE id = ?");
    close.bind(1, now);
    close.bind(2, active_seconds(attempt_id, started, now));
    close.bind(3, attempt_id);
    close.exec();
  });
  return *attempt(attempt_id, now);
}

std::vector<CheckRow> Store::checks(int64_t attempt_id) {
  SQLite::Statement q(db_.sql(),
                      "SELECT id, attempt_id, checked_at, verdict, COALESCE(failing_case, ''), "
                      "COALESCE(compile_seconds, 0), COALESCE(run_seconds, 0) FROM checks WHERE attempt_id = ? "
                      "ORDER BY id");
  q.bind(1, attempt_id);
  std::vector<CheckRow> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getDouble(),
                   q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getDouble(),
                   q.getColumn(6).getDouble()});
  return out;
}

int Store::take_hint(int64_t attempt_id, double now) {
  int number = 0;
  db_.write([&](SQLite::Database& db) {
    SQLite::Statement n(db, "SELECT COUNT(*) FROM hints WHERE attempt_id = ?");
    n.bind(1, attempt_id);
    n.executeStep();
    number = n.getColumn(0).getInt() + 1;
    SQLite::Statement ins(db, "INSERT INTO hints (attempt_id, hint_number, taken_at) VALUES (?, ?, ?)");
    ins.bind(1, attempt_id);
    ins.bind(2, number);
    ins.bind(3, now);
    ins.exec();
  });
  return number;
}

std::optional<double> Store::best_seconds(const std::string& exercise, const std::string& flavor) {
  SQLite::Statement q(db_.sql(),
                      "SELECT MIN(active_seconds) FROM attempts WHERE exercise = ? AND flavor = ? AND status = 'passed'");
  q.bind(1, exercise);
  q.bind(2, flavor);
  if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
  return q.getColumn(0).getDouble();
}

std::optional<double> Store::target_override(const std::string& exercise) {
  SQLite::Statement q(db_.sql(), "SELECT minutes FROM targets WHERE exercise = ?");
  q.bind(1, exercise);
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getDouble();
}

void Store::set_target(const std::string& exercise, double minutes, double now) {
  db_.write([&](SQLite::Database& db) {
    SQLite::Statement q(db,
                        "INSERT INTO targets (exercise, minutes, set_at) VALUES (?, ?, ?) "
                        "ON CONFLICT(exercise) DO UPDATE SET minutes = excluded.minutes, set_at = excluded.set_at");
    q.bind(1, exercise);
    q.bind(2, minutes);
    q.bind(3, now);
    q.exec();
  });
}

bool Store::clear_target(const std::string& exercise) {
  int removed = 0;
  db_.write([&](SQLite::Database& db) {
    SQLite::Statement q(db, "DELETE FROM targets WHERE exercise = ?");
    q.bind(1, exercise);
    removed = q.exec();
  });
  return removed > 0;
}

}  // namespace mldrill::history
