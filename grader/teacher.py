"""`grade-teacher`: the course's notebooks, nbgrader releases, and scores no kernel can forge.

    grade-teacher notebooks [--check]               # assignments/<id>/<module>.ipynb from the stubs
    grade-teacher generate COURSE --assignment 05_softmax
    grade-teacher autograde COURSE 05_softmax > grades.csv
    grade-teacher --lang zh ...                     # the messages and help in Chinese
    grade-teacher notebooks --lang zh --out DIR     # a release in Chinese (also `generate --lang zh`)

`generate` lays out an nbgrader course folder: `source/<id>/<module>.ipynb` is the assignment's
notebook (`grader.stub_notebooks`) with nbgrader's metadata: Markdown and the setup cell
read-only, each function cell a solution cell holding the model solution between
`### BEGIN SOLUTION` / `### END SOLUTION` (after the stub's signature and docstring), each
`check("name")` cell an autograder-tests cell (locked) worth the exercise's points. With
`ClearSolutions.code_stub` set to `raise NotImplementedError` (in the `nbgrader_config.py` it
writes), nbgrader's own `generate_assignment` turns that into exactly the students' notebook; the
command runs it, then checks the release: its cells equal the stub notebook's, and it holds no
solution marker, no hidden tests, and no line of the model solution or the reference.

`autograde` runs nbgrader's `autograde` (by default without executing the notebooks: student code
then runs nowhere but in the sandbox) and writes each exercise's score into nbgrader's gradebook
from the sandboxed grader: `grader.runner.grade` on the autograded notebook (locked cells put
back by nbgrader), as `grade` runs it, with an official secret seed. A grade cell's score in
the kernel is whatever the kernel prints (`check` redefined, the grader patched, a number
printed): here it is replaced by what the code earns. `--execute` also runs nbgrader's
execution for the notebooks' outputs in the feedback; that runs student code in a Jupyter kernel
under your own account, outside the sandbox (nbgrader's design): use it only for code you trust.
"""

from __future__ import annotations

import ast
import json
import os
import secrets
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

import click
import nbformat

from grader import i18n
from grader.course import ASSIGNMENTS, TORCH_ASSIGNMENTS
from grader.i18n import language_option
from grader.i18n import _
from grader.quiz.bank import QUIZ_ID
from grader.stub_notebooks import (StubError, StubFunction, StubModule, build_notebook, course_root, notebook_text,
                                   release_stub, stub_path, write_notebooks)

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
#: what the release must never hold (nbgrader's markers for solutions, hidden tests, mark schemes)
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN MARK SCHEME",
           "END MARK SCHEME")
#: a line of the model solution or the reference shorter than this is not looked for in the
#: release (`return out` could be anyone's)
LEAK_MIN_CHARS = 12
CHECK_SUFFIX = "-check"
CODE_SUFFIX = "-code"
#: nbgrader cell metadata (schema 3, as nbgrader 0.9's "Create Assignment" writes it)
SCHEMA_VERSION = 3

NBGRADER_CONFIG = '''\
"""nbgrader's configuration for this course, written by `grade-teacher generate` (edit freely:
it is not rewritten once it exists)."""

c = get_config()  # noqa: F821 - nbgrader's config loader provides it

c.CourseDirectory.course_id = "dl-grader"
# A function cell holds the model solution between ### BEGIN SOLUTION / ### END SOLUTION, after
# the stub's signature and docstring; the release gets the stub's own body in its place.
c.ClearSolutions.code_stub = {"python": "raise NotImplementedError"}
# check("name") cells grade in a sandbox: give a cell time for it. The scores that count are
# written by `grade-teacher autograde`, never taken from a student's kernel.
c.Execute.timeout = 600
'''


class TeacherError(Exception):
    """Something the command cannot do; the message says why (one or a few lines)."""


# --- the nbgrader source notebook --------------------------------------------------------------


def _bound_names(statement: ast.stmt) -> set[str]:
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return {(alias.asname or alias.name).split(".")[0] for alias in statement.names}
    return set()


def _used_names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _reindent(text: str, indent: str) -> str:
    return textwrap.indent(textwrap.dedent(text), indent, lambda line: bool(line.strip()))


