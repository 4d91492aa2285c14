"""`check(...)`: grading from inside a notebook (or a script), with the same checks as `grade`.

    from grader import check
    check("sigmoid")          # one exercise: what the notebook defines at this point
    check()                   # every exercise of the assignment the notebook is working on

The code graded is the notebook's executed cells so far, in the order they ran (IPython's `In`),
run in the sandbox exactly as `grade` runs a notebook; nothing of the kernel's live objects is
trusted. The result displays as HTML in Jupyter and as text elsewhere, and it is shaped for
nbgrader's rule for grade cells (`nbgrader.utils.determine_grade`: an error or any stderr output
scores 0, a number as the cell's result is partial credit): `check` never raises and writes
nothing to stderr, and the cell's result's plain text is the score as a number.

The score a teacher records never comes from here: a kernel the student controls can redefine
`check`. Official scores come from grading the handed-in notebook outside the kernel.
"""

from __future__ import annotations

import atexit
import contextlib
import html
import io
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.i18n import _
from grader.results import AssignmentResult

_SANDBOXES: dict[bool, Any] = {}


@dataclass
class CheckReport:
    """What `check` found: `result` (an AssignmentResult), and `score` / `max_score` of what was
    asked for (one exercise, or the whole assignment)."""

    result: AssignmentResult
    score: float
    max_score: float
    problem: str = ""
    #: the language its messages were made in, and its text and HTML are shown in
    language: str = "en"

    def __repr__(self) -> str:  # nbgrader reads a grade cell's text/plain result as its partial credit
        return f"{self.score:g}"

    def __float__(self) -> float:
        return float(self.score)

    def text(self) -> str:
        from rich.console import Console

        from grader.i18n import using
        from grader.report import render_text

        buffer = io.StringIO()
        if self.problem:
            buffer.write(self.problem + "\n")
        with using(self.language):
            render_text([self.result], Console(file=buffer, highlight=False, soft_wrap=True, color_system=None))
        return buffer.getvalue()

    def _repr_html_(self) -> str:
        from grader.i18n import using

        with using(self.language):
            return self._html()

    def _html(self) -> str:
        from grader.i18n import _
        from grader.report import exercise_lines

        rows = []
        for exercise in self.result.exercises:
            mark = "&#10003;" if exercise.passed else "&#10007;"
            colour = "#1a7f37" if exercise.passed else "#cf222e"
            details = [html.escape(text) for _, text in exercise_lines(self.result, exercise)]
            rows.append(f'<tr><td style="color:{colour}">{mark}</td><td><code>{html.escape(exercise.id)}</code></td>'
                        f"<td>{exercise.score:g} / {exercise.max_score:g}</td>"
                        f'<td style="text-align:left">{"<br>".join(details)}</td></tr>')
        notices = "".join(f"<p>{html.escape(n)}</p>" for n in self.result.notices)
        seed_word = _("seed")
        problem = f"<p><b>{html.escape(self.problem)}</b></p>" if self.problem else ""
        return (f"<div>{problem}<p><b>{html.escape(self.result.assignment)}: {self.score:g} / {self.max_score:g}</b>"
                f" ({seed_word} {self.result.seed})</p>{notices}<table>{''.join(rows)}</table></div>")


