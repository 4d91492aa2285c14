"""The collection of student submissions in tests/: finding them, composing them, judging reports.

A submission file states its expected outcome in its docstring (see tests/variants/README.md).
This module turns those lines into `Expectation`s and checks a grader report against them, so
the tests themselves stay one line each.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from grader.course import ASSIGNMENTS

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
MODEL_SOLUTIONS = TESTS / "model_solutions"
VARIANTS = TESTS / "variants"
HOSTILE = TESTS / "hostile"

_EXPECT = re.compile(r"^(?P<exercise>[\w*]+)(?:\.(?P<check>\w+))?\s*(?P<zero>=\s*0)?\s*(?:~\s*(?P<regex>.+))?$")


@dataclass(frozen=True)
class Expectation:
    """`exercise` (or `*`) loses marks (`zero`: scores 0; `check`: only that check fails), and a
    failed check's message (or a notice) matches `regex`."""

    exercise: str
    check: str | None = None
    zero: bool = False
    regex: str | None = None


@dataclass
class Submission:
    path: Path
    assignment_id: str
    kind: str
    whole: bool = False
    full: bool = False
    expectations: list[Expectation] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.path.relative_to(TESTS))

    @property
    def module(self) -> str:
        return ASSIGNMENTS[self.assignment_id][0]

    @property
    def named(self) -> set[str]:
        return {e.exercise for e in self.expectations}

    def source(self) -> str:
        """The file as graded: the model solution with this patch appended, or the file alone."""
        own = self.path.read_text()
        if self.whole:
            return own
        model = (MODEL_SOLUTIONS / self.assignment_id / f"{self.module}.py").read_text()
        return model + "\n\n# ---- variant: " + self.path.name + "\n" + own

    def place(self, folder: Path) -> Path:
        """Write the submission (and the files shipped beside it) into `folder`; its path."""
        folder.mkdir(parents=True, exist_ok=True)
        if self.path.parent.name not in (self.assignment_id, self.kind):  # a directory submission
            for item in self.path.parent.iterdir():
                target = folder / item.name
                if item.is_dir():
                    shutil.copytree(item, target)
                else:
                    shutil.copy(item, target)
        target = folder / f"{self.module}.py"
        target.write_text(self.source())
        return target


def parse(path: Path, assignment_id: str, kind: str) -> Submission:
    tree = ast.parse(path.read_text())
    doc = ast.get_docstring(tree) or ""
    submission = Submission(path, assignment_id, kind)
    for raw in doc.splitlines():
        line = raw.strip()
        if line == "composition: whole":
            submission.whole = True
        elif line.startswith("absent:"):
            submission.absent.append(line.split(":", 1)[1].strip())
        elif line.startswith("expect:"):
            body = line.split(":", 1)[1].strip()
            if body == "full":
                submission.full = True
                continue
            match = _EXPECT.match(body)
            if match is None:
                raise ValueError(f"{path}: cannot read the line {line!r}")
            submission.expectations.append(Expectation(match["exercise"], match["check"],
                                                       bool(match["zero"]), match["regex"]))
    if not submission.full and not submission.expectations:
        raise ValueError(f"{path}: no `expect:` line")
    return submission


def variants(assignment_ids: list[str] | None = None) -> list[Submission]:
    found = []
    for folder in sorted(VARIANTS.iterdir()):
        if not folder.is_dir() or (assignment_ids is not None and folder.name not in assignment_ids):
            continue
        for kind_folder in sorted(p for p in folder.iterdir() if p.is_dir()):
            for path in sorted(kind_folder.glob("*.py")):
                found.append(parse(path, folder.name, kind_folder.name))
    return found


def hostile(assignment_ids: list[str] | None = None) -> list[Submission]:
    found = []
    for folder in sorted(HOSTILE.iterdir()):
        if not folder.is_dir() or (assignment_ids is not None and folder.name not in assignment_ids):
            continue
        for item in sorted(folder.iterdir()):
            if item.suffix == ".py":
                found.append(parse(item, folder.name, "hostile"))
            elif item.is_dir():  # files shipped beside the submission; the submission is <module>.py
                module = ASSIGNMENTS[folder.name][0]
                found.append(parse(item / f"{module}.py", folder.name, "hostile"))
    return found