def solution_cells(stub: StubModule, solution_file: Path) -> dict[str, str]:
    """Function name -> the nbgrader source cell: the stub's signature and docstring, then the
    model solution's body between nbgrader's markers. What the body needs from the model's
    module (imports the stub lacks, helper functions) goes inside the markers too, so the
    release keeps nothing of it."""
    text = solution_file.read_text(encoding="utf-8")
    tree = ast.parse(text, filename=str(solution_file))
    lines = text.splitlines()
    stub_imports = {ast.dump(node) for node in ast.parse(stub.imports).body} if stub.imports else set()
    functions: dict[str, ast.FunctionDef] = {}
    imports: list[ast.stmt] = []
    for index, node in enumerate(tree.body):
        if isinstance(node, ast.FunctionDef):
            functions[node.name] = node
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            if ast.dump(node) not in stub_imports:
                imports.append(node)
        elif not (index == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            raise TeacherError(_("{file}:{line}: a model solution may hold only imports and functions at its "
                                 "top level (found {kind})").format(file=solution_file, line=node.lineno,
                                                                    kind=type(node).__name__))
    stub_names = {f.name for f in stub.functions}
    helpers = [name for name in functions if name not in stub_names]
    cells = {}
    for function in stub.functions:
        if function.name not in functions:
            raise TeacherError(_("{file}: no model solution for {name}").format(file=solution_file,
                                                                                 name=function.name))
        model = functions[function.name]
        _same_signature(function, model, solution_file)
        needed, pending = [], [model]
        while pending:  # helpers the function reaches, through other helpers too
            for name in sorted(_used_names(pending.pop())):
                if name in helpers and name not in needed:
                    needed.append(name)
                    pending.append(functions[name])
        ordered = [name for name in helpers if name in needed]
        used = _used_names(model).union(*(_used_names(functions[name]) for name in ordered))
        parts = ["\n".join(lines[node.lineno - 1:node.end_lineno]) for node in imports if _bound_names(node) & used]
        parts += ["\n".join(lines[functions[name].lineno - 1:functions[name].end_lineno]) for name in ordered]
        parts.append(_body(model, lines))
        indent = function.indent
        region = "\n".join(_reindent(part, indent) for part in parts)
        cells[function.name] = f"{function.head}\n{indent}{BEGIN_SOLUTION}\n{region}\n{indent}{END_SOLUTION}"
    return cells


def _same_signature(function: StubFunction, model: ast.FunctionDef, solution_file: Path) -> None:
    stub_args = ast.parse(function.source).body[0].args  # type: ignore[attr-defined]
    if ast.dump(stub_args) != ast.dump(model.args):
        raise TeacherError(_("{file}:{line}: {name} has the signature ({model}) where the stub has ({stub})").format(
            file=solution_file, line=model.lineno, name=model.name, model=ast.unparse(model.args),
            stub=ast.unparse(stub_args)))


def _body(model: ast.FunctionDef, lines: list[str]) -> str:
    """The model function's body as written (comments included), without its docstring."""
    body = model.body
    has_doc = isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
        and isinstance(body[0].value.value, str)
    if has_doc and len(body) == 1:
        raise TeacherError(_("{name}: the model solution has no body").format(name=model.name))
    start = body[0].end_lineno if has_doc else body[0].lineno - 1
    return "\n".join(lines[start:model.end_lineno]).strip("\n")


def _nbgrader(cell: nbformat.NotebookNode, grade_id: str, *, grade: bool = False, solution: bool = False,
              locked: bool = False, points: float | None = None) -> None:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA_VERSION,
            "solution": solution}
    if points is not None:
        meta["points"] = int(points) if float(points).is_integer() else points
    cell.metadata["nbgrader"] = meta


def source_notebook(stub: StubModule, solution_file: Path, points: dict[str, float] | None = None
                    ) -> nbformat.NotebookNode:
    """The nbgrader source notebook: the stub notebook, model solutions inside the markers,
    nbgrader metadata on every cell (grade_id = the cell's id)."""
    notebook = build_notebook(stub, points, solutions=solution_cells(stub, solution_file))
    for cell in notebook.cells:
        if cell.id.endswith(CODE_SUFFIX):
            _nbgrader(cell, cell.id, solution=True)
        elif cell.id.endswith(CHECK_SUFFIX):
            name = cell.id[:-len(CHECK_SUFFIX)]
            cell_points = (points or _exercise_points(stub.assignment_id))[name]
            _nbgrader(cell, cell.id, grade=True, locked=True, points=cell_points)
        else:  # the introduction, the setup cell and each contract: read-only
            _nbgrader(cell, cell.id, locked=True)
    nbformat.validate(notebook)
    return notebook


def _exercise_points(assignment_id: str) -> dict[str, float]:
    from grader.course import load_assignment

    return {e.name: float(e.points) for e in load_assignment(assignment_id).exercises}


# --- generate: source/, nbgrader generate_assignment, the release checked ------------------------