def _executed_cells() -> tuple[list[tuple[int, str]], Path, str]:
    """The code run so far, the folder it runs in and the file's name to show: a notebook's
    (IPython) inputs by execution count, or the running script's source as one cell."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is not None:
        inputs = list(shell.user_ns.get("In", []))
        return [(number, code) for number, code in enumerate(inputs) if str(code).strip()], Path.cwd(), ""
    main = sys.modules.get("__main__")
    file = getattr(main, "__file__", None)
    if not file:
        return [], Path.cwd(), ""
    return [(1, Path(file).read_text(encoding="utf-8"))], Path(file).resolve().parent, Path(file).name


def _assignment_for(name: str | None, cells: list[tuple[int, str]]) -> str | None:
    """Which assignment: `name` itself if it is one; else the one with an exercise called
    `name` (or, for no name, any) whose functions the code defines most of."""
    import ast

    from grader.course import ASSIGNMENTS, load_assignment

    if name in ASSIGNMENTS:
        return name
    defined: set[str] = set()
    for _number, code in cells:
        with contextlib.suppress(SyntaxError, ValueError):
            defined |= {n.name for n in ast.parse(code).body if isinstance(n, ast.FunctionDef)}
    best, best_count = None, -1
    for assignment_id in ASSIGNMENTS:
        try:
            names = {e.name for e in load_assignment(assignment_id).exercises}
        except (ModuleNotFoundError, LookupError):  # not in this copy of the grader
            continue
        if name is not None and name not in names:
            continue
        count = len(names & defined)
        if count > best_count:
            best, best_count = assignment_id, count
    return best


def _sandbox(torch_backend: bool) -> Any:
    from grader.sandbox.host import Sandbox

    if torch_backend not in _SANDBOXES:
        sandbox = Sandbox(torch=torch_backend)
        sandbox.start()
        _SANDBOXES[torch_backend] = sandbox
        atexit.register(sandbox.close)
    return _SANDBOXES[torch_backend]


def check(name: str | None = None, *, seed: int = 0, timing: bool = True, device: str = "cpu",
          lang: str | None = None) -> CheckReport:
    """Grade exercise `name` (a function name such as "sigmoid"), or the whole assignment (no
    name, or an assignment id such as "05_softmax"), on the code run so far; return and show
    the result. Never raises: a problem is part of the result, which then scores 0. `lang`:
    "en" or "zh", the language of the messages (default: what the environment says, as `grade`)."""
    from grader.i18n import language_from_environment, normalise, using

    language = normalise(lang) if lang else language_from_environment()
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()), using(language or "en"):
        warnings.simplefilter("ignore")
        report = _check(name, seed=seed, timing=timing, device=device)
        report.language = language or "en"
    try:
        from IPython import get_ipython

        in_jupyter = type(get_ipython()).__name__ == "ZMQInteractiveShell"
    except ImportError:
        in_jupyter = False
    if not in_jupyter:
        print(report.text(), end="")
    return report


def _check_quiz(name: str | None, cells: list[tuple[int, str]], seed: int) -> CheckReport | None:
    """`check("07_quiz")` (or a question's id) in the quiz notebook: the answer cells run so
    far, read from their code as `grade quiz.ipynb` reads the file. None for anything else."""
    from grader.quiz.bank import QUIZ_ID, load_bank
    from grader.quiz.grading import grade_text
    from grader.quiz.notebook import answers_in_code

    if name != QUIZ_ID and not (name and any("answer(" in str(code) for _, code in cells)):
        return None
    bank = load_bank()
    if name != QUIZ_ID and bank.get(name) is None:
        return None
    text, notices = answers_in_code([str(code) for _, code in cells])
    result = grade_text(bank, text, "quiz notebook", None, seed)
    result.notices[:0] = notices
    if name != QUIZ_ID:
        result.exercises = [e for e in result.exercises if e.id == name]
    score = round(sum(e.score for e in result.exercises), 4)
    return CheckReport(result, score, round(sum(e.max_score for e in result.exercises), 4))


def _check(name: str | None, *, seed: int, timing: bool, device: str) -> CheckReport:
    from grader.course import TORCH_ASSIGNMENTS, load_assignment
    from grader.runner import Options, grade
    from grader.submission import Submission, cell_python, without_checks

    cells, folder, script = _executed_cells()
    quiz = _check_quiz(name, cells, seed)
    if quiz is not None:
        return quiz
    assignment_id = _assignment_for(name, cells)
    if assignment_id is None:
        empty = AssignmentResult("?", "notebook", seed)
        return CheckReport(empty, 0.0, 0.0, _('no exercise is called {name}; check the spelling (e.g. check("sigmoid")) or name an assignment (check("01_activations"))').format(name=repr(name)))
    assignment = load_assignment(assignment_id)
    graded = [(number, without_checks(cell_python(str(code)))) for number, code in cells]
    source = "\n\n".join(f"# cell {number}\n{code}" for number, code in graded) + "\n"
    shown = script or f"{assignment.module}.ipynb"  # the notebook's own name is not known to its kernel
    submission = Submission(folder / shown, source, shown, tuple(graded), folder)
    only = frozenset({name}) if name is not None and name != assignment_id else None
    from grader.case_cache import cache_folder

    # practice, as `grade` without --official: passing searches keep their cases for the next check()
    options = Options(seed=seed, device=device, timing=timing, only=only, case_cache=cache_folder())
    try:
        result = grade(assignment, submission, options, _sandbox(assignment_id in TORCH_ASSIGNMENTS))
    except Exception as error:  # noqa: BLE001 - a notebook cell must never be zeroed by the grader's own error
        empty = AssignmentResult(assignment_id, "notebook", seed)
        return CheckReport(empty, 0.0, 0.0, _('the grader could not run ({kind}: {error})').format(kind=type(error).__name__, error=error))
    return CheckReport(result, result.score, result.max_score)
