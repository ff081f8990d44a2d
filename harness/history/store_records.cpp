// The Store's whole-record reads and writes, for export and import of the history.
#include <SQLiteCpp/SQLiteCpp.h>

#include "history/store.hpp"

namespace mldrill::history {
namespace {

std::optional<double> optional_number(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getDouble();
}
std::optional<std::string> optional_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

template <class T>
void bind_optional(SQLite::Statement& q, int i, const std::optional<T>& v) {
  if (v) q.bind(i, *v);
  else q.bind(i);
}

std::vector<PauseRecord> pause_records(SQLite::Database& db, int64_t attempt_id) {
  SQLite::Statement q(db, "SELECT paused_at, resumed_at FROM pauses WHERE attempt_id = ? ORDER BY id");
  q.bind(1, attempt_id);
  std::vector<PauseRecord> out;
  while (q.executeStep()) out.push_back({q.getColumn(0).getDouble(), optional_number(q.getColumn(1))});
  return out;
}

std::vector<HintRecord> hint_records(SQLite::Database& db, int64_t attempt_id) {
  SQLite::Statement q(db, "SELECT hint_number, taken_at FROM hints WHERE attempt_id = ? ORDER BY id");
  q.bind(1, attempt_id);
  std::vector<HintRecord> out;
  while (q.executeStep()) out.push_back({q.getColumn(0).getInt(), q.getColumn(1).getDouble()});
  return out;
}

std::vector<CheckRecord> check_records(SQLite::Database& db, int64_t attempt_id) {
  SQLite::Statement q(db,
                      "SELECT checked_at, verdict, failing_case, compile_seconds, run_seconds, source, report "
                      "FROM checks WHERE attempt_id = ? ORDER BY id");
  q.bind(1, attempt_id);
  std::vector<CheckRecord> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getDouble(), q.getColumn(1).getString(), optional_text(q.getColumn(2)),
                   optional_number(q.getColumn(3)), optional_number(q.getColumn(4)), q.getColumn(5).getString(),
                   q.getColumn(6).getString()});
  return out;
}

bool attempt_exists(SQLite::Database& db, const AttemptRecord& a) {
  SQLite::Statement q(db, "SELECT 1 FROM attempts WHERE exercise = ? AND flavor = ? AND started_at = ?");
  q.bind(1, a.exercise);
  q.bind(2, a.flavor);
  q.bind(3, a.started_at);
  return q.executeStep();
}

void insert_pauses(SQLite::Database& db, int64_t attempt_id, const std::vector<PauseRecord>& pauses) {
  for (const auto& p : pauses) {
    SQLite::Statement q(db, "INSERT INTO pauses (attempt_id, paused_at, resumed_at) VALUES (?, ?, ?)");
    q.bind(1, attempt_id);
    q.bind(2, p.paused_at);
    bind_optional(q, 3, p.resumed_at);
    q.exec();
  }
}

void insert_hints(SQLite::Database& db, int64_t attempt_id, const std::vector<HintRecord>& hints) {
  for (const auto& h : hints) {
    SQLite::Statement q(db, "INSERT INTO hints (attempt_id, hint_number, taken_at) VALUES (?, ?, ?)");
    q.bind(1, attempt_id);
    q.bind(2, h.number);
    q.bind(3, h.taken_at);
    q.exec();
  }
}

void insert_checks(SQLite::Database& db, int64_t attempt_id, const std::vector<CheckRecord>& checks) {
  for (const auto& c : checks) {
    SQLite::Statement q(db,
                        "INSERT INTO checks (attempt_id, checked_at, verdict, failing_case, compile_seconds, "
                        "run_seconds, source, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, attempt_id);
    q.bind(2, c.checked_at);
    q.bind(3, c.verdict);
    bind_optional(q, 4, c.failing_case);
    bind_optional(q, 5, c.compile_seconds);
    bind_optional(q, 6, c.run_seconds);
    q.bind(7, c.source);
    q.bind(8, c.report);
    q.exec();
  }
}

void insert_attempt(SQLite::Database& db, const AttemptRecord& a) {
  SQLite::Statement q(db,
                      "INSERT INTO attempts (exercise, flavor, started_at, ended_at, status, active_seconds, "
                      "target_minutes, workspace_file, final_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, a.exercise);
  q.bind(2, a.flavor);
  q.bind(3, a.started_at);
  bind_optional(q, 4, a.ended_at);
  q.bind(5, a.status);
  bind_optional(q, 6, a.active_seconds);
  q.bind(7, a.target_minutes);
  q.bind(8, a.workspace_file);
  bind_optional(q, 9, a.final_source);
  q.exec();
  const int64_t id = db.getLastInsertRowid();
  insert_pauses(db, id, a.pauses);
  insert_hints(db, id, a.hints);
  insert_checks(db, id, a.checks);
}

// The more recently set override wins; true when this one was written.
bool merge_target(SQLite::Database& db, const TargetRecord& t) {
  SQLite::Statement q(db,
                      "INSERT INTO targets (exercise, minutes, set_at) VALUES (?, ?, ?) ON CONFLICT(exercise) DO "
                      "UPDATE SET minutes = excluded.minutes, set_at = excluded.set_at WHERE excluded.set_at > set_at");
  q.bind(1, t.exercise);
  q.bind(2, t.minutes);
  q.bind(3, t.set_at);
  return q.exec() > 0;
}

}  // namespace

std::vector<AttemptRecord> Store::attempt_records() {
  SQLite::Database& db = db_.sql();
  SQLite::Statement q(db,
                      "SELECT id, exercise, flavor, status, started_at, ended_at, active_seconds, target_minutes, "
                      "workspace_file, final_source FROM attempts ORDER BY started_at, id");
  std::vector<AttemptRecord> out;
  while (q.executeStep()) {
    const int64_t id = q.getColumn(0).getInt64();
    out.push_back({q.getColumn(1).getString(), q.getColumn(2).getString(), q.getColumn(3).getString(),
                   q.getColumn(4).getDouble(), optional_number(q.getColumn(5)), optional_number(q.getColumn(6)),
                   q.getColumn(7).getDouble(), q.getColumn(8).getString(), optional_text(q.getColumn(9)),
                   pause_records(db, id), hint_records(db, id), check_records(db, id)});
  }
  return out;
}

std::vector<TargetRecord> Store::target_records() {
  SQLite::Statement q(db_.sql(), "SELECT exercise, minutes, set_at FROM targets ORDER BY exercise");
  std::vector<TargetRecord> out;
  while (q.executeStep()) out.push_back({q.getColumn(0).getString(), q.getColumn(1).getDouble(), q.getColumn(2).getDouble()});
  return out;
}

ImportCounts Store::import_records(const std::vector<AttemptRecord>& attempts, const std::vector<TargetRecord>& targets) {
  ImportCounts n;
  db_.write([&](SQLite::Database& db) {
    for (const auto& a : attempts) {
      if (attempt_exists(db, a)) {
        ++n.attempts_skipped;
        continue;
      }
      insert_attempt(db, a);
      ++n.attempts_added;
    }
    for (const auto& t : targets) (merge_target(db, t) ? n.targets_set : n.targets_kept)++;
  });
  return n;
}

}  // namespace mldrill::history