def run_nbgrader(course: Path, *args: str) -> str:
    """Run `nbgrader ARGS` in the course folder (this Python, so this environment's kernel);
    its log, or TeacherError with the log's end."""
    import importlib.util

    if importlib.util.find_spec("nbgrader") is None:
        raise TeacherError(_("nbgrader is not installed here: pip install 'dl-grader[teacher]'"))
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, capture_output=True, text=True,
                          env={**os.environ, "PYTHONUNBUFFERED": "1",
                               # nbgrader runs its own tools (alembic) from the environment it is installed in
                               "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])})
    log = done.stdout + done.stderr
    if done.returncode != 0:
        tail = "\n".join(log.strip().splitlines()[-15:])
        raise TeacherError(_("nbgrader {command} failed (exit {status}):\n{tail}").format(
            command=" ".join(args), status=done.returncode, tail=tail))
    return log


def write_config(course: Path) -> Path:
    """nbgrader_config.py, written if absent; an existing one must keep the release's code stub."""
    config = course / "nbgrader_config.py"
    if not config.exists():
        config.write_text(NBGRADER_CONFIG, encoding="utf-8")
    elif "ClearSolutions.code_stub" not in config.read_text(encoding="utf-8"):
        raise TeacherError(_("{config}: add `c.ClearSolutions.code_stub = {{\"python\": \"raise NotImplementedError\"}}` "
                             "so the release gets the stubs' own bodies").format(config=config))
    return config


def leak_lines(stub_text: str, *secret_texts: str) -> set[str]:
    """Lines of the secret texts (model solution, reference) that the stub does not hold: none
    of them may appear in a release."""
    found = set()
    for text in secret_texts:
        for line in text.splitlines():
            line = line.strip()
            if len(line) >= LEAK_MIN_CHARS and line not in stub_text:
                found.add(line)
    return found


def release_problems(release_dir: Path, module: str, stub_notebook: nbformat.NotebookNode,
                     secrets: set[str], extra: tuple[str, ...] = ()) -> list[str]:
    """What is wrong with a release: missing or extra files, cells that are not the stub
    notebook's, solution or hidden-test markers, secret lines."""
    problems = []
    notebook_file = release_dir / f"{module}.ipynb"
    if not notebook_file.is_file():
        return [_("{path}: not in the release").format(path=notebook_file)]
    for path in sorted(release_dir.rglob("*")):
        if path.is_file() and path != notebook_file and ".ipynb_checkpoints" not in path.parts \
                and path.name not in extra:
            problems.append(_("{path}: a file the students should not get").format(path=path))
    raw = notebook_file.read_text(encoding="utf-8")
    released = nbformat.reads(raw, as_version=4)
    texts = [raw]
    for cell in released.cells:
        texts.append(cell.source)
        for output in cell.get("outputs", []):
            texts.append(str(output))
    every = "\n".join(texts)
    problems += [_("{path}: holds {marker}").format(path=notebook_file, marker=repr(marker))
                 for marker in MARKERS if marker in every]
    problems += [_("{path}: holds a line of the model solution or the reference: {line}").format(
        path=notebook_file, line=repr(line)) for line in sorted(secrets) if line in every]
    sources = [(cell.cell_type, cell.source) for cell in released.cells]
    expected = [(cell.cell_type, cell.source) for cell in stub_notebook.cells]
    if sources != expected:
        differing = next((i for i, (a, b) in enumerate(zip(sources, expected)) if a != b), min(len(sources),
                                                                                               len(expected)))
        problems.append(_("{path}: cell {cell} differs from the stub notebook's ({cells} cells, the stub "
                          "notebook has {expected})").format(path=notebook_file, cell=differing + 1,
                                                             cells=len(sources), expected=len(expected)))
    for cell in released.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and cell.source.strip() != f'check("{cell.id[:-len(CHECK_SUFFIX)]}")':
            problems.append(_("{path}: grade cell {cell} holds more than its check").format(
                path=notebook_file, cell=meta.get("grade_id")))
    return problems


@dataclass
class Release:
    assignment_id: str
    source: Path
    release: Path
    problems: list[str] = field(default_factory=list)


def generate(course: Path, assignment_ids: list[str], root: Path, solutions: Path,
             roster: tuple[str, ...] = (), language: str = "en") -> list[Release]:
    """Lay out source/<id>/ for each assignment, run nbgrader's generate_assignment, check each
    release. `language`: the release's (its stubs' docstrings and notebooks' Markdown; the
    `course` catalog has the docstrings, `grader.stub_notebooks` makes the notebooks)."""
    import reference

    course.mkdir(parents=True, exist_ok=True)
    write_config(course)
    done = []
    for assignment_id in assignment_ids:
        if assignment_id == QUIZ_ID:
            done.append(_generate_quiz(course, root, roster, language))
            continue
        module = ASSIGNMENTS[assignment_id][0]
        solution_file = solutions / assignment_id / f"{module}.py"
        if not solution_file.is_file():
            raise TeacherError(_("{file}: no model solution (pass --solutions DIR)").format(file=solution_file))
        points = _exercise_points(assignment_id)
        with i18n.using(language):
            stub = release_stub(root, assignment_id)
            source = source_notebook(stub, solution_file, points)
            stub_notebook = build_notebook(stub, points)
        source_dir = course / "source" / assignment_id
        source_dir.mkdir(parents=True, exist_ok=True)
        source_file = source_dir / f"{module}.ipynb"
        source_file.write_text(notebook_text(source), encoding="utf-8")
        run_nbgrader(course, "generate_assignment", assignment_id, "--force")
        reference_file = Path(reference.__file__).resolve().parent / f"{module}.py"
        stub_text = stub_path(root, assignment_id).read_text(encoding="utf-8") + "\n" + \
            "\n".join(cell.source for cell in stub_notebook.cells)
        secrets = leak_lines(stub_text,
                             solution_file.read_text(encoding="utf-8"),
                             reference_file.read_text(encoding="utf-8") if reference_file.is_file() else "")
        release_dir = course / "release" / assignment_id
        problems = release_problems(release_dir, module, stub_notebook, secrets)
        done.append(Release(assignment_id, source_file, release_dir, problems))
    return done


def quiz_source_notebook(bank) -> nbformat.NotebookNode:  # noqa: ANN001
    """The quiz notebook with nbgrader's metadata: each question's `check` cell a grade cell worth
    its points, the answer cells the students' own, everything else read-only. No solution is
    in it (numbers differ per student; the keys stay in the bank)."""
    from grader.quiz.notebook import quiz_notebook

    notebook = quiz_notebook(bank)
    for cell in notebook.cells:
        if cell.id.endswith(CHECK_SUFFIX):
            _nbgrader(cell, cell.id, grade=True, locked=True, points=bank.get(cell.id[:-len(CHECK_SUFFIX)]).points)
        elif not cell.id.endswith("-answer"):
            _nbgrader(cell, cell.id, locked=True)
    nbformat.validate(notebook)
    return notebook


def _generate_quiz(course: Path, root: Path, roster: tuple[str, ...] = (), language: str = "en") -> Release:
    """The quiz's release: its notebook, and `quiz_numbers.json` with each student's numbers
    (students in `roster` and in nbgrader's gradebook) where there are students to number."""
    from grader.quiz.bank import load_bank
    from grader.quiz.notebook import NOTEBOOK_FILE, NUMBERS_FILE, numbers_for, quiz_notebook

    bank = load_bank(root / "assignments" / QUIZ_ID / "bank")
    source_file = course / "source" / QUIZ_ID / NOTEBOOK_FILE
    source_file.parent.mkdir(parents=True, exist_ok=True)
    with i18n.using(language):
        source = quiz_source_notebook(bank)
        students_notebook = quiz_notebook(bank)
    source_file.write_text(notebook_text(source), encoding="utf-8")
    run_nbgrader(course, "generate_assignment", QUIZ_ID, "--force")
    release_dir = course / "release" / QUIZ_ID
    problems = release_problems(release_dir, Path(NOTEBOOK_FILE).stem, students_notebook, set(),
                                extra=(NUMBERS_FILE,))
    students = sorted(set(roster) | set(_gradebook_students(course)))
    if students:  # the students' numbers (never answers), for `show` where no bank is installed
        numbers = json.dumps(numbers_for(bank, students), ensure_ascii=False, indent=1, sort_keys=True)
        (release_dir / NUMBERS_FILE).write_text(numbers + "\n", encoding="utf-8")
    return Release(QUIZ_ID, source_file, release_dir, problems)


def _gradebook_students(course: Path) -> list[str]:
    """The students nbgrader's gradebook knows (`nbgrader db student add`), if it has any."""
    from nbgrader.api import Gradebook

    coursedir = course_directory(course)
    with Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
        return [student.id for student in gradebook.students]


def _module(assignment_id: str) -> str:
    """The notebook's name (without .ipynb) in a release of the assignment."""
    return "quiz" if assignment_id == QUIZ_ID else ASSIGNMENTS[assignment_id][0]


# --- autograde: the sandboxed grader's scores in nbgrader's gradebook ---------------------------


@dataclass
class Scored:
    """One student's submission: the sandboxed grader's report, or why there is none."""

    student: str
    path: Path
    result: object | None = None  # AssignmentResult
    problem: str = ""
    #: the grader failed (not the student's file): worth grading again
    grader_error: bool = False


def course_directory(course: Path):  # -> nbgrader.coursedir.CourseDirectory
    """nbgrader's view of the course folder, with its nbgrader_config.py (for custom layouts)."""
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import Config, PyFileConfigLoader

    config = Config()
    if (course / "nbgrader_config.py").is_file():
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course.resolve())
    return CourseDirectory(config=config)


