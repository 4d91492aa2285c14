"""The class gradebook: every graded submission in one SQLite file (the standard library's
sqlite3; no server to start).

    book = ClassGradebook(Path("submitted/.gradebook.sqlite"))
    run = book.start_run("05_softmax", seed=1234, settings=settings)
    if not book.is_current("05_softmax", "alice", content_hash, 1234, settings):
        book.record("05_softmax", run, StoredRow("alice", content_hash, result))

One row per (assignment, student) in `submissions`, with the student's JSON report, the content
hash of what was graded (the code and the helper modules it imports), the seed, the grader's
version and the grading settings; its exercises in `exercises` and its checks in `checks`, for
queries. A row is written in one transaction as soon as the student is graded, so a batch that
is stopped (Ctrl-C, a reboot) keeps every row it finished and never a half-written one.

Only the teacher's process writes here, and only what the grader computed: student code runs
in sandboxed workers that never see this file, and a row is keyed by the student the batch
dispatched, never by anything a grading sends back.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Iterator

from grader.results import AssignmentResult
from grader.i18n import _

#: the default file, inside the class folder (hidden: never taken for a student)
DEFAULT_NAME = ".gradebook.sqlite"
SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    assignment TEXT NOT NULL,
    seed INTEGER NOT NULL,
    grader_version TEXT NOT NULL,
    settings TEXT NOT NULL,
    started REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS submissions (
    assignment TEXT NOT NULL,
    student TEXT NOT NULL,
    content_hash TEXT,
    seed INTEGER,
    grader_version TEXT NOT NULL,
    settings TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    problem TEXT NOT NULL,
    grader_error INTEGER NOT NULL,
    report TEXT,
    run INTEGER NOT NULL REFERENCES runs(id),
    recorded REAL NOT NULL,
    PRIMARY KEY (assignment, student)
);
CREATE TABLE IF NOT EXISTS exercises (
    assignment TEXT NOT NULL,
    student TEXT NOT NULL,
    exercise TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    passed INTEGER NOT NULL,
    PRIMARY KEY (assignment, student, exercise)
);
CREATE TABLE IF NOT EXISTS checks (
    assignment TEXT NOT NULL,
    student TEXT NOT NULL,
    exercise TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    passed INTEGER NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (assignment, student, exercise, position)
);
"""


class GradebookError(Exception):
    """The gradebook file cannot be used (not a gradebook, newer schema, cannot be opened)."""


@functools.lru_cache(maxsize=None)
def grader_version() -> str:
    """The installed package's version and a digest of the grader's and the reference's source:
    a change to either grades again what an earlier version graded. Computed once per process
    (a process grades with the code it loaded)."""
    try:
        version = metadata.version("dl-grader")
    except metadata.PackageNotFoundError:
        version = "unknown"
    import grader
    import reference

    digest = hashlib.sha256()
    for package in (grader, reference):
        folder = Path(package.__file__).resolve().parent
        for path in sorted(folder.rglob("*.py")):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return f"{version}+{digest.hexdigest()[:12]}"


@dataclass
class StoredRow:
    """One student's row: the report (`result`), or why there is none (`problem`).

    `content_hash` is None when nothing was graded (no file, duplicates, unreadable)."""

    student: str
    content_hash: str | None
    result: AssignmentResult | None = None
    problem: str = ""
    grader_error: bool = False
    seed: int | None = None
    run: int | None = None


class ClassGradebook:
    """A class's gradebook in the SQLite file `path` (created with its folder if absent)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), timeout=60, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
            found = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if found is None:
                self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            elif int(found[0]) > SCHEMA_VERSION:
                raise GradebookError(_("{path}: written by a newer grader (schema {schema}); upgrade dl-grader"
                                       ).format(path=path, schema=found[0]))
        except (sqlite3.Error, OSError) as error:
            raise GradebookError(_("{path}: cannot be used as a gradebook ({error})").format(path=path,
                                                                                               error=error)) from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "ClassGradebook":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ runs

    def start_run(self, assignment: str, seed: int, settings: str, version: str) -> int:
        """Note a batch's start; its id marks the rows it writes."""
        cursor = self._db.execute("INSERT INTO runs (assignment, seed, grader_version, settings, started) "
                                  "VALUES (?, ?, ?, ?, ?)", (assignment, seed, version, settings, time.time()))
        return int(cursor.lastrowid)

    # ------------------------------------------------------------ rows

    def is_current(self, assignment: str, student: str, content_hash: str, seed: int | None, settings: str,
                   version: str) -> bool:
        """Whether the student's row already holds a grading of exactly this content, with these
        settings and grader version (and `seed`, unless None: any seed), that the grader did
        not fail on: nothing to redo."""
        found = self._db.execute(
            "SELECT 1 FROM submissions WHERE assignment = ? AND student = ? AND content_hash = ? "
            "AND (? IS NULL OR seed = ?) AND settings = ? AND grader_version = ? AND grader_error = 0 "
            "AND report IS NOT NULL",
            (assignment, student, content_hash, seed, seed, settings, version)).fetchone()
        return found is not None

    def record(self, assignment: str, run: int, row: StoredRow, settings: str, version: str) -> None:
        """Replace the student's row (report, exercises, checks) in one transaction."""
        result = row.result
        report = None if result is None else json.dumps(result.to_record())
        seed = result.seed if result is not None else row.seed
        key = (assignment, row.student)
        with self._transaction():
            self._db.execute("DELETE FROM checks WHERE assignment = ? AND student = ?", key)
            self._db.execute("DELETE FROM exercises WHERE assignment = ? AND student = ?", key)
            self._db.execute(
                "INSERT OR REPLACE INTO submissions (assignment, student, content_hash, seed, grader_version, "
                "settings, score, max_score, problem, grader_error, report, run, recorded) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*key, row.content_hash, seed, version, settings, 0.0 if result is None else result.score,
                 0.0 if result is None else result.max_score, row.problem, int(row.grader_error), report, run,
                 time.time()))
            for exercise in result.exercises if result is not None else ():
                self._db.execute("INSERT INTO exercises VALUES (?, ?, ?, ?, ?, ?)",
                                 (*key, exercise.id, exercise.score, exercise.max_score, int(exercise.passed)))
                self._db.executemany(
                    "INSERT INTO checks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(*key, exercise.id, position, check.name, int(check.passed), round(check.points, 4),
                      round(check.max_points, 4), check.message) for position, check in enumerate(exercise.checks)])

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """All of a row or nothing of it: committed at the end, rolled back on any error."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def rows(self, assignment: str, students: list[str] | None = None) -> list[StoredRow]:
        """The assignment's rows (or only `students`', in that order), sorted by student."""
        found = {}
        for student, content_hash, problem, grader_error, report, seed, run in self._db.execute(
                "SELECT student, content_hash, problem, grader_error, report, seed, run FROM submissions "
                "WHERE assignment = ? ORDER BY student", (assignment,)):
            result = AssignmentResult.from_record(json.loads(report)) if report is not None else None
            found[student] = StoredRow(student, content_hash, result, problem, bool(grader_error), seed, run)
        if students is None:
            return list(found.values())
        return [found[student] for student in students if student in found]

    def check_rows(self, assignment: str, student: str) -> list[tuple[str, str, bool, float, float]]:
        """(exercise, check, passed, score, max_score) of the student's checks, in report order."""
        return [(e, n, bool(p), s, m) for e, n, p, s, m in self._db.execute(
            "SELECT exercise, name, passed, score, max_score FROM checks WHERE assignment = ? AND student = ? "
            "ORDER BY rowid", (assignment, student))]
