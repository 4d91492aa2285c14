"""Report formats read on their own: every Gradescope test says why it failed, JUnit tells a
check that did not run from one that failed, the gradebook writes numbers one way. Graded in
this process with a small share of examples and no timing (fast)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

from grader.batch import Gradebook, StudentResult
from grader.course import load_assignment
from grader.report import to_gradescope, to_junit
from grader.runner import Options, grade
from grader.submission import load_submission
from tests.conftest import ROOT

MODEL = ROOT / "tests/model_solutions/05_softmax/softmax.py"


def _graded(tmp_path: Path, source: str):
    path = tmp_path / "softmax.py"
    path.write_text(source)
    options = Options(seed=0, device="cpu", timing=False, examples_factor=0.35)
    return grade(load_assignment("05_softmax"), load_submission(path), options)


def test_every_gradescope_test_of_a_file_that_cannot_be_imported_says_why(tmp_path):
    result = _graded(tmp_path, MODEL.read_text() + "\nimport no_such_helper_module\n")
    document = json.loads(to_gradescope([result]))
    assert document["score"] == 0
    for test in document["tests"]:
        assert test["score"] == 0
        assert "all checks passed" not in test["output"]
        assert "no_such_helper_module" in test["output"], test


def test_a_second_wrong_function_costs_its_test_and_the_others_pass(tmp_path):
    source = MODEL.read_text() + "\n\ndef log_softmax(logits, axis=-1):\n    return logits * 0.5\n"
    document = json.loads(to_gradescope([_graded(tmp_path, source)]))
    outputs = {t["name"]: t["output"] for t in document["tests"]}
    assert outputs["softmax"] == "all checks passed"
    assert "matches_reference" in outputs["log_softmax"] and "all checks passed" not in outputs["log_softmax"]


def test_junit_marks_checks_that_did_not_run_as_skipped_not_failed(tmp_path):
    source = MODEL.read_text() + "\n\ndef softmax(logits, axis=-1):\n    return logits\n"
    suite = ET.fromstring(to_junit([_graded(tmp_path, source)])).find("testsuite")
    cases = {(c.get("classname"), c.get("name")): c for c in suite.iter("testcase")}
    value = cases[("05_softmax.softmax", "matches_reference")]
    assert value.find("failure") is not None and value.find("skipped") is None
    stable = cases[("05_softmax.softmax", "stable")]
    assert stable.find("skipped") is not None and stable.find("failure") is None
    skipped = sum(c.find("skipped") is not None for c in cases.values())
    failed = sum(c.find("failure") is not None for c in cases.values())
    assert int(suite.get("skipped")) == skipped > 0 and int(suite.get("failures")) == failed > 0


def test_gradebook_numbers_are_written_one_way(tmp_path):
    book = Gradebook("05_softmax", seed=7)
    full = StudentResult("ann", tmp_path / "ann.py", result=_graded(tmp_path, MODEL.read_text()))
    missing = StudentResult("bob", None, problem="no softmax.py found")
    text = book.header() + book.row(full) + book.row(missing)
    rows = list(csv.DictReader(io.StringIO(text)))
    numbers = [row[k] for row in rows for k in ("score", "max_score", "softmax", "log_softmax",
                                                  "softmax_cross_entropy")]
    assert all(re.fullmatch(r"\d+(\.\d+)?", n) and not n.endswith(".0") for n in numbers), numbers
    assert rows[0]["score"] == rows[0]["max_score"] == "10" and rows[1]["score"] == "0"


def test_an_empty_file_gets_one_line_not_one_per_function(tmp_path):
    from grader.report import exercise_lines

    for source in ("", "# TODO: softmax\n\n\n", '"""My softmax homework."""\n'):
        result = _graded(tmp_path, source)
        assert result.score == 0
        assert len(result.notices) == 1 and result.notices[0].startswith("the file is empty"), result.notices
        assert all(exercise_lines(result, exercise) == [] for exercise in result.exercises)


def test_device_cuda_without_a_gpu_says_what_to_do():
    import subprocess

    import pytest
    import torch

    from tests.conftest import GRADE

    if torch.cuda.is_available():
        pytest.skip("a GPU is here: --device cuda works")
    done = subprocess.run(GRADE + [str(MODEL), "--device", "cuda", "--no-timing"], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    assert done.returncode != 0
    assert "--device cpu" in done.stderr
    expected = "CPU-only build" if torch.version.cuda is None else "sees no GPU"
    assert expected in done.stderr, done.stderr


def test_junit_of_a_file_that_cannot_be_imported_fails_once_per_exercise_and_skips_the_rest(tmp_path):
    result = _graded(tmp_path, MODEL.read_text() + "\nimport no_such_helper_module\n")
    suite = ET.fromstring(to_junit([result])).find("testsuite")
    exercises: dict[str, list] = {}
    for case in suite.iter("testcase"):
        exercises.setdefault(case.get("classname"), []).append(case)
    assert sorted(exercises) == ["05_softmax.log_softmax", "05_softmax.softmax", "05_softmax.softmax_cross_entropy"]
    for cases in exercises.values():
        first, rest = cases[0], cases[1:]
        assert first.find("failure") is not None and "no_such_helper_module" in first.find("failure").get("message")
        assert rest and all(c.find("skipped") is not None and c.find("failure") is None for c in rest)
        assert all("could not be imported" in c.find("skipped").get("message") for c in rest)
    assert int(suite.get("failures")) == 3
    assert int(suite.get("skipped")) == sum(len(cases) - 1 for cases in exercises.values())