def _exercise_comment(result, exercise_id: str) -> str | None:
    exercise = next((e for e in result.exercises if e.id == exercise_id), None)
    if exercise is None:
        return None
    lines = [_("Sandboxed grader (seed {seed}): {score} / {max_score}.").format(
        seed=result.seed, score=f"{exercise.score:g}", max_score=f"{exercise.max_score:g}")]
    lines += [f"- {check.name}: {check.message.splitlines()[0][:300] if check.message else _('failed')}"
              for check in exercise.checks if not check.passed]
    lines += [f"- {note[:300]}" for note in exercise.notes]
    return "\n".join(lines)


def write_scores(gradebook, assignment_id: str, scored: Scored) -> dict[str, float]:
    """Set every grade cell of the student's notebook to the sandboxed grader's score for its
    exercise (0, flagged for manual grading, when there is no report or no such exercise); the
    function cells' comments say what failed. A manual score a grader gave stays, and is flagged
    for review, as nbgrader's own autograde does. Returns grade cell -> score written."""
    from nbgrader.api import MissingEntry

    module = _module(assignment_id)
    try:
        notebook = gradebook.find_submission_notebook(module, assignment_id, scored.student)
    except MissingEntry:
        scored.problem = scored.problem or _("no {module} notebook in nbgrader's gradebook for this student").format(
            module=module)
        return {}
    scores = {e.id: e for e in scored.result.exercises} if scored.result is not None else {}
    written = {}
    for grade in notebook.grades:
        name = grade.name[:-len(CHECK_SUFFIX)] if grade.name.endswith(CHECK_SUFFIX) else None
        exercise = scores.get(name)
        if exercise is None:
            grade.auto_score = 0.0
            grade.needs_manual_grade = True
        else:  # the exercise's share of its points (the cell's points are the exercise's, unless
            # the spec changed after the release)
            share = float(exercise.score) / float(exercise.max_score) if exercise.max_score else 0.0
            grade.auto_score = round(min(max(share, 0.0), 1.0) * float(grade.max_score), 4)
            grade.needs_manual_grade = grade.manual_score is not None
        written[grade.name] = grade.auto_score
    for comment in notebook.comments:
        if comment.name.endswith(CODE_SUFFIX):
            text = _exercise_comment(scored.result, comment.name[:-len(CODE_SUFFIX)]) if scored.result else None
            comment.auto_comment = text if text is not None else (
                _("Not graded: {problem}").format(problem=scored.problem) if scored.problem else comment.auto_comment)
    gradebook.db.commit()
    return written


