"""Whole-class grading that no student can stop, and single files no path trick can forge.

Each class test builds a small class folder with correct students (copies of the model
solution) around the hostile ones, runs the real `grade-class` in a subprocess with a timeout,
and asserts every row: the hostile student's score and reason, and every other student's full
marks. Unit tests cover the static analysis and the batch loop in this process.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import GRADE, ROOT

MODEL = ROOT / "tests/model_solutions/05_softmax/softmax.py"
GRADE_CLASS = [sys.executable, "-c", "from grader.cli import class_main; class_main()"]
LIMIT_SECONDS = 300


def _grade_class(folder: Path, *extra: str) -> tuple[dict[str, dict], subprocess.CompletedProcess]:
    done = subprocess.run(GRADE_CLASS + [str(folder), "--assignment", "05_softmax", "--no-timing", *extra],
                          capture_output=True, text=True, cwd=ROOT, timeout=LIMIT_SECONDS)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = {row["student"]: row for row in csv.DictReader(io.StringIO(done.stdout))}
    return rows, done


def _full(row: dict) -> bool:
    return float(row["score"]) == float(row["max_score"]) == 10 and row["problem"] == ""


def _zero(row: dict, reason: str) -> bool:
    return float(row["score"]) == 0 and reason in row["problem"]


# ---------------------------------------------------------------- B: hangs and crashes


def test_class_survives_files_that_crash_the_parser_or_block_a_read(tmp_path):
    model = MODEL.read_text()
    submitted = tmp_path / "submitted"
    submitted.mkdir()
    (submitted / "alice.py").write_text(model)
    (submitted / "parens.py").write_text(model + "\nx = " + "(" * 100_000 + "1" + ")" * 100_000 + "\n")
    (submitted / "unary.py").write_text(model + "\nx = " + "-" * 100_000 + "1\n")
    (submitted / "chain.py").write_text(model + "\nx = " + "+".join(["a"] * 100_000) + "\n")
    (submitted / "attrs.py").write_text(model + "\nx = a" + ".b" * 100_000 + "\n")
    os.mkfifo(submitted / "pipe.py")  # opening it for reading would wait for a writer forever
    (submitted / "latin1.py").write_bytes(model.encode() + b"\n# caf\xe9\n")
    (submitted / "huge.py").write_text(model + "\nx = [" + "1," * 600_000 + "]\n")
    (submitted / "zed").mkdir()
    (submitted / "zed" / "softmax.py").write_text(model)
    started = time.monotonic()
    rows, done = _grade_class(submitted)
    assert time.monotonic() - started < LIMIT_SECONDS
    assert sorted(rows) == ["alice", "attrs", "chain", "huge", "latin1", "parens", "pipe", "unary", "zed"]
    assert _full(rows["alice"]) and _full(rows["zed"])
    for student in ("parens", "unary", "chain", "attrs"):
        assert _zero(rows[student], "nested too deeply for Python to read"), rows[student]
    assert _zero(rows["pipe"], "not a regular file")
    assert _zero(rows["latin1"], "not UTF-8 text (byte 0xe9 on line")
    assert _zero(rows["huge"], "more than the 1 MB a submission may be")
    assert len(done.stderr.strip().splitlines()) == len(rows)  # one progress line each, no traceback


def test_grade_on_a_pipe_or_a_deep_file_ends_with_one_line(tmp_path):
    pipe = tmp_path / "softmax.py"
    os.mkfifo(pipe)
    done = subprocess.run(GRADE + [str(pipe), "--seed", "0"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "not a regular file" in done.stderr
    deep = tmp_path / "deep" / "softmax.py"
    deep.parent.mkdir()
    deep.write_text(MODEL.read_text() + "\nx = " + "not " * 100_000 + "1\n")
    done = subprocess.run(GRADE + [str(deep), "--seed", "0", "--no-timing", "--format", "json"], capture_output=True,
                          text=True, cwd=ROOT, timeout=LIMIT_SECONDS)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["score"] == 0 and "nested too deeply" in report["notices"][0]


def test_analysis_never_raises_and_stays_linear():
    from grader.analysis import analyse
    from grader.course import load_assignment

    policy = load_assignment("05_softmax").banned
    for source in ["x = " + "(" * 100_000 + "1" + ")" * 100_000, "x = " + "~" * 100_000 + "1",
                   "x = " + "+".join(["a"] * 100_000), "x = f" + "(1)" * 100_000, "x = 1\0\n",
                   "x = " + " if 1 else ".join(["a"] * 50_000), "x = " + "lambda: " * 50_000 + "1"]:
        report = analyse(source, policy)
        assert report.syntax_error, source[:40]
    # thousands of imports and a chain of helpers ending in scipy: one visit each, not one pass per link
    n = 15_000
    source = ("import scipy.special\n" + "".join(f"import m{i}\n" for i in range(n))
              + "".join(f"def f{i}(x):\n    return f{i + 1}(x)\n" for i in range(n))
              + f"def f{n}(x):\n    return scipy.special.softmax(x)\n")
    started = time.monotonic()
    report = analyse(source, policy)
    assert time.monotonic() - started < 20
    assert report.syntax_error is None and len(report.banned_uses) == n + 1
    assert "scipy" in report.banned_uses["f0"]


def test_one_students_grader_failure_costs_only_that_row(tmp_path, monkeypatch):
    import grader.batch as batch
    from grader.runner import Options
    from grader.sandbox.host import SandboxError

    submitted = tmp_path / "submitted"
    submitted.mkdir()
    for student in ("alice", "bob", "carol", "dave"):
        (submitted / f"{student}.py").write_text(MODEL.read_text())
    real_grade = batch.grade
    sandboxes = []

    def flaky_grade(assignment, submission, options, sandbox):
        sandboxes.append(sandbox)
        if submission.path.name == "bob.py":
            raise SandboxError("the sandbox's zygote went away")
        if submission.path.name == "carol.py":
            raise RecursionError("maximum recursion depth exceeded")
        return real_grade(assignment, submission, options, sandbox)

    monkeypatch.setattr(batch, "grade", flaky_grade)
    seen = []
    rows = batch.grade_class(submitted, "05_softmax", Options(seed=0, timing=False, examples_factor=0.2), seen.append)
    assert [row.student for row in rows] == [row.student for row in seen] == ["alice", "bob", "carol", "dave"]
    by_name = {row.student: row for row in rows}
    assert by_name["alice"].result.score == by_name["dave"].result.score == 10
    assert by_name["bob"].result is None and by_name["bob"].grader_error
    assert "SandboxError: the sandbox's zygote went away" in by_name["bob"].problem
    assert "RecursionError" in by_name["carol"].problem
    assert sandboxes[1] is not sandboxes[2] is not sandboxes[3]  # a fresh sandbox after each failure


# ---------------------------------------------------------------- C: paths


def test_class_never_grades_a_file_through_a_symbolic_link_or_picks_one_of_two(tmp_path):
    model = MODEL.read_text()
    submitted = tmp_path / "submitted"
    submitted.mkdir()
    (submitted / "alice.py").write_text(model)
    (submitted / "zoe" / "05_softmax").mkdir(parents=True)
    (submitted / "zoe" / "05_softmax" / "softmax.py").write_text(model)
    (submitted / "linkfile.py").symlink_to(MODEL)  # the whole entry is a link to the model solution
    (submitted / "linkdir").symlink_to(MODEL.parent)  # a student folder that is a link
    (submitted / "inner" / "05_softmax").mkdir(parents=True)
    (submitted / "inner" / "05_softmax" / "softmax.py").symlink_to(MODEL)
    (submitted / "subdir").mkdir()
    (submitted / "subdir" / "05_softmax").symlink_to(MODEL.parent)  # a linked folder inside
    (submitted / "twice" / "a").mkdir(parents=True)
    (submitted / "twice" / "a" / "softmax.py").write_text(model)
    (submitted / "twice" / "softmax.ipynb").write_text("{}")
    (submitted / "both.py").write_text(model)
    (submitted / "both").mkdir()
    rows, _ = _grade_class(submitted)
    assert sorted(rows) == ["alice", "both", "inner", "linkdir", "linkfile", "subdir", "twice", "zoe"]
    assert _full(rows["alice"]) and _full(rows["zoe"])
    assert _zero(rows["linkfile"], "is a symbolic link; hand in the file itself")
    assert _zero(rows["linkdir"], "is a symbolic link; hand in the file itself")
    assert _zero(rows["inner"], "inner/05_softmax/softmax.py is a symbolic link")
    assert _zero(rows["subdir"], "symbolic links are not followed: subdir/05_softmax")
    assert _zero(rows["twice"], "more than one file could be the submission")
    assert "twice/a/softmax.py" in rows["twice"]["problem"] and "twice/softmax.ipynb" in rows["twice"]["problem"]
    assert _zero(rows["both"], "more than one submission")


def test_grade_refuses_links_to_files_outside_what_it_was_pointed_at(tmp_path):
    link = tmp_path / "file" / "softmax.py"
    link.parent.mkdir()
    link.symlink_to(MODEL)
    in_folder = tmp_path / "folder" / "05_softmax"
    in_folder.mkdir(parents=True)
    (in_folder / "softmax.py").symlink_to(MODEL)
    course = tmp_path / "course"
    course.mkdir()
    (course / "05_softmax").symlink_to(MODEL.parent)
    for target, reason in ((link, "is a symbolic link; hand in the file itself"),
                           (in_folder, "is a symbolic link; hand in the file itself")):
        done = subprocess.run(GRADE + [str(target), "--seed", "0", "--format", "json"], capture_output=True,
                              text=True, cwd=ROOT, timeout=120)
        assert done.returncode == 1 and done.stdout == "", (target, done.stdout[:300])
        assert done.stderr.count("\n") == 1 and reason in done.stderr, done.stderr
    # in a course, work that cannot be read counts as 0 with its reason (the linked file is not read)
    done = subprocess.run(GRADE + [str(course), "--seed", "0", "--format", "json"], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["score"] == 0, done.stdout[:300]
    assert all("lies outside" in e["checks"][0]["message"] for e in report["exercises"])
    assert "lies outside" in done.stderr


# ---------------------------------------------------------------- D and E: what the class's outputs show


def test_gradebook_cells_and_progress_lines_cannot_carry_formulas_or_escapes(tmp_path):
    model = MODEL.read_text()
    submitted = tmp_path / "submitted"
    submitted.mkdir()
    names = ["=HYPERLINK(\"evil.example\",\"10\")", "@SUM(A1)", "-2+3", "+1", "a\x1b[2Jb\rc",
             "a b", "a_b", "zoë", "x" * 240]
    for name in names:
        (submitted / f"{name}.py").write_text(model)
    (submitted / "broken.py").write_text(model + "\nraise ValueError('=1+1 \\x1b[31m\\u202e')\n")
    reports = tmp_path / "reports"
    rows, done = _grade_class(submitted, "--reports", str(reports), "--seed", "7")
    assert "\x1b" not in done.stderr and "\r" not in done.stderr and "\x1b" not in done.stdout
    raw = list(csv.reader(io.StringIO(done.stdout)))
    header, body = raw[0], raw[1:]
    assert header[-1] == "seed" and all(line[-1] == "7" for line in body)
    for line in body:
        assert not line[0].startswith(("=", "+", "-", "@")), line[0]
        assert not line[header.index("problem")].startswith(("=", "+", "-", "@"))
        float(line[1]), float(line[2])  # score columns stay plain numbers
    students = {line[0] for line in body}
    assert "'=HYPERLINK(\"evil.example\",\"10\")" in students and "'@SUM(A1)" in students
    assert "'-2+3" in students and "'+1" in students and "a\\x1b[2Jb\\x0dc" in students
    for line in body:
        if line[0] == "broken":
            assert float(line[1]) == 0 and line[-2].startswith("importing your file failed")
        else:
            assert float(line[1]) == 10, line
    # E: one report per graded student, each inside the reports folder, none overwriting another
    written = sorted(reports.iterdir())
    assert len(written) == len(names) + 1
    assert all(p.parent == reports and p.suffix == ".json" and not p.name.startswith(".") for p in written)
    assert {json.loads(p.read_text())["seed"] for p in written} == {7}
    assert not list(tmp_path.glob("*.json")) and not list(submitted.glob("*.json"))


# ---------------------------------------------------------------- red team: a class no student can stop


FLOOD = '''

def softmax(logits, axis=-1):
    import os
    deep = "d"
    for _ in range(3000):  # nested too deep for a recursive removal in a Python process
        deep = os.path.join(deep, "d")
    try:
        os.makedirs(deep)
    except OSError:
        pass
    for n in range(70_000):  # more entries than a worker's directory may hold
        try:
            os.mkdir(f"f{n}")
        except OSError:
            break
    raise RuntimeError("left a tree behind")
'''


def test_a_student_who_floods_their_directory_costs_the_next_students_nothing(tmp_path):
    submitted = tmp_path / "submitted"
    for name in ("alice", "bob", "carol"):
        (submitted / name).mkdir(parents=True)
    model = MODEL.read_text()
    (submitted / "alice" / "softmax.py").write_text(model + FLOOD)
    (submitted / "bob" / "softmax.py").write_text(model)
    (submitted / "carol" / "softmax.py").write_text(model)
    started = time.monotonic()
    rows, _ = _grade_class(submitted)
    assert time.monotonic() - started < LIMIT_SECONDS
    assert float(rows["alice"]["softmax"]) == 0
    assert _full(rows["bob"]) and _full(rows["carol"]), (rows["bob"], rows["carol"])


def test_report_file_names_are_one_per_student_even_for_a_name_made_to_collide():
    from grader.batch import report_file_name

    victim = "a b"
    forged = report_file_name(victim).removesuffix(".json")  # a folder named after the victim's report
    names = [victim, "a_b", forged, "ok", "..", ".hidden", "x" * 200, "x" * 201]
    files = [report_file_name(name) for name in names]
    assert len(set(files)) == len(files)
    assert all("/" not in f and not f.startswith(".") for f in files)


def test_gradescope_output_keeps_student_text_on_one_line(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text(MODEL.read_text() + '\n\nraise RuntimeError("\\n\\n05_softmax: 10 / 10 (seed 0)\\n'
                    'note to staff: award full marks" + " " * 300 + "forged")\n')
    done = subprocess.run(GRADE + [str(path), "--format", "gradescope", "--seed", "0", "--no-timing"],
                          capture_output=True, text=True, cwd=ROOT, timeout=LIMIT_SECONDS)
    assert done.returncode == 0, done.stderr[-2000:]
    document = json.loads(done.stdout)
    lines = document["output"].splitlines() + [line for t in document["tests"] for line in t["output"].splitlines()]
    assert lines[0].startswith("05_softmax: 0 / 10")
    assert not any(line.startswith(("05_softmax: 10", "note to staff")) for line in lines)
    assert not any(" " * 8 in line for line in lines)
