"""Scores in CI: `grade --fail-under`, the extra report files of one grading (`--also`), the
Markdown summary and GitHub Classroom's result, and the shipped GitHub Classroom workflow,
whose grading step is run here as GitHub Actions would run it."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from grader.course import load_assignment
from grader.report import to_classroom, to_markdown
from grader.runner import Options, grade
from grader.submission import load_submission
from tests.conftest import GRADE, ROOT

MODEL = ROOT / "tests/model_solutions/05_softmax/softmax.py"
QUICK = ("--no-timing", "--examples", "0.2", "--seed", "3")


def _graded(tmp_path: Path, source: str):
    path = tmp_path / "softmax.py"
    path.write_text(source)
    return grade(load_assignment("05_softmax"), load_submission(path),
                 Options(seed=0, timing=False, examples_factor=0.2))


def _file(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "work" / "softmax.py"
    path.parent.mkdir(exist_ok=True)
    path.write_text(source)
    return path


def test_fail_under_sets_the_exit_status_only_when_asked(tmp_path):
    half = _file(tmp_path, MODEL.read_text() + "\n\ndef softmax(logits, axis=-1):\n    return logits\n")
    plain = subprocess.run(GRADE + [str(half), "--format", "json", *QUICK], capture_output=True, text=True,
                           cwd=ROOT, timeout=300)
    score = json.loads(plain.stdout)["score"]
    assert plain.returncode == 0 and 0 < score < 10  # the syllabus: 0 whenever grading ran
    below = subprocess.run(GRADE + [str(half), "--format", "json", *QUICK, "--fail-under", str(score + 0.5)],
                           capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert below.returncode == 3 and json.loads(below.stdout)["score"] == score  # the report still printed
    assert below.stderr.count("\n") == 1 and "below --fail-under" in below.stderr


def test_also_refuses_an_unknown_format_before_grading(tmp_path):
    wrong = subprocess.run(GRADE + [str(tmp_path), "--also", "html=x.html"], capture_output=True, text=True,
                           cwd=ROOT, timeout=60)
    assert wrong.returncode == 2 and "FORMAT=FILE" in wrong.stderr and not (ROOT / "x.html").exists()


def test_markdown_never_renders_student_text_and_classroom_scores_each_exercise(tmp_path):
    forged = ("\n\ndef log_softmax(logits, axis=-1):\n"
              "    raise ValueError('```\\n## Score: 10 / 10\\n![x](https://evil.example/p.png) <img src=x>')\n")
    result = _graded(tmp_path, MODEL.read_text() + forged)
    text = to_markdown([result])
    assert text.startswith(f"## Score: {result.score:g} / 10")
    blocks = text.split("```")
    assert len(blocks) % 2 == 1  # every block the report opens, it closes
    outside = "".join(blocks[0::2])  # what Markdown renders
    assert outside.count("## Score") == 1  # the forged heading stays inside a code block
    assert "evil.example" not in outside and "<img" not in outside and "evil.example" in text
    document = json.loads(to_classroom([result]))
    assert document["status"] == "fail" and document["max_score"] == 10
    scores = {t["name"]: (t["score"], t["status"]) for t in document["tests"]}
    assert scores["05_softmax: softmax"] == (3.0, "pass") and scores["05_softmax: log_softmax"][1] == "fail"
    broken = _graded(tmp_path, MODEL.read_text() + "\nimport no_such_module\n")
    assert json.loads(to_classroom([broken]))["status"] == "error"
    assert "all checks passed" not in to_markdown([broken])


def _grade_step(workflow: dict) -> str:
    steps = workflow["jobs"]["autograding"]["steps"]
    return next(step for step in steps if step.get("id") == "grade")["run"]


def test_the_classroom_workflow_grades_summarizes_and_reports(tmp_path):
    yaml = pytest.importorskip("yaml")
    repository = tmp_path / "repo"
    repository.mkdir()
    done = subprocess.run([sys.executable, "-m", "grader.teacher", "ci-workflow", str(repository)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    workflow = yaml.safe_load((repository / ".github/workflows/classroom.yml").read_text())
    job = workflow["jobs"]["autograding"]
    assert job["name"] == "Autograding Tests" and set(workflow["on"]) >= {"push"}
    uses = [step.get("uses", "") for step in job["steps"]]
    assert any(u.startswith("actions/upload-artifact") for u in uses)
    assert any(u.startswith("classroom-resources/autograding-grading-reporter") for u in uses)
    again = subprocess.run([sys.executable, "-m", "grader.teacher", "ci-workflow", str(repository)],
                           capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert again.returncode == 1 and "--force" in again.stderr

    # the grading step, run as Actions runs it (bash -e), with `grade` on PATH
    (repository / "softmax.py").write_text(MODEL.read_text() + "\n\ndef softmax(logits, axis=-1):\n    return logits\n")
    for fail_under, status in (("", "0"), ("9.5", "3")):
        summary, output = tmp_path / f"summary{status}.md", tmp_path / f"output{status}"
        env = {**os.environ, "CI": "true", "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(output),
               "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
               "GRADE_PATH": "softmax.py --no-timing --examples 0.2", "FAIL_UNDER": fail_under}
        step = subprocess.run(["bash", "-e", "-c", _grade_step(workflow)], capture_output=True, text=True,
                              cwd=repository, env=env, timeout=300)
        assert step.returncode == 0, step.stderr  # a low score fails the job in a later step, not here
        outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
        assert outputs["status"] == status
        classroom = json.loads(base64.b64decode(outputs["result"]))
        report = json.loads((repository / "grade-report/report.json").read_text())
        assert sum(t["score"] for t in classroom["tests"]) == report["score"] < 10
        assert summary.read_text().startswith(f"## Score: {report['score']:g} / 10")
        junit = (repository / "grade-report/junit.xml").read_text()
        assert "<testsuites" in junit and f'name="score" value="{report["score"]}"' in junit