def export_scores(course: Path, assignment_id: str, rows: list) -> list[Scored]:
    """Write a graded class (rows with `student`, `result`, `problem`, `grader_error`, as
    `grade-class` keeps them) into the nbgrader gradebook of `course`, through nbgrader's API:
    each student and their submission are added where nbgrader has none yet (no autograde is
    needed), then every grade cell gets the sandboxed grader's score (`write_scores`). The
    assignment must be in the gradebook (`grade-teacher generate`); TeacherError otherwise."""
    from nbgrader.api import Gradebook, MissingEntry

    if not (course / "nbgrader_config.py").is_file():
        raise TeacherError(_("{course}: no nbgrader_config.py (make the course with `grade-teacher generate`)"
                             ).format(course=course))
    coursedir = course_directory(course)
    done = []
    with Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
        try:
            gradebook.find_assignment(assignment_id)
        except MissingEntry:
            raise TeacherError(_("{assignment}: not in nbgrader's gradebook (run `grade-teacher generate` first)"
                                 ).format(assignment=assignment_id)) from None
        for row in rows:
            gradebook.update_or_create_student(row.student)
            try:
                gradebook.find_submission(assignment_id, row.student)
            except MissingEntry:
                gradebook.add_submission(assignment_id, row.student)
            scored = Scored(row.student, Path(str(getattr(row.result, "source", "") or "")), row.result, row.problem,
                            row.grader_error)
            write_scores(gradebook, assignment_id, scored)
            done.append(scored)
    return done


