"""The SQLite gradebook on its own (no grading): rows round-trip exactly, a row is replaced
whole, what counts as unchanged, and the content hash sees every file grading reads."""

from __future__ import annotations

import sqlite3

import pytest

from grader.classrun import content_hash, settings_key
from grader.gradebook import ClassGradebook, GradebookError, StoredRow
from grader.results import AssignmentResult, CheckResult, ExerciseResult, Failure
from grader.runner import Options
from grader.submission import load_submission, with_helpers

SETTINGS = settings_key(Options())


def _result(points: float, seed: int = 4) -> AssignmentResult:
    checks = [CheckResult("implemented", True, 0.0, 0.0, "implemented"),
              CheckResult("matches_reference", points == 3, points, 3.0, "values differ" if points < 3 else "ok",
                          Failure("values differ", call="softmax(x)", revokes=("stable",), credit=1 / 3))]
    return AssignmentResult("05_softmax", "/class/ann/softmax.py", seed,
                            [ExerciseResult("softmax", 3.0, checks, ["a note"])], ["a notice"],
                            {"device": "cpu", "seconds": 1.5})


def test_a_row_round_trips_exactly_and_is_replaced_whole(tmp_path):
    with ClassGradebook(tmp_path / "book.sqlite") as book:
        run = book.start_run("05_softmax", 4, SETTINGS, "v1")
        book.record("05_softmax", run, StoredRow("ann", "h1", _result(1 / 3)), SETTINGS, "v1")
        stored = book.rows("05_softmax")
        assert [row.student for row in stored] == ["ann"]
        assert stored[0].result == _result(1 / 3)  # exact points, failure parts, notes, environment
        assert stored[0].run == run and stored[0].seed == 4
        book.record("05_softmax", run, StoredRow("ann", "h2", None, "no softmax.py handed in"), SETTINGS, "v1")
        again = book.rows("05_softmax")[0]
        assert again.result is None and again.problem == "no softmax.py handed in"
        assert book.check_rows("05_softmax", "ann") == []  # no checks left of the earlier report
    with sqlite3.connect(tmp_path / "book.sqlite") as db:
        assert db.execute("SELECT count(*) FROM exercises").fetchone()[0] == 0


def test_unchanged_means_same_content_settings_version_and_no_grader_failure(tmp_path):
    with ClassGradebook(tmp_path / "book.sqlite") as book:
        run = book.start_run("05_softmax", 4, SETTINGS, "v1")
        book.record("05_softmax", run, StoredRow("ann", "h1", _result(3.0)), SETTINGS, "v1")
        book.record("05_softmax", run, StoredRow("bob", "h2", _result(3.0), "the grader failed", True), SETTINGS, "v1")
        assert book.is_current("05_softmax", "ann", "h1", None, SETTINGS, "v1")
        assert book.is_current("05_softmax", "ann", "h1", 4, SETTINGS, "v1")
        assert not book.is_current("05_softmax", "ann", "h1", 5, SETTINGS, "v1")  # --seed 5 asked for
        assert not book.is_current("05_softmax", "ann", "changed", None, SETTINGS, "v1")
        assert not book.is_current("05_softmax", "ann", "h1", None, settings_key(Options(timing=False)), "v1")
        assert not book.is_current("05_softmax", "ann", "h1", None, SETTINGS, "v2")
        assert not book.is_current("01_activations", "ann", "h1", None, SETTINGS, "v1")
        assert not book.is_current("05_softmax", "bob", "h2", None, SETTINGS, "v1")  # worth a regrade


def test_student_names_are_data_never_sql(tmp_path):
    names = ["x'); DROP TABLE submissions; --", "a\x00b", "zoë", "\"quoted\""]
    with ClassGradebook(tmp_path / "book.sqlite") as book:
        run = book.start_run("05_softmax", 4, SETTINGS, "v1")
        for name in names:
            book.record("05_softmax", run, StoredRow(name, "h", _result(3.0)), SETTINGS, "v1")
        assert sorted(row.student for row in book.rows("05_softmax")) == sorted(names)


def test_a_file_that_is_not_a_gradebook_is_refused(tmp_path):
    other = tmp_path / "notes.sqlite"
    other.write_text("not a database, just notes\n" * 100)
    with pytest.raises(GradebookError, match="cannot be used as a gradebook"):
        ClassGradebook(other)
    assert other.read_text().startswith("not a database")


def test_the_content_hash_sees_the_code_its_name_and_its_helpers(tmp_path):
    folder = tmp_path / "ann"
    folder.mkdir()
    (folder / "softmax.py").write_text("from helpers import shift\n\ndef softmax(x, axis=-1):\n    return shift(x)\n")
    (folder / "helpers.py").write_text("def shift(x):\n    return x\n")
    (folder / "unrelated.txt").write_text("notes")

    def digest() -> str:
        return content_hash("05_softmax", with_helpers(load_submission(folder / "softmax.py", folder), "softmax"))

    first = digest()
    assert digest() == first
    (folder / "unrelated.txt").write_text("other notes")  # not read by grading
    assert digest() == first
    (folder / "helpers.py").write_text("def shift(x):\n    return x - x.max()\n")
    assert digest() != first
    assert content_hash("01_activations", with_helpers(load_submission(folder / "softmax.py", folder),
                                                       "softmax")) != digest()
