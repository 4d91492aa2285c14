"""Whole-class grading into the gradebook: a class of generated submissions (correct, buggy,
slow, hostile, missing, unreadable, duplicated) graded by the real `grade-class` with worker
processes gives the expected rows; a batch stopped halfway (Ctrl-C) and run again finishes with
the same gradebook and grades nothing twice; a Dask cluster of two worker processes, started
here, gives the same scores as the local run.

The class runs without timing checks and on a share of the generated examples: every outcome
asserted here is about values, crashes and paths, never about speed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from grader.gradebook import ClassGradebook, StoredRow
from tests.conftest import ROOT

MODEL = ROOT / "tests/model_solutions/05_softmax/softmax.py"
GRADE_CLASS = [sys.executable, "-c", "from grader.cli import class_main; class_main()"]
QUICK = ("--assignment", "05_softmax", "--no-timing", "--examples", "0.2", "--seed", "5")
LIMIT_SECONDS = 600
FULL = {"softmax": 3.0, "log_softmax": 2.0, "softmax_cross_entropy": 5.0}

HANG = "\n\ndef softmax(logits, axis=-1):\n    while True:\n        pass\n"
CRASH = "\n\ndef log_softmax(logits, axis=-1):\n    import os\n    os.kill(os.getpid(), 9)\n"
FLOOD = "\n\nfor _ in range(200_000):\n    print('x' * 100)\n"
DISK = ("\n\ndef softmax(logits, axis=-1):\n    with open('filler', 'wb') as out:\n"
        "        out.write(b'0' * (80 << 20))\n    return logits\n")
SLOW_IMPORT = "\n\nimport time\ntime.sleep(2)\n"
BUGGY = "\n\ndef softmax(logits, axis=-1):\n    e = np.exp(logits)\n    return e / e.sum(axis=axis, keepdims=True)\n"


def _notebook(source: str) -> str:
    return nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)]))


def make_class(folder: Path) -> dict[str, dict]:
    """Twelve students; student -> what their row must show: `scores` (exercise -> points) or
    `problem` (a piece of the row's reason, score 0)."""
    model = MODEL.read_text()
    files = {
        "alice/softmax.py": model,
        "bob.py": model,
        "carol/05_softmax/softmax.ipynb": _notebook(model),
        "dan/softmax.py": model + BUGGY,                 # buggy: overflows for large logits
        "erin/softmax.py": model + SLOW_IMPORT,          # slow to import, still right
        "hang/softmax.py": model + HANG,                 # one exercise never returns
        "crash/softmax.py": model + CRASH,               # kills its worker
        "flood/softmax.py": model + FLOOD,               # 20 MB of output
        "disk/softmax.py": model + DISK,                 # past the file-size limit
        "dup/softmax.py": model,                         # two candidate files
        "dup/softmax.ipynb": _notebook(model),
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    (folder / "latin1.py").write_bytes(model.encode() + b"\n# caf\xe9\n")  # not UTF-8: not readable
    (folder / "missing" / "notes").mkdir(parents=True)  # a folder without the module
    (folder / "missing" / "notes" / "todo.txt").write_text("later")
    return {
        "alice": {"scores": FULL}, "bob": {"scores": FULL}, "carol": {"scores": FULL},
        "dan": {"scores": {**FULL, "softmax": "<"}}, "erin": {"scores": FULL},
        "hang": {"scores": {**FULL, "softmax": 0.0}}, "crash": {"scores": {**FULL, "log_softmax": 0.0}},
        "flood": {"scores": FULL}, "disk": {"scores": {**FULL, "softmax": 0.0}},
        "dup": {"problem": "more than one file could be the submission"},
        "latin1": {"problem": "not UTF-8 text"},
        "missing": {"problem": "no softmax.py or softmax.ipynb handed in"},
    }


def _matches(expected: dict, scores: dict[str, float], problem: str, score: float) -> bool:
    if "problem" in expected:
        return score == 0 and expected["problem"] in problem
    for name, want in expected["scores"].items():
        if want == "<" and not scores[name] < FULL[name]:
            return False
        if want != "<" and scores[name] != want:
            return False
    return True


def gradebook(path: Path) -> dict[str, dict]:
    """student -> the row as the gradebook file holds it (read with sqlite3 alone)."""
    with sqlite3.connect(path) as db:
        rows = {student: {"score": score, "problem": problem, "hash": digest, "seed": seed, "run": run,
                          "recorded": recorded, "version": version, "scores": {}, "checks": 0}
                for student, score, problem, digest, seed, run, recorded, version in db.execute(
                    "SELECT student, score, problem, content_hash, seed, run, recorded, grader_version "
                    "FROM submissions WHERE assignment = '05_softmax'")}
        for student, exercise, score in db.execute("SELECT student, exercise, score FROM exercises"):
            rows[student]["scores"][exercise] = score
        for student, count in db.execute("SELECT student, count(*) FROM checks GROUP BY student"):
            rows[student]["checks"] = count
    return rows


def _graded(path: Path) -> int:
    try:
        with sqlite3.connect(path, timeout=5) as db:
            return db.execute("SELECT count(*) FROM submissions WHERE content_hash IS NOT NULL").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None


def _descendants(pid: int) -> set[int]:
    """Every live process below `pid` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))):
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, pending = set(), [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            found.add(child)
            pending.append(child)
    return found


def _alive(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"  # a zombie has ended (its parent may be gone)


def _run(folder: Path, *extra: str) -> subprocess.CompletedProcess:
    done = subprocess.run(GRADE_CLASS + [str(folder), *QUICK, *extra], capture_output=True, text=True, cwd=ROOT,
                          timeout=LIMIT_SECONDS)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


@pytest.mark.slow  # three batches of a 12-student class on 2 cores
def test_a_stopped_batch_resumes_to_the_expected_gradebook_and_grades_nothing_twice(tmp_path):
    folder = tmp_path / "submitted"
    expected = make_class(folder)
    book = tmp_path / "book.sqlite"
    reports = tmp_path / "reports"
    command = GRADE_CLASS + [str(folder), *QUICK, "--jobs", "2", "--gradebook", str(book)]

    # Ctrl-C (SIGINT to the whole process group, as a terminal sends it) once some rows are in
    first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    deadline = time.monotonic() + LIMIT_SECONDS
    while _graded(book) < 3 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    started = _descendants(first.pid)
    assert started  # pool processes and their sandboxes
    os.killpg(first.pid, signal.SIGINT)
    out, err = first.communicate(timeout=120)
    assert first.returncode == 130, err[-3000:]
    assert "run the same command again" in err
    stopped = gradebook(book)
    graded_before = {s for s, row in stopped.items() if row["hash"] is not None}
    assert 3 <= len(graded_before) < 9, stopped  # stopped halfway: 9 students have code to grade
    deadline = time.monotonic() + 30  # nothing of the first run is left running (pool processes, sandboxes)
    while [pid for pid in started if _alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in started if _alive(pid)]

    second = _run(folder, "--jobs", "2", "--gradebook", str(book), "--reports", str(reports))
    assert f"{9 - len(graded_before)} graded, {len(graded_before)} unchanged" in second.stderr
    final = gradebook(book)
    for student in graded_before:  # kept as the first run wrote them: not graded again
        assert final[student]["run"] == stopped[student]["run"]
        assert final[student]["recorded"] == stopped[student]["recorded"]

    # the expected gradebook: every student's row, scores per exercise, checks, hash, seed, version
    assert sorted(final) == sorted(expected)
    for student, want in expected.items():
        row = final[student]
        assert _matches(want, row["scores"], row["problem"], row["score"]), (student, row)
        if "scores" in want:
            assert row["hash"] and row["seed"] == 5 and row["checks"] > 0 and row["version"], (student, row)
        else:
            assert row["hash"] is None and row["checks"] == 0
    # the CSV has every student, each graded row's report was written
    rows = {row["student"]: row for row in csv.DictReader(io.StringIO(second.stdout))}
    assert list(rows) == sorted(expected)  # in student order, whatever order they finished in
    for student, want in expected.items():
        scores = {name: float(rows[student][name]) for name in FULL}
        assert _matches(want, scores, rows[student]["problem"], float(rows[student]["score"])), rows[student]
    assert sorted(p.stem for p in reports.iterdir()) == sorted(s for s, w in expected.items() if "scores" in w)
    assert json.loads((reports / "dan.json").read_text())["exercises"][0]["score"] == final["dan"]["scores"]["softmax"]

    # once more: nothing changed, nothing graded; one changed file, one student graded
    again = _run(folder, "--jobs", "2", "--gradebook", str(book))
    assert "0 graded, 9 unchanged" in again.stderr
    assert gradebook(book) == final
    (folder / "dan" / "softmax.py").write_text(MODEL.read_text())
    changed = _run(folder, "--jobs", "2", "--gradebook", str(book))
    assert "1 graded, 8 unchanged" in changed.stderr
    assert gradebook(book)["dan"]["scores"] == FULL


@pytest.mark.slow  # a Dask cluster of two worker processes and a local run of the same class
def test_a_dask_cluster_gives_the_same_scores_as_the_local_run(tmp_path):
    distributed = pytest.importorskip("distributed")
    folder = tmp_path / "submitted"
    model = MODEL.read_text()
    for name, text in {"alice/softmax.py": model, "carol/softmax.ipynb": _notebook(model),
                       "dan/softmax.py": model + BUGGY, "crash/softmax.py": model + CRASH}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    (folder / "missing").mkdir()
    local = _run(folder, "--jobs", "2", "--gradebook", str(tmp_path / "local.sqlite"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) \
            as cluster:
        assert len(cluster.workers) == 2
        remote = _run(folder, "--scheduler", cluster.scheduler_address, "--gradebook", str(tmp_path / "dask.sqlite"))
        assert "grade_job" in cluster.scheduler.task_prefixes  # the jobs ran on the cluster's workers
    assert sorted(remote.stdout.splitlines()) == sorted(local.stdout.splitlines())  # the same CSV rows
    on_dask, here = gradebook(tmp_path / "dask.sqlite"), gradebook(tmp_path / "local.sqlite")
    assert {s: (r["scores"], r["problem"], r["hash"]) for s, r in on_dask.items()} == \
        {s: (r["scores"], r["problem"], r["hash"]) for s, r in here.items()}
    assert here["dan"]["scores"]["softmax"] < 3 and here["carol"]["scores"] == FULL
    assert here["crash"]["scores"]["log_softmax"] == 0 and here["alice"]["scores"] == FULL


ATTACK = '''

def log_softmax(logits, axis=-1):
    import glob, os, sqlite3
    for path in [BOOK, BOOK + "-wal", VICTIM] + glob.glob("/tmp/**/*.sqlite", recursive=True):
        try:
            db = sqlite3.connect(path)
            db.execute("UPDATE submissions SET score = 0 WHERE student != 'mallory'")
            db.commit()
        except Exception:
            pass
        try:
            with open(path, "w") as out:
                out.write("overwritten")
        except OSError:
            pass
    z = logits - logits.max(axis=axis, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))
'''


def test_a_submission_cannot_write_the_gradebook_or_another_students_files(tmp_path):
    folder = tmp_path / "submitted"
    book = tmp_path / "book.sqlite"
    victim = folder / "victor" / "softmax.py"
    victim.parent.mkdir(parents=True)
    victim.write_text(MODEL.read_text())
    (folder / "mallory").mkdir()
    (folder / "mallory" / "softmax.py").write_text(
        MODEL.read_text() + f"\nBOOK, VICTIM = {str(book)!r}, {str(victim)!r}\n" + ATTACK)
    with ClassGradebook(book) as ready:  # the gradebook is there, with a row to attack, before grading starts
        ready.record("05_softmax", ready.start_run("05_softmax", 5, "", ""), StoredRow("victor", None, None, "old"),
                     "", "")
    done = _run(folder, "--jobs", "2", "--gradebook", str(book))
    rows = gradebook(book)
    assert sorted(rows) == ["mallory", "victor"]
    assert rows["victor"]["scores"] == FULL and rows["victor"]["score"] == 10, done.stderr
    assert rows["mallory"]["scores"]["softmax"] == 3  # graded as usual: the attack reached nothing
    assert victim.read_text() == MODEL.read_text()


@pytest.mark.slow  # nbgrader's generate_assignment, then a class of two
@pytest.mark.full_only  # write_scores, which this uses, runs in CI in test_nbgrader_release.py
def test_scores_go_into_nbgraders_gradebook_through_its_api(tmp_path):
    pytest.importorskip("nbgrader")
    from nbgrader.api import Gradebook

    course = tmp_path / "course"
    done = subprocess.run([sys.executable, "-m", "grader.teacher", "generate", str(course), "--assignment",
                           "05_softmax"], capture_output=True, text=True, cwd=ROOT, timeout=LIMIT_SECONDS)
    assert done.returncode == 0, done.stderr[-2000:]
    submitted = course / "submitted"
    for student, text in {"alice": MODEL.read_text(), "dan": MODEL.read_text() + BUGGY}.items():
        (submitted / student / "05_softmax").mkdir(parents=True)
        (submitted / student / "05_softmax" / "softmax.ipynb").write_text(_notebook(text))
    (submitted / "zed" / "05_softmax").mkdir(parents=True)  # nothing handed in
    graded = _run(submitted, "--jobs", "2", "--nbgrader", str(course))
    assert "3 student(s) written into nbgrader's gradebook" in graded.stderr
    ours = gradebook(submitted / ".gradebook.sqlite")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as book:
        scores = {s.student.id: {g.name.removesuffix("-check"): g.score for n in s.notebooks for g in n.grades}
                  for s in book.assignment_submissions("05_softmax")}
        flagged = {s.student.id: any(g.needs_manual_grade for n in s.notebooks for g in n.grades)
                   for s in book.assignment_submissions("05_softmax")}
    assert sorted(scores) == ["alice", "dan", "zed"]
    assert scores["alice"] == FULL and scores["dan"] == ours["dan"]["scores"] and scores["dan"]["softmax"] < 3
    assert scores["zed"] == dict.fromkeys(FULL, 0.0) and flagged["zed"] and not flagged["alice"]


def test_the_progress_bar_counts_done_total_and_failures_and_escapes_student_text():
    from rich.console import Console

    from grader.progress import ClassProgress

    progress = ClassProgress(bar=True)
    out = io.StringIO()
    progress.console = Console(file=out, width=120, force_terminal=False)
    progress.start(3)
    progress.advance("alice: 10 / 10", failed=False)
    progress.advance("bob\x1b[2J: the grader failed on this submission", failed=True)
    progress.say("carol: 10 / 10 (unchanged, kept)")  # listed, not counted
    progress.stop()
    text = out.getvalue()
    assert "alice: 10 / 10" in text and "carol: 10 / 10 (unchanged, kept)" in text
    assert "\x1b[2J" not in text and "bob\\x1b[2J" in text
    assert "2/3" in text and "1 failed" in text and "/min" in text


def test_a_close_timing_failure_is_measured_again_alone_and_only_timing_changes(tmp_path):
    from grader.classrun import close_timing_failures, confirm_timing
    from grader.parallel import Job, Outcome
    from grader.results import AssignmentResult, CheckResult, ExerciseResult, Failure
    from grader.runner import Options

    def result(timing: str, passed: bool = False, slowdown: float = 0.0) -> AssignmentResult:
        failure = None if passed else Failure(timing, slowdown=slowdown, slowdown_limit=6.0 if slowdown else 0.0)
        checks = [CheckResult("matches_reference", True, 4.0, 4.0, "ok"),
                  CheckResult("timing", passed, 1.0 * passed, 1.0, timing, failure)]
        return AssignmentResult("05_softmax", "s.py", 5, [ExerciseResult("softmax_cross_entropy", 5.0, checks)])

    close = result("too slow: about 7x the reference's time (limit 6x), median of 7 interleaved runs", slowdown=7)
    far = result("too slow: about 72x the reference's time (limit 6x), median of 7 interleaved runs", slowdown=72)
    early = result("too slow: one call on a timing input took more than 0.25 s, while the reference takes 4 ms")
    assert close_timing_failures(close) == ["softmax_cross_entropy"]
    assert close_timing_failures(far) == close_timing_failures(early) == []
    # red team, 2026-12-04: read from the failure's numbers, not its words, so in Chinese too
    chinese = result("太慢：用时约为参考实现的 7 倍（上限 6 倍），交错运行 7 次取中位数，测了两次", slowdown=7)
    assert close_timing_failures(chinese) == ["softmax_cross_entropy"]

    asked = []

    class Quiet:  # an executor whose second measurement passes
        def results(self, jobs):
            asked.extend(jobs)
            yield 0, Outcome(result("within the time limit", passed=True))

    row = StoredRow("ann", "h", close)
    job = Job("ann", "05_softmax", None, Options(seed=5))
    confirm_timing(row, job, Quiet())
    assert [j.options.only for j in asked] == [frozenset({"softmax_cross_entropy"})] and asked[0].options.seed == 5
    exercise = row.result.exercises[0]
    assert exercise.score == 5.0 and exercise.checks[0].message == "ok" and "measured again" in exercise.notes[0]

    class Busy:  # fails again: the first verdict stands
        def results(self, jobs):
            yield 0, Outcome(result("too slow: about 8x the reference's time (limit 6x)", slowdown=8))

    row = StoredRow("bob", "h", result("too slow: about 7x the reference's time (limit 6x)", slowdown=7))
    confirm_timing(row, job, Busy())
    assert row.result.score == 4.0 and "about 7x" in row.result.exercises[0].checks[1].message
