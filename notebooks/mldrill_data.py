"""Loading for the mldrill notebooks: the history (SQLite, read only) and the traces
that `mldrill trace` writes. Paths come from environment variables so the tests (and
you) can point the notebooks at any history:

  MLDRILL_HISTORY  the history database file (default: $MLDRILL_HOME/history.sqlite3,
                   else ${XDG_DATA_HOME:-~/.local/share}/mldrill/history.sqlite3)
  MLDRILL_TRACES   the folder of trace files <name>.json (default: notebooks/traces/)
  MLDRILL_BIN      the mldrill command used to make a missing trace (default: build/harness/mldrill)
"""
import json
import os
import re
import sqlite3
import subprocess
from collections import Counter
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent
REPO = NOTEBOOKS.parent
FLAVOR_COLOURS = {"eigen": "#1f77b4", "xtensor": "#2ca02c", "torch": "#9467bd"}
TARGET_COLOUR = "#d62728"


def history_path():
    if os.environ.get("MLDRILL_HISTORY"):
        return Path(os.environ["MLDRILL_HISTORY"])
    if os.environ.get("MLDRILL_HOME"):
        return Path(os.environ["MLDRILL_HOME"]) / "history.sqlite3"
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "mldrill" / "history.sqlite3"


def _connect():
    path = history_path()
    if not path.exists():
        raise FileNotFoundError(f"no history at {path}: set MLDRILL_HOME or MLDRILL_HISTORY "
                                "(mldrill start <exercise> creates one)")
    # Read only: a notebook never changes the history.
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def load_attempts():
    """Every attempt, oldest first, as dicts. Open attempts have active_seconds None
    (their clock is still running; `mldrill status` shows it)."""
    with _connect() as db:
        db.row_factory = sqlite3.Row
        rows = db.execute(
            "SELECT a.id, a.exercise, a.flavor, a.status, a.started_at, a.active_seconds, "
            "a.target_minutes, (SELECT COUNT(*) FROM checks c WHERE c.attempt_id = a.id) AS checks "
            "FROM attempts a ORDER BY a.started_at, a.id").fetchall()
    return [dict(r) for r in rows]


def load_checks():
    """Every check, with its attempt's exercise and flavor, oldest first."""
    with _connect() as db:
        db.row_factory = sqlite3.Row
        rows = db.execute(
            "SELECT c.attempt_id, a.exercise, a.flavor, c.checked_at, c.verdict, c.failing_case "
            "FROM checks c JOIN attempts a ON a.id = c.attempt_id ORDER BY c.checked_at, c.id").fetchall()
    return [dict(r) for r in rows]


def target_minutes(attempts, exercise):
    """The target in force: the user's override, else the latest attempt's."""
    with _connect() as db:
        row = db.execute("SELECT minutes FROM targets WHERE exercise = ?", (exercise,)).fetchone()
    if row:
        return row[0]
    mine = [a for a in attempts if a["exercise"] == exercise]
    return mine[-1]["target_minutes"] if mine else None


def failure_kinds(checks):
    """(exercise, verdict, case without its parameters) → count, most frequent first."""
    kinds = Counter((c["exercise"], c["verdict"], re.sub(r"\(.*", "", c["failing_case"] or ""))
                    for c in checks if c["verdict"] != "accepted")
    return kinds.most_common()


def trace_dir():
    return Path(os.environ.get("MLDRILL_TRACES") or NOTEBOOKS / "traces")


def load_trace(name):
    """The trace `mldrill trace <name>` writes; made with the mldrill command when missing."""
    path = trace_dir() / f"{name}.json"
    if not path.exists():
        binary = Path(os.environ.get("MLDRILL_BIN") or REPO / "build" / "harness" / "mldrill")
        if not binary.exists():
            raise FileNotFoundError(f"no trace at {path}: run  mldrill trace {name} --out {path}")
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(binary), "trace", name, "--out", str(path)], check=True)
    with open(path) as f:
        return json.load(f)