def autograde(course: Path, assignment_id: str, students: tuple[str, ...], options, *, execute: bool,
              run_nbgrader_first: bool, progress=lambda scored: None, on_failure=lambda logs: None
              ) -> list[Scored]:
    """nbgrader's autograde (unless `run_nbgrader_first` is False), then the sandboxed grader's
    scores written into the gradebook for each submission (or only `students`).

    Where nbgrader's autograde fails on some notebooks (`on_failure` gets its log), those
    students score 0, flagged for manual grading, and the others are scored; where it processed
    none, TeacherError and nothing is written."""
    from nbgrader.api import Gradebook, MissingEntry

    from grader.course import load_assignment
    from grader.quiz.bank import load_bank
    from grader.quiz.grading import grade_file
    from grader.runner import grade
    from grader.sandbox.host import Sandbox
    from grader.submission import SubmissionError, load_submission

    if not (course / "nbgrader_config.py").is_file():
        raise TeacherError(_("{course}: no nbgrader_config.py (make the course with `grade-teacher generate`)"
                             ).format(course=course))
    started = time.time()
    failures = []
    if run_nbgrader_first:
        flags = [] if execute else ["--Execute.enabled=False"]
        for student in students or (None,):
            try:
                run_nbgrader(course, "autograde", assignment_id, "--force", *flags,
                             *(["--student", student] if student else []))
            except TeacherError as error:  # some students' notebooks; the others are scored
                failures.append(str(error))
    coursedir = course_directory(course)
    module = _module(assignment_id)
    with Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
        try:
            submitted = sorted(s.student.id for s in gradebook.assignment_submissions(assignment_id))
        except MissingEntry:
            raise TeacherError(_("{assignment}: not in the gradebook (run `grade-teacher generate` first)").format(
                assignment=assignment_id)) from None
        chosen = [s for s in submitted if not students or s in students]
        missing = sorted(set(students) - set(submitted))
        if missing:
            raise TeacherError(_("no submission of {assignment} in the gradebook for: {students}").format(
                assignment=assignment_id, students=", ".join(missing)))
        assignment = load_assignment(assignment_id) if assignment_id != QUIZ_ID else None
        pending = {student: Scored(student, Path(coursedir.format_path(coursedir.autograded_directory, student,
                                                                       assignment_id)) / f"{module}.ipynb")
                   for student in chosen}
        if failures:
            fresh = {student for student, scored in pending.items()
                     if scored.path.is_file() and scored.path.stat().st_mtime >= started - 1}
            if not fresh:  # nbgrader did nothing: keep the gradebook as it was
                raise TeacherError("\n".join(failures))
            on_failure(failures)
            for student, scored in pending.items():
                if student not in fresh:
                    scored.problem = _("nbgrader's autograde failed on this submission (see its log)")
        done: list[Scored] = []
        sandbox = None
        try:
            for student in chosen:
                scored = pending[student]
                if scored.problem:
                    write_scores(gradebook, assignment_id, scored)
                    del pending[student]
                    done.append(scored)
                    progress(scored)
                    continue
                try:
                    if assignment is None:  # the quiz: its answer cells read, never run; numbers from the id
                        scored.result = grade_file(load_bank(), scored.path, student, options.seed, scored.path.parent)
                    else:
                        if sandbox is None:
                            sandbox = Sandbox(torch=assignment_id in TORCH_ASSIGNMENTS, limits=options.limits,
                                              isolate=options.isolate)
                            sandbox.start()
                        scored.result = grade(assignment, load_submission(scored.path, scored.path.parent), options,
                                              sandbox)
                except SubmissionError as error:
                    scored.problem = str(error)
                except Exception as error:  # noqa: BLE001 - one student's scores, never the class's
                    scored.problem = _("the grader failed ({kind}: {error}); grade it again").format(
                        kind=type(error).__name__, error=error)
                    scored.grader_error = True
                    if sandbox is not None:
                        sandbox.close()
                    sandbox = None
                write_scores(gradebook, assignment_id, scored)
                del pending[student]
                done.append(scored)
                progress(scored)
        finally:
            if sandbox is not None:
                sandbox.close()
            for scored in pending.values():  # stopped early: nbgrader's own scores must not stand
                scored.problem = scored.problem or _("grading stopped before this student")
                write_scores(gradebook, assignment_id, scored)
    return done


# --- the command --------------------------------------------------------------------------------


def _say(message: object) -> None:
    from grader.report import visible

    click.echo(visible(str(message)), err=True)


#: `--lang` of `notebooks` and `generate`: the release's language
RELEASE_LANG_OPTION = click.option(
    "--lang", "release_language", type=click.Choice(list(i18n.LANGUAGES)), default="en", show_default=True,
    help=_("The release's language: its stubs' docstrings and its notebooks' Markdown (the code is the same "
           "in every language)."))


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             help=_("""Teaching staff: the course's notebooks, nbgrader releases, and official scores.

\b
grade-teacher notebooks                        rebuild assignments/*/<module>.ipynb from the stubs
grade-teacher generate COURSE -a 05_softmax    nbgrader source/ + generate_assignment + leak check
grade-teacher autograde COURSE 05_softmax      nbgrader autograde, then the sandbox's scores
grade-teacher ci-workflow REPO                 GitHub Classroom autograding workflow for REPO

--lang before the command chooses the language of the messages; `notebooks --lang zh` and
`generate --lang zh` make a release in Chinese."""))
@language_option()
def main() -> None:
    """Teaching staff: the course's notebooks, nbgrader releases, and official scores."""


@main.command("notebooks", help=_("""Make each assignment's notebook from its stub module (the one source of truth).

With --lang zh, write a release in Chinese into --out DIR: DIR/assignments/<id>/ gets the stub
module with its docstrings in Chinese (the code unchanged) and the notebook made from it."""))
@click.option("--course", "course", type=click.Path(path_type=Path, file_okay=False),
              help=_("The course folder holding assignments/ (default: here or above, else this installation's)."))
@click.option("--check", "check_only", is_flag=True,
              help=_("Write nothing; exit 1 if a notebook differs from what its stub makes."))
@click.option("--assignment", "-a", "assignment_ids", multiple=True, type=click.Choice(list(ASSIGNMENTS)),
              help=_("Only these assignments (repeatable; default all)."))
@RELEASE_LANG_OPTION
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              help=_("Write the stubs and notebooks into OUT/assignments/ (default: the course's own; a release "
                     "in another language needs --out)."))
