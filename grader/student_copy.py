"""The answer-free student copy of the grader: what a student installs to run `grade` and `check`.

`record_course` grades each model solution once with a `recording.Recorder` on (every check's
requests, the correct answers, the reference's truths and tolerances, timing as a recipe and a
calibrated amount of work). `build_student_copy` lays out an installable package holding the
engine and that recording, and nothing that computes an answer: no `reference/`, no
`grader/exercises/` (whose simulated mistakes are near-solutions), no stand-ins, no teacher
commands, no model solutions, no quiz keys.

Official grading keeps using the full grader with a fresh secret seed; the copy's verdicts are
those of the recorded cases (how often they differ is measured by `bench/student_copy_agreement.py`).
"""

from __future__ import annotations

import fnmatch
import re
import shutil
from pathlib import Path

from grader.checks import GATES, JOB
from grader.i18n import _
from grader.recording import (CourseRecording, RecordedAssignment, RecordedCheck, RecordedExercise, Recorder)

#: what the student copy leaves out of the package (paths relative to `grader/`): the specs and
#: stand-ins (they compute answers), the quiz's generators (they compute the quiz's keys; the
#: bank itself is never in the package), and the teacher's tools (releases, class grading,
#: gradebooks, CI workflows)
LEFT_OUT = ("exercises", "stand_ins.py", "quiz/generators.py",
            "teacher.py", "student_copy.py", "stub_notebooks.py", "class_command.py", "classrun.py",
            "parallel.py", "gradebook.py", "progress.py", "ci", "catalogs.py",
            # the bank's texts and explanations (which say the answers) and the stubs' texts
            "locale/*/LC_MESSAGES/quizbank.*", "locale/*/LC_MESSAGES/course.*")
DISTRIBUTION = "dl-grader-student"
#: gradings of a model solution before its timing verdict counts as real
TIMING_ATTEMPTS = 3


class RecordingError(RuntimeError):
    """A model solution did not score full marks: nothing trustworthy can be recorded from it."""


def record_assignment(assignment_id: str, solution: Path, seed: int, device: str = "cpu") -> RecordedAssignment:
    """Grade `solution` (the model solution) with a recorder on; it must score full marks (a
    timing verdict alone is measured again: a busy machine can make any solution look slow)."""
    import importlib

    import torch

    from grader.course import ASSIGNMENTS
    from grader.runner import Options, grade
    from grader.submission import load_submission

    assignment = importlib.import_module(ASSIGNMENTS[assignment_id][1]).ASSIGNMENT
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # as `grade` runs: the reference's time is measured on one thread
    try:
        for __ in range(TIMING_ATTEMPTS):
            recorder = Recorder()
            report = grade(assignment, load_submission(solution),
                           Options(seed=seed, device=device, recorder=recorder))
            lost = [f"{e.id}: {c.name}: {c.message}" for e in report.exercises for c in e.checks if not c.passed]
            if not lost or any(": timing: " not in line for line in lost):
                break
    finally:
        torch.set_num_threads(threads)
    if lost:
        raise RecordingError(_("the model solution {solution} does not score full marks, so nothing is recorded "
                               "from it: {lost}").format(solution=solution, lost="; ".join(lost)[:600]))
    exercises = []
    for exercise in assignment.exercises:
        seen = recorder.exercises.get(exercise.name, {})
        checks = []
        for check in exercise.all_checks():
            if check.name in GATES or check.name == JOB:
                continue
            recorded = seen.get(check.name) or RecordedCheck(check.name, float(check.weight), tuple(check.requires))
            if check.name == "timing" and recorded.timing is None:
                raise RecordingError(_("{assignment}/{exercise}: the timing check measured nothing").format(
                    assignment=assignment_id, exercise=exercise.name))
            checks.append(recorded)
        exercises.append(RecordedExercise(exercise.name, float(exercise.points), exercise.budget_seconds,
                                          exercise.probe, checks))
    return RecordedAssignment(assignment.id, assignment.module, assignment.title, assignment.backend,
                              assignment.banned, assignment.allowed_note, exercises)


def record_course(solutions: Path, seed: int, assignment_ids: list[str] | None = None,
                  device: str = "cpu") -> CourseRecording:
    """Every assignment (or those named) recorded from `solutions/<id>/<module>.py`."""
    from grader import __version__
    from grader.course import ASSIGNMENTS

    recording = CourseRecording(seed=seed, version=__version__)
    for assignment_id in assignment_ids or list(ASSIGNMENTS):
        module = ASSIGNMENTS[assignment_id][0]
        recording.assignments[assignment_id] = record_assignment(assignment_id, solutions / assignment_id /
                                                                 f"{module}.py", seed, device)
    return recording


PYPROJECT = """\
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "{name}"
version = "{version}"
description = "The course's grader, student copy: grades against answers recorded from the reference."
requires-python = ">=3.10"
dependencies = ["numpy>=2.0", "torch>=2.1", "hypothesis>=6.100", "click>=8.1", "rich>=13", "nbformat>=5.9"]

[project.scripts]
grade = "grader.cli:main"

[tool.setuptools.packages.find]
include = ["grader*"]

[tool.setuptools.package-data]
grader = ["recorded/*.xz"]
"""

