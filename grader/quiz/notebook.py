"""The quiz as a notebook (`assignments/07_quiz/quiz.ipynb`): the bank's questions, answered in
code cells, graded from the file like the answers file.

The notebook is made from the bank (`quiz_notebook`): for each question a Markdown cell with its
text and choices, for a question with numbers of your own a cell `show("id", STUDENT)` that
prints them, and an answer cell `answer("id", ...)` where the student replaces `...`. Grading
never runs the notebook: `answers_text` reads every `answer("id", value)` call and the
`STUDENT = "..."` line from the cells' source and writes them as an answers file, which is then
graded exactly as `answers.toml` is (so a malformed answer costs its own question only).
"""

from __future__ import annotations

import ast
import json
import math
import re
from typing import Any

import nbformat

from grader import i18n
from grader.i18n import N_, _
from grader.quiz.bank import Bank
from grader.quiz.kinds import ChoiceQuestion, ParametrizedQuestion, Question

NOTEBOOK_FILE = "quiz.ipynb"
STUDENT_VARIABLE = "STUDENT"

INTRO = N_("""\
# 07_quiz

Answer each question in the cell under it: replace `...` in `answer("id", ...)` with your answer.
A single choice is one letter in quotes, `"b"`; a multiple choice is the list of every right
letter, `["a", "c"]`; a number is a plain number, `14` or `1.5e-3`. An answer left as `...`
scores 0. A multiple-choice question earns (right picks - wrong picks) / (number of right
choices) of its points, never less than 0.

Questions marked *your numbers* use values drawn from your student id: set `STUDENT` below and
run the `show(...)` cells to see them. Your teacher grades with the id they know.

`check("id")` under each answer, and `check("07_quiz")` at the end, score the answers run so far;
`grade quiz.ipynb` scores the saved file.
""")

SETUP = '''{variable} = ""  # {comment}

from grader import check
from grader.quiz.notebook import answer, show'''
#: the comment of the setup cell's first line
STUDENT_COMMENT = N_("your student id")


def _question_markdown(number: int, question: Question) -> str:
    mine = _(" · *your numbers*") if isinstance(question, ParametrizedQuestion) else ""
    heading = _("### {number}. `{id}` ({points}, {topic}){mine}").format(
        number=number, id=question.id, points=question.shown_points(), topic=question.shown_topic, mine=mine)
    lines = [heading, ""]
    if isinstance(question, ParametrizedQuestion):  # the numbers are the student's own: shown by `show`
        text = re.sub(r"\{(\w+)\}", r"*\1*", question.shown_text(None)) + "\n\n" + \
            _("(Run the cell below for your numbers.)")
    else:
        text = question.shown_text(None)
    lines.append(text)
    if isinstance(question, ChoiceQuestion):
        lines.append("")
        lines += [f"- **{label})** {choice}" for label, choice in zip(question.labels, question.shown_choices())]
    return "\n".join(lines)


def quiz_notebook(bank: Bank, language: str | None = None) -> nbformat.NotebookNode:
    """The quiz notebook for `bank` (the same for every student; numbers come from `show`), its
    Markdown and comments in `language` ("en" or "zh"; default: the language in use). Only the
    text a person reads changes with the language: the code of the answer, show and check
    cells and every cell's id are the same in every language.
    Cell ids name their question: `<id>-question`, `<id>-show`, `<id>-answer`, and `<id>-check`
    (the cell nbgrader's release makes the question's grade cell)."""
    with i18n.using(language or i18n.current()):
        return _quiz_notebook(bank)


def _quiz_notebook(bank: Bank) -> nbformat.NotebookNode:
    setup = SETUP.format(variable=STUDENT_VARIABLE, comment=_(STUDENT_COMMENT))
    cells = [_cell("markdown", _(INTRO), "intro"), _cell("code", setup, "setup")]
    for number, question in enumerate(bank.questions, 1):
        cells.append(_cell("markdown", _question_markdown(number, question), f"{question.id}-question"))
        if isinstance(question, ParametrizedQuestion):
            cells.append(_cell("code", f'show("{question.id}", {STUDENT_VARIABLE})', f"{question.id}-show"))
        cells.append(_cell("code", f'answer("{question.id}", ...)', f"{question.id}-answer"))
        cells.append(_cell("code", f'check("{question.id}")', f"{question.id}-check"))
    cells.append(_cell("code", f'check("{bank.quiz_id}")', "total"))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