def notebooks_command(course: Path | None, check_only: bool, assignment_ids: tuple[str, ...],
                      release_language: str, out: Path | None) -> None:
    try:
        root = course_root(course)
        if release_language != i18n.DEFAULT_LANGUAGE and (out is None or out.resolve() == root.resolve()):
            raise StubError(_("--lang {language} writes a translated copy of the course's stubs and notebooks: "
                              "pass --out DIR (the course's own stubs stay in English: the catalogs are "
                              "made from them)").format(language=release_language))
        with i18n.using(release_language):
            differing = write_notebooks(root, list(assignment_ids) or None, check_only, out)
    except (StubError, SyntaxError) as error:
        _say(_("grade-teacher notebooks: {error}").format(error=error))
        sys.exit(1)
    for path in differing:
        _say((_("differs from its stub: {path}") if check_only else _("written: {path}")).format(path=path))
    if check_only and differing:
        _say(_("run `grade-teacher notebooks` (or `python scripts/build_notebooks.py`) and commit the notebooks"))
        sys.exit(1)


@main.command("generate", help=_("""Make COURSE_DIR an nbgrader course (source/, nbgrader_config.py), run nbgrader's
generate_assignment, and check that each release holds the stubs and nothing more.

Exit status 0: every release was generated and is clean; 1 otherwise (why, on stderr)."""))
@click.argument("course_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--assignment", "-a", "assignment_ids", multiple=True,
              type=click.Choice(list(ASSIGNMENTS) + [QUIZ_ID]),
              help=_("Assignments to release (repeatable; default all)."))
@click.option("--course", "course", type=click.Path(path_type=Path, file_okay=False),
              help=_("The course folder holding assignments/ (default: here or above, else this installation's)."))
@click.option("--solutions", type=click.Path(path_type=Path, file_okay=False),
              help=_("Model solutions, <id>/<module>.py (default: tests/model_solutions of the course)."))
@click.option("--student", "roster", multiple=True,
              help=_("A student id the quiz's release numbers (repeatable; nbgrader's gradebook students too)."))
@RELEASE_LANG_OPTION
def generate_command(course_dir: Path, assignment_ids: tuple[str, ...], course: Path | None,
                     solutions: Path | None, roster: tuple[str, ...], release_language: str) -> None:
    try:
        root = course_root(course)
        solutions = solutions or root / "tests" / "model_solutions"
        releases = generate(course_dir, list(assignment_ids) or list(ASSIGNMENTS) + [QUIZ_ID], root, solutions,
                            roster, release_language)
    except (TeacherError, StubError, OSError) as error:
        for line in str(error).splitlines():
            _say(_("grade-teacher generate: {line}").format(line=line))
        sys.exit(1)
    clean = True
    for release in releases:
        for problem in release.problems:
            _say(_("grade-teacher generate: {assignment}: {problem}").format(assignment=release.assignment_id,
                                                                            problem=problem))
        clean = clean and not release.problems
        status = (_("(checked: no solutions, hidden tests or reference)") if not release.problems
                  else _("(NOT clean)"))
        click.echo(f"{release.assignment_id}: {release.release} {status}")
    if not clean:
        sys.exit(1)


#: where `ci-workflow` puts the workflow in a template repository
WORKFLOW_PATH = Path(".github/workflows/classroom.yml")


def workflow_text() -> str:
    """The GitHub Actions workflow for GitHub Classroom shipped with the package."""
    from importlib import resources

    return resources.files("grader").joinpath("ci/github-classroom.yml").read_text(encoding="utf-8")