README = """\
# The course's grader (student copy)

Install it with `pip install .` from this folder (torch pinned by your course), then run
`grade` in an assignment folder, or `check("sigmoid")` in a notebook.

This copy holds no reference and no solutions: it grades against cases recorded from the
reference when the course was released (seed {seed}), plus the checks that need no reference.
It names fewer causes than official grading, and official grading draws fresh cases with a
secret seed: a full score here is a very good sign, not a promise.
"""


def build_student_copy(recording: CourseRecording, out: Path, source: Path | None = None) -> Path:
    """Lay out the student copy's package in `out` (made empty first) and return it."""
    from grader import __version__

    source = source or Path(__file__).resolve().parent
    if out.exists():
        shutil.rmtree(out)
    package = out / "grader"
    shutil.copytree(source, package, ignore=_left_out(source))
    recording.save(package / "recorded" / "course.pkl.xz")
    (out / "pyproject.toml").write_text(PYPROJECT.format(name=DISTRIBUTION, version=__version__), encoding="utf-8")
    (out / "README.md").write_text(README.format(seed=recording.seed), encoding="utf-8")
    return out


def _left_out(root: Path):
    def ignore(folder: str, names: list[str]) -> list[str]:
        here = Path(folder).resolve()
        return [name for name in names
                if name == "__pycache__" or name.endswith(".pyc")
                or any(fnmatch.fnmatch((here / name).relative_to(root).as_posix(), pattern)
                       for pattern in LEFT_OUT)]
    return ignore


def _computes(line: str) -> bool:
    """A line that computes something (numpy, torch, arithmetic, a return): an import or a bare
    `for`/`if` line is in any Python program and tells nothing of an answer."""
    if line.startswith(("import ", "from ", "#")):
        return False
    if line.endswith(":") and line.startswith(("def ", ")", "class ")):
        return False  # a signature or its end (`) -> torch.Tensor:`): any contract's
    return bool(re.search(r"np\.|torch|F\.|return |[-+*/@]|\*\*", line.replace("->", "")))


def _quiz_keys() -> list[tuple[str, bytes]]:
    """What of the quiz bank says an answer, as bytes to look for: each explanation's first
    line, in English and in every translation of it."""
    import tomllib

    from grader import catalogs
    from grader.i18n import LANGUAGES

    texts: list[tuple[str, str]] = []
    for path in catalogs.sources("quizbank"):
        for question in tomllib.loads(path.read_text(encoding="utf-8")).get("question", []):
            texts.append((f"explanation of {question.get('id')}", str(question.get("explanation", "")).strip()))
    translated = [catalogs.read_catalog("quizbank", language) for language in LANGUAGES if language != "en"]
    found = []
    for what, text in texts:
        for version in [text] + [c.get(text).string for c in translated if c.get(text) and c.get(text).string]:
            first = version.splitlines()[0].strip()[:40] if version.strip() else ""
            if len(first) >= 20:  # a catalog wraps long lines: the opening words stay together
                found.append((what, first.encode("utf-8")))
    return found


def leaks(out: Path, solutions: Path, course: Path | None = None) -> list[str]:
    """Where the copy in `out` (the built folder, or the site-packages it was installed into)
    holds anything that computes an answer: a `reference` or `grader/exercises` folder, or, in
    its `grader` package or top-level files, a line of a model solution or of the reference
    that the assignments' stubs do not hold themselves (as `path: line`); or, in any file, in
    any language it is translated into, the explanation of a quiz question (which says its
    answer)."""
    from grader.stub_notebooks import course_root
    from grader.teacher import leak_lines

    root = course_root(course)
    import reference

    secrets = [p.read_text(encoding="utf-8") for p in sorted(solutions.glob("*/*.py"))]
    secrets += [p.read_text(encoding="utf-8") for p in sorted(Path(reference.__file__).parent.glob("*.py"))]
    stubs = "\n".join(p.read_text(encoding="utf-8") for p in sorted((root / "assignments").glob("*/*.py")))
    secret_lines = {line for line in leak_lines(stubs, *secrets) if _computes(line)}
    found = [f"{folder}: a folder of answers" for folder in (out / "reference", out / "grader" / "exercises")
             if folder.exists()]
    files = [f for f in out.iterdir() if f.is_file()] + sorted((out / "grader").rglob("*"))
    keys = _quiz_keys()
    for file in files:
        if file.is_file():
            data = file.read_bytes()
            found += [f"{file}: the quiz's {what}" for what, text in keys if text in data][:1]
        if not file.is_file() or file.suffix not in (".py", ".md", ".toml", ".txt", ".cfg", ".ipynb"):
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        found += [f"{file}: {line}" for line in sorted(secret_lines) if line in text]
    return found