def problems(submission: Submission, report: dict) -> list[str]:
    """Everything in `report` (one assignment's JSON) that contradicts the submission's lines."""
    found: list[str] = []
    exercises = {e["id"]: e for e in report["exercises"]}
    notices = " ".join(report.get("notices", []))
    for expectation in submission.expectations:
        names = list(exercises) if expectation.exercise == "*" else [expectation.exercise]
        for name in names:
            exercise = exercises.get(name)
            if exercise is None:
                found.append(f"{name}: not in the report")
                continue
            failed = [c for c in exercise["checks"] if not c["passed"]]
            if not failed:
                found.append(f"{name}: expected to lose marks, but scored {exercise['score']}/{exercise['max_score']}")
                continue
            if expectation.zero and exercise["score"] != 0:
                found.append(f"{name}: expected 0, scored {exercise['score']}/{exercise['max_score']} "
                             f"(failed: {_describe(failed)})")
            if expectation.check is not None and [c["name"] for c in failed] != [expectation.check]:
                found.append(f"{name}: expected only `{expectation.check}` to fail, failed: {_describe(failed)}")
            if expectation.regex:
                texts = [c["message"] for c in failed] + [notices]
                if not any(re.search(expectation.regex, t, re.IGNORECASE) for t in texts):
                    found.append(f"{name}: no message matches /{expectation.regex}/; messages: {_describe(failed)}")
    named = submission.named
    if "*" not in named:
        for name, exercise in exercises.items():
            if name not in named and exercise["score"] != exercise["max_score"]:
                failed = [c for c in exercise["checks"] if not c["passed"]]
                found.append(f"{name}: expected full marks, scored {exercise['score']}/{exercise['max_score']} "
                             f"(failed: {_describe(failed)})")
    return found


def _describe(checks: list[dict]) -> str:
    return "; ".join(f"{c['name']}: {c['message']}" for c in checks)[:1500]


def spec_exists(assignment_id: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(ASSIGNMENTS[assignment_id][1]) is not None


#: The suite draws a third of the production examples (the explicit ones always run) to stay
#: within CI's time; `python -m tests.submissions` does the same. Full runs: set it to 1.
EXAMPLES_FACTOR = float(__import__("os").environ.get("GRADER_TEST_EXAMPLES", "0.35"))


def uses_timing(submission: Submission) -> bool:
    """Timing is measured for slow and hostile code (forged clocks), skipped otherwise (the
    correct side of the calibration is bench/timing_flips.py):
    a buggy variant's timing check does not run anyway, and the suite stays fast."""
    return submission.kind in ("slow", "hostile") or any(e.check == "timing" for e in submission.expectations)


#: the folder where this test process's practice-style gradings keep their cases (made on first use)
_SUITE_CASES: list[Path] = []


def suite_case_cache() -> Path:
    """This test process's own case cache: a replay reports what a search does (tests/
    test_case_cache.py), so the suite's gradings of right and buggy code share their kept cases."""
    if not _SUITE_CASES:
        import atexit
        import tempfile

        _SUITE_CASES.append(Path(tempfile.mkdtemp(prefix="grader-suite-cases-")))
        atexit.register(shutil.rmtree, _SUITE_CASES[0], True)
    return _SUITE_CASES[0]


def grade_in_process(submission: Submission, folder: Path, seed: int = 0, case_cache: Path | None | str = "suite"
                     ) -> dict:
    """Grade the submission as `grade FILE --format json` would, in this process, keeping the
    cases of passing searches in `case_cache` as practice runs do ("suite": this test process's
    own, except for hostile code, graded as officially, without one; None: without one)."""
    if case_cache == "suite":
        case_cache = None if submission.kind == "hostile" else suite_case_cache()
    import json

    from grader.course import load_assignment
    from grader.report import to_json
    from grader.runner import Options, grade
    from grader.submission import load_submission

    import torch

    torch.set_num_threads(1)  # as the CLI does: a multi-threaded reference on busy cores is erratic
    file = submission.place(folder)
    options = Options(seed=seed, device="cpu", timing=uses_timing(submission), examples_factor=EXAMPLES_FACTOR,
                      shrink_seconds=1.0, case_cache=case_cache)
    result = grade(load_assignment(submission.assignment_id), load_submission(file), options)
    return json.loads(to_json([result]))


def main(argv: list[str]) -> int:
    """`python -m tests.submissions [ASSIGNMENT_ID|PATH_PART ...]`: grade matching variants,
    print each one's problems (a quick loop while writing checks); GRADER_TEST_SEED=N grades
    with another seed."""
    import tempfile
    import time

    import torch

    torch.set_num_threads(1)
    seed = int(os.environ.get("GRADER_TEST_SEED", "0"))  # other seeds find expectations that hold by luck
    selected = [s for s in variants() + hostile()
                if not argv or any(a == s.assignment_id or a in s.id for a in argv)]
    bad = 0
    for submission in selected:
        if submission.kind == "hostile" and submission.whole is False and not argv:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            report = grade_in_process(submission, Path(tmp) / "work", seed)
            found = problems(submission, report)
        seconds = time.perf_counter() - started
        bad += bool(found)
        print(f"{'FAIL' if found else 'ok  '} {seconds:5.1f}s {submission.id}", flush=True)
        for problem in found:
            print("       " + problem, flush=True)
    print(f"{bad} of {len(selected)} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