def _cell(kind: str, source: str, cell_id: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(source) if kind == "markdown" else nbformat.v4.new_code_cell(source)
    cell["id"] = cell_id  # fixed ids: the file is the same every time it is made from the same bank
    return cell


def quiz_notebook_text(bank: Bank, language: str | None = None) -> str:
    return nbformat.writes(quiz_notebook(bank, language)) + "\n"


# ------------------------------------------------------------------------- reading answers


def _toml_value(value: Any) -> str | None:
    """A literal as a TOML value, or None when it has none (then the source text is kept)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return ("inf" if value > 0 else "-inf") if math.isinf(value) else "nan" if math.isnan(value) else repr(value)
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
    return None


def _answer_line(question_id: str, node: ast.expr, source: str) -> str | None:
    """`id = value` for one `answer(...)` call; None when the answer is still `...`."""
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        value = None
        text = " ".join((ast.get_source_segment(source, node) or "").split())
        return f"{json.dumps(question_id)} = {text or '?'}"
    if value is Ellipsis:
        return None
    shown = _toml_value(value)
    if shown is None:
        shown = " ".join((ast.get_source_segment(source, node) or repr(value)).split())
    return f"{json.dumps(question_id)} = {shown}"


_ANSWER_LINE = re.compile(r"""^\s*answer\(\s*["'](?P<id>[A-Za-z0-9_-]+)["']\s*,\s*(?P<value>.*?)\)?\s*$""", re.M)


def answers_in_code(sources: list[str]) -> tuple[str, list[str]]:
    """The answers file that cells' code (in order) amounts to, and notices (a cell Python
    cannot read). Later answers to a question replace earlier ones, as re-running a cell does."""
    lines: dict[str, str] = {}
    student: str | None = None
    notices: list[str] = []
    for number, source in enumerate(sources, 1):
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            # a cell Python cannot read: each `answer("id", ...)` line is kept as typed, and
            # the question says what is wrong with it (as a broken line of answers.toml)
            for match in _ANSWER_LINE.finditer(source):
                lines[match["id"]] = f"{json.dumps(match['id'])} = {' '.join(match['value'].split()) or '?'}"
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "answer"
                    and len(node.args) == 2 and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                line = _answer_line(node.args[0].value, node.args[1], source)
                if line is None:
                    lines.pop(node.args[0].value, None)
                else:
                    lines[node.args[0].value] = line
            elif (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                  and node.targets[0].id == STUDENT_VARIABLE and isinstance(node.value, ast.Constant)
                  and isinstance(node.value.value, str) and node.value.value.strip()):
                student = node.value.value.strip()
    head = [f"student = {json.dumps(student, ensure_ascii=False)}"] if student else []
    return "\n".join(head + list(lines.values())) + "\n", notices


def answers_text(notebook_text: str) -> tuple[str, list[str]]:
    """The answers file a saved quiz notebook amounts to (see `answers_in_code`), and notices.
    A file that is not a notebook gives no answers and says why."""
    try:
        notebook = nbformat.reads(notebook_text, as_version=4)
    except Exception as error:  # noqa: BLE001 - any unreadable notebook: every question unanswered
        return "", [_("the quiz notebook cannot be read ({error}); no answer in it was seen").format(
            error=type(error).__name__)]
    sources = [str(cell.get("source", "")) for cell in notebook.get("cells", []) if cell.get("cell_type") == "code"]
    return answers_in_code(sources)


# ------------------------------------------------------------------------- in the kernel


def answer(question_id: str, value: Any) -> None:
    """Marks an answer in the notebook; grading reads it from the cell's source, not from here."""
    return None


NUMBERS_FILE = "quiz_numbers.json"


def numbers_for(bank: Bank, students: list[str]) -> dict[str, dict[str, str]]:
    """Each student's text of each question with numbers of their own: what `show` prints where
    the bank is not installed (a release for a class: numbers, never answers)."""
    return {student: {q.id: q.shown_text(q.variant(student, bank.quiz_id))
                      for q in bank.questions if isinstance(q, ParametrizedQuestion)}
            for student in students}


def show(question_id: str, student: str) -> None:
    """Prints the question with this student's numbers: from the bank where it is installed
    (the teaching repository), else from the release's `quiz_numbers.json` beside the notebook."""
    from grader.quiz.bank import BankError, load_bank

    student = str(student).strip()
    if not student:
        print(_("set {variable} = \"your id\" in the first code cell (and run it) to see your numbers").format(
            variable=STUDENT_VARIABLE))
        return
    try:
        bank = load_bank()
    except BankError:
        print(_released_numbers(question_id, student))
        return
    question = bank.get(question_id)
    if question is None:
        print(_("no question {id} in this quiz").format(id=repr(question_id)))
        return
    print(question.shown_text(question.variant(student, bank.quiz_id)))


def _released_numbers(question_id: str, student: str) -> str:
    from pathlib import Path

    path = Path.cwd() / NUMBERS_FILE
    try:
        numbers = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return _("your numbers are not here: this copy of the grader holds no question bank, and there is no "
                 "{file} beside the notebook; ask your teacher for your numbers").format(file=NUMBERS_FILE)
    mine = numbers.get(student) if isinstance(numbers, dict) else None
    if not isinstance(mine, dict):
        return _("no numbers for student {student} in {file}: check the id, or ask your teacher").format(
            student=repr(student), file=NUMBERS_FILE)
    if question_id not in mine:
        return _("no question {id} in {file}").format(id=repr(question_id), file=NUMBERS_FILE)
    return str(mine[question_id])
