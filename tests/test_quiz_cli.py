"""The quiz through the real commands: `grade quiz-answers`, `grade` on an answers file, a quiz
folder and a course, every report format, `grade quiz` in a terminal, and `grade-class`."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

from grader.course import resolve
from grader.quiz.answers import answers_file
from grader.quiz.bank import load_bank
from grader.quiz.kinds import MultipleChoice, SingleChoice
from tests.conftest import GRADE, ROOT, grade_json

BANK = load_bank()
GRADE_CLASS = [sys.executable, "-c", "from grader.cli import class_main; class_main()"]
MODEL = ROOT / "tests/model_solutions/05_softmax/softmax.py"


def _run(args: list[str], *, cwd: Path = ROOT, stdin: str | None = None, timeout: int = 300):
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd, input=stdin, timeout=timeout)


def _keys(student: str, only: set[str] | None = None) -> dict:
    keys = {}
    for q in BANK.questions:
        if only is not None and q.id not in only:
            continue
        if isinstance(q, SingleChoice):
            keys[q.id] = min(q.key)
        elif isinstance(q, MultipleChoice):
            keys[q.id] = sorted(q.key)
        else:
            keys[q.id] = q.key_value(q.variant(student, BANK.quiz_id))
    return keys


def _write(path: Path, student: str, keys_of: str | None = None, only: set[str] | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(answers_file(BANK, student, _keys(keys_of or student, only)), encoding="utf-8")
    return path


def test_quiz_answers_writes_the_students_own_file_and_never_overwrites_answers(tmp_path):
    target = tmp_path / "answers.toml"
    done = _run(GRADE + ["quiz-answers", "--student", "alice", "--output", str(target)])
    assert done.returncode == 0, done.stderr
    text = target.read_text()
    assert 'student = "alice"' in text
    conv = next(q for q in BANK.questions if q.id == "conv_output_size")
    shown = conv.shown_text(conv.variant("alice", BANK.quiz_id)).split()
    assert " ".join(shown[:12]) in " ".join(line.lstrip("# ") for line in text.splitlines())
    assert text == answers_file(BANK, "alice")
    # written again over an untouched file: fine; over a file with an answer: refused, kept as it was
    assert _run(GRADE + ["quiz-answers", "--student", "alice", "-o", str(target)]).returncode == 0
    target.write_text(text.replace('act_why_nonlinear = ""', 'act_why_nonlinear = "a"'))
    refused = _run(GRADE + ["quiz-answers", "--student", "bob", "-o", str(target)])
    assert refused.returncode == 1 and "already holds answers" in refused.stderr
    assert 'act_why_nonlinear = "a"' in target.read_text()
    forced = _run(GRADE + ["quiz-answers", "--student", "bob", "-o", str(target), "--force"])
    assert forced.returncode == 0 and 'student = "bob"' in target.read_text()
    # no id: a usage error, not a file without numbers
    assert _run(GRADE + ["quiz-answers", "-o", str(tmp_path / "x.toml")]).returncode == 2
    # from the course root, the file goes where `grade` looks for it
    course = tmp_path / "course"
    (course / "assignments" / "07_quiz").mkdir(parents=True)
    assert _run(GRADE + ["quiz-answers", "--student", "carol"], cwd=course).returncode == 0
    assert 'student = "carol"' in (course / "assignments/07_quiz/answers.toml").read_text()


def test_grade_scores_an_answers_file_in_the_syllabus_shape_and_the_teachers_id_wins(tmp_path):
    path = _write(tmp_path / "answers.toml", "alice")
    report = grade_json(path)
    assert report["assignment"] == "07_quiz" and report["score"] == report["max_score"] == BANK.max_score
    assert [e["id"] for e in report["exercises"]] == [q.id for q in BANK.questions]
    for exercise in report["exercises"]:
        assert exercise["passed"] and [c["name"] for c in exercise["checks"]] == ["answer"]
        assert exercise["checks"][0]["message"].startswith("correct. ")
    as_bob = grade_json(path, "--student", "bob")
    assert as_bob["score"] < as_bob["max_score"]
    assert any("names student 'alice'" in n and "'bob'" in n for n in as_bob["notices"])
    # any file name works with --assignment 07_quiz; a .toml file is a quiz by its suffix
    other = tmp_path / "mine.txt"
    other.write_text(path.read_text())
    assert grade_json(other, "--assignment", "07_quiz")["score"] == BANK.max_score


def test_grade_finds_the_quiz_in_its_folder_and_in_the_course(tmp_path):
    assert ("07_quiz", ROOT / "assignments/07_quiz/answers.toml") in resolve(ROOT)
    assert resolve(ROOT / "assignments/07_quiz") == [("07_quiz", ROOT / "assignments/07_quiz/answers.toml")]
    course = tmp_path / "course"
    (course / "assignments" / "05_softmax").mkdir(parents=True)
    shutil.copy(MODEL, course / "assignments/05_softmax/softmax.py")
    _write(course / "assignments/07_quiz/answers.toml", "alice", only={"act_why_nonlinear", "conv_output_size"})
    quiz_only = grade_json(course / "assignments" / "07_quiz")
    assert quiz_only["assignment"] == "07_quiz" and quiz_only["score"] == 3
    report = grade_json(course, "--no-timing", "--examples", "0.1")
    assert report["assignment"] == "course"
    assert [a["assignment"] for a in report["assignments"]] == ["05_softmax", "07_quiz"]
    quiz = [e for e in report["exercises"] if e["assignment"] == "07_quiz"]
    assert len(quiz) == len(BANK.questions) and sum(e["score"] for e in quiz) == 3
    assert report["score"] == 10 + 3
    # without an answers file the quiz folder says how to write one
    (course / "assignments/07_quiz/answers.toml").unlink()
    done = _run(GRADE + [str(course / "assignments/07_quiz")])
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "grade quiz-answers" in done.stderr


def test_the_quiz_in_text_gradescope_and_junit_reports(tmp_path):
    keys = _keys("alice")
    keys["act_sigmoid_facts"] = ["a", "b", "d"]  # (2 - 1) / 3 of 2 points
    conv = next(q for q in BANK.questions if q.id == "conv_output_size")
    keys["conv_output_size"] = next(iter(conv.variant("alice", BANK.quiz_id).mistakes.values()))
    path = tmp_path / "answers.toml"
    path.write_text(answers_file(BANK, "alice", keys))
    plain = grade_json(path)
    assert plain["score"] == BANK.max_score - 2 - round(2 * 2 / 3, 4)
    gradescope = json.loads(_run(GRADE + [str(path), "--seed", "0", "--format", "gradescope"]).stdout)
    assert gradescope["score"] == plain["score"]
    tests = {t["name"]: t for t in gradescope["tests"]}
    assert set(tests) == {q.id for q in BANK.questions}
    assert tests["act_sigmoid_facts"]["score"] == round(2 / 3, 4) and tests["act_sigmoid_facts"]["status"] == "failed"
    assert "right choices picked" in tests["act_sigmoid_facts"]["output"]
    assert tests["act_why_nonlinear"]["status"] == "passed"
    junit = ET.fromstring(_run(GRADE + [str(path), "--seed", "0", "--format", "junit"]).stdout)
    suite = junit.find("testsuite")
    assert suite.get("name") == "07_quiz" and int(suite.get("tests")) == len(BANK.questions)
    assert int(suite.get("failures")) == 2
    failed = {c.get("classname") for c in suite.iter("testcase") if c.find("failure") is not None}
    assert failed == {"07_quiz.act_sigmoid_facts", "07_quiz.conv_output_size"}
    text = _run(GRADE + [str(path)]).stdout
    assert "07_quiz" in text and "that is what you get if you" in text  # the known mistake is named
    assert "explanation: PyTorch's formula" in text


def test_grade_class_grades_the_quiz_with_each_students_own_numbers(tmp_path):
    submitted = tmp_path / "submitted"
    _write(submitted / "alice" / "07_quiz" / "answers.toml", "mallory", keys_of="alice")  # names someone else
    _write(submitted / "bob.toml", "bob")
    (submitted / "carol").mkdir()
    (submitted / "dave.toml").write_bytes(b"\xff\xfe\x00garbage [[[ = =\n" * 50)
    (submitted / "eve.toml").symlink_to(submitted / "bob.toml")
    reports = tmp_path / "reports"
    done = _run(GRADE_CLASS + [str(submitted), "--assignment", "07_quiz", "--reports", str(reports)])
    assert done.returncode == 0, done.stderr
    rows = {row["student"]: row for row in csv.DictReader(io.StringIO(done.stdout))}
    assert list(rows) == ["alice", "bob", "carol", "dave", "eve"]
    header = next(csv.reader(io.StringIO(done.stdout)))
    assert header[3:-2] == [q.id for q in BANK.questions]
    top = BANK.max_score
    assert float(rows["alice"]["score"]) == top and "names student 'mallory'" in rows["alice"]["problem"]
    assert float(rows["bob"]["score"]) == top and rows["bob"]["problem"] == ""
    assert float(rows["carol"]["score"]) == 0 and "no answers.toml" in rows["carol"]["problem"]
    assert float(rows["dave"]["score"]) == 0 and "not UTF-8" in rows["dave"]["problem"]
    assert float(rows["eve"]["score"]) == 0 and "symbolic link" in rows["eve"]["problem"]
    assert json.loads((reports / "alice.json").read_text())["assignment"] == "07_quiz"


def test_the_terminal_quiz_command_saves_answers_that_grade_the_same(tmp_path):
    topic = [q for q in BANK.questions if "Activation" in q.topic]
    replies = "\n".join(["b", "a c"] + [""] * (len(topic) - 2)) + "\n"
    saved = tmp_path / "answers.toml"
    done = _run(GRADE + ["quiz", "--student", "alice", "--topic", "activation", "--save", str(saved)], stdin=replies)
    assert done.returncode == 0, done.stderr
    assert "results" in done.stdout and "score 1.3333 / 6" in done.stdout  # 0 + (2 - 0) / 3 of 2
    report = grade_json(saved)
    scores = {e["id"]: e["score"] for e in report["exercises"]}
    assert scores["act_why_nonlinear"] == 0 and scores["act_sigmoid_facts"] == 1.3333
    assert report["score"] == 1.3333


def test_an_answers_file_that_cannot_be_read_is_one_line_and_nonzero(tmp_path):
    real = _write(tmp_path / "real" / "answers.toml", "alice")
    link = tmp_path / "answers.toml"
    link.symlink_to(real)
    huge = tmp_path / "big" / "answers.toml"
    huge.parent.mkdir()
    huge.write_text("# " + "x" * 300_000 + "\n")
    for path, reason in ((link, "symbolic link"), (huge, "more than"), (tmp_path / "none.toml", "no such")):
        done = _run(GRADE + [str(path), "--format", "json"])
        assert done.returncode == 1 and done.stdout == "", path
        assert done.stderr.count("\n") == 1 and reason in done.stderr, done.stderr


def test_help_names_the_quiz_commands():
    done = _run(GRADE + ["--help"])
    assert done.returncode == 0 and "grade quiz-answers --student ID" in " ".join(done.stdout.split())
    assert "--student" in _run(GRADE + ["quiz", "--help"]).stdout
    assert os.path.basename(GRADE[0])  # the suite runs the module, as the installed `grade` does


def test_grading_a_blank_answers_file_reveals_no_key(tmp_path):
    """Fresh-clone trial: grading the blank file once printed every key and explanation."""
    import json
    import shutil
    import subprocess
    import sys

    from tests.conftest import ROOT

    blank = tmp_path / "answers.toml"
    shutil.copy(ROOT / "assignments/07_quiz/answers.toml", blank)
    done = subprocess.run([sys.executable, "-m", "grader.cli", str(blank), "--student", "s1", "--format", "json",
                           "--seed", "0"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    messages = [c["message"] for e in report["exercises"] for c in e["checks"]]
    assert report["score"] == 0 and len(messages) >= 40
    assert not any("expected" in m for m in messages), [m for m in messages if "expected" in m][:2]
    assert all("shown once you have answered" in m for m in messages)