@main.command("ci-workflow", help=_("""Write the GitHub Classroom autograding workflow into REPOSITORY (an assignment's template
repository) as .github/workflows/classroom.yml: grade on push, the score in the job's
summary, the reports as an artifact, the points to GitHub Classroom. Repository variables
GRADE_PATH, FAIL_UNDER and GRADER_PACKAGE tune it (see the file's head)."""))
@click.argument("repository", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--force", is_flag=True, help=_("Replace a workflow already there."))
def ci_workflow_command(repository: Path, force: bool) -> None:
    target = repository / WORKFLOW_PATH
    if target.exists() and not force:
        _say(_("grade-teacher ci-workflow: {path} exists (--force replaces it)").format(path=target))
        sys.exit(1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(workflow_text(), encoding="utf-8")
    click.echo(_("written: {path}").format(path=target))


@main.command("autograde", help=_("""Grade ASSIGNMENT_ID's submissions in nbgrader's COURSE_DIR: nbgrader's autograde, then
each grade cell's score from the sandboxed grader (what `grade` gives the notebook), never
from the student's kernel. Prints a CSV gradebook (as grade-class); exit status 0 means
grading ran."""))
@click.argument("course_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.argument("assignment_id", type=click.Choice(list(ASSIGNMENTS) + [QUIZ_ID]))
@click.option("--student", "students", multiple=True, help=_("Only this student (repeatable; default all)."))
@click.option("--execute", is_flag=True,
              help=_("Let nbgrader run the notebooks too (outputs for feedback). Runs student code outside "
                     "the sandbox, in a Jupyter kernel under your account: only for code you trust."))
@click.option("--scores-only", is_flag=True,
              help=_("Do not run nbgrader's autograde (you ran it): only write the sandboxed grader's scores."))
@click.option("--seed", type=int, default=None,
              help=_("Seed for every generated input (default: a fresh secret seed)."))
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True)
@click.option("--no-timing", is_flag=True,
              help=_("Skip the timing checks (their points count for the other checks)."))
@click.option("--reports", type=click.Path(path_type=Path, file_okay=False),
              help=_("Also write each student's JSON report (as `grade --format json`) to this folder."))
@click.option("--examples", "examples_factor", type=click.FloatRange(0.05, 1.0), default=1.0, hidden=True)
def autograde_command(course_dir: Path, assignment_id: str, students: tuple[str, ...], execute: bool,
                      scores_only: bool, seed: int | None, device: str, no_timing: bool, reports: Path | None,
                      examples_factor: float) -> None:
    from grader.batch import Gradebook as CsvBook
    from grader.batch import StudentResult, report_file_name, write_new_file
    from grader.cli import official_options
    from grader.report import to_json

    options = official_options(seed, device, no_timing, examples_factor, reports)
    book = CsvBook(assignment_id, options.seed)
    click.echo(book.header(), nl=False)

    def progress(scored: Scored) -> None:
        click.echo(book.row(StudentResult(scored.student, scored.path, scored.result, scored.problem)), nl=False)
        if scored.result is None:
            _say(f"{scored.student}: {scored.problem}")
            return
        _say(f"{scored.student}: {scored.result.score:g} / {scored.result.max_score:g}")
        if reports is not None:
            try:
                write_new_file(reports, report_file_name(scored.student), to_json([scored.result]) + "\n")
            except OSError as error:
                _say(_("grade-teacher autograde: {student}: the report could not be written ({error})").format(
                    student=scored.student, error=error.strerror or error))

    try:
        done = autograde(course_dir, assignment_id, students, options, execute=execute,
                         run_nbgrader_first=not scores_only, progress=progress,
                         on_failure=lambda logs: [_say(_("grade-teacher autograde: {line}").format(line=line))
                                                  for log in logs for line in log.splitlines()])
    except ImportError as error:
        _say(_("grade-teacher autograde: {error}; install the teacher's tools: pip install 'dl-grader[teacher]'"
               ).format(error=error))
        sys.exit(1)
    except (TeacherError, OSError) as error:
        for line in str(error).splitlines():
            _say(_("grade-teacher autograde: {line}").format(line=line))
        sys.exit(1)
    _say(_("grade-teacher autograde: {count} submission(s) scored in the gradebook with seed {seed} "
           "(replay one: {command})").format(
        count=len(done), seed=options.seed,
        command=f"grade PATH --seed {options.seed}{' --no-timing' if no_timing else ''}"))
    if done and all(scored.grader_error for scored in done):
        sys.exit(1)


@main.command("student-copy", help=_("""Build OUT: the grader students install (`pip install OUT`), with no reference, model
solution or exercise spec in it; it grades against cases recorded now from the model
solutions (official grading keeps the full grader and a secret seed)."""))
@click.argument("out", type=click.Path(path_type=Path, file_okay=False))
@click.option("--assignment", "-a", "assignment_ids", multiple=True, type=click.Choice(list(ASSIGNMENTS)),
              help=_("Only these assignments (repeatable; default all)."))
@click.option("--course", "course", type=click.Path(path_type=Path, file_okay=False),
              help=_("The course folder (default: here or above, else this installation's)."))
@click.option("--solutions", type=click.Path(path_type=Path, file_okay=False),
              help=_("Model solutions, <id>/<module>.py (default: tests/model_solutions of the course)."))
@click.option("--seed", type=int, default=None, help=_("The recorded cases' seed (default: a fresh one)."))
def student_copy_command(out: Path, assignment_ids: tuple[str, ...], course: Path | None, solutions: Path | None,
                         seed: int | None) -> None:
    from grader.student_copy import RecordingError, build_student_copy, leaks, record_course

    root = course_root(course)
    solutions = solutions or root / "tests" / "model_solutions"
    seed = secrets.randbits(31) if seed is None else seed
    try:
        recording = record_course(solutions, seed, list(assignment_ids) or None)
        build_student_copy(recording, out)
    except (RecordingError, OSError) as error:
        _say(_("grade-teacher student-copy: {error}").format(error=error))
        sys.exit(1)
    found = leaks(out, solutions)
    for line in found:
        _say(_("grade-teacher student-copy: holds a line of a model solution or the reference: {line}").format(
            line=line))
    if found:
        sys.exit(1)
    click.echo(_("{out}: the student copy ({count} assignments recorded with seed {seed}; checked: no reference, "
                 "model solution or exercise spec); students install it with `pip install {out}`").format(
        out=out, count=len(recording.assignments), seed=seed))


if __name__ == "__main__":
    main()
