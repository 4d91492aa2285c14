"""The quiz in a terminal: one question at a time, scored at the end, every explanation shown.

An answer that cannot be read (a choice that does not exist, a number that does not parse) is
asked again with the reason; Enter skips a question; end of input (Ctrl-D) stops asking and
scores what was answered. Scoring is the same as for an answers file (`grading.grade_sheet`),
so the terminal and `grade` never disagree.
"""

from __future__ import annotations

from typing import Any, Callable

from rich.console import Console
from rich.text import Text

from grader.i18n import _
from grader.quiz.answers import AnswerSheet, paragraphs
from grader.quiz.bank import Bank
from grader.quiz.grading import grade_sheet
from grader.quiz.kinds import AnswerError, ChoiceQuestion, MultipleChoice, Question, SingleChoice, format_number
from grader.results import AssignmentResult

#: asks one line; returns None at the end of input
Ask = Callable[[str], "str | None"]


def prompt_ask(console: Console) -> Ask:
    """Ask with rich's prompt; None when input ends (Ctrl-D, a closed pipe)."""
    from rich.prompt import Prompt

    def ask(label: str) -> str | None:
        try:
            return Prompt.ask(Text(label, style="bold"), console=console, default="", show_default=False)
        except EOFError:
            return None
    return ask


def _plain(console: Console, text: str, style: str = "", indent: int = 0) -> None:
    """Bank or student text, never read as markup; wrapped lines keep the indent."""
    from rich.padding import Padding

    body = Text(text, style=style)
    console.print(Padding(body, (0, 0, 0, indent)) if indent else body, markup=False, highlight=False)


def _show(console: Console, number: int, total: int, question: Question, text: str) -> None:
    console.rule(Text(f"{number}/{total}  {question.id}  ({question.shown_points()}, {question.shown_topic})"),
                 style="dim")
    for paragraph in paragraphs(text):
        _plain(console, paragraph)
    if isinstance(question, ChoiceQuestion):
        for label, choice in zip(question.labels, question.shown_choices()):
            _plain(console, f"{label}) {choice}", indent=2)
    if isinstance(question, SingleChoice):
        hint = _("(one letter; Enter skips)")
    elif isinstance(question, MultipleChoice):
        hint = _("(every right letter, e.g. a c (credit: right picks minus wrong picks, at least 0); Enter skips)")
    else:
        hint = _("(a number, e.g. 0.25 or 1.5e-3; Enter skips)")
    _plain(console, hint, "dim")


def _as_value(question: Question, answer: Any) -> Any:
    """A typed answer as the answers file would hold it."""
    if isinstance(question, MultipleChoice):
        return sorted(answer)
    return answer


def run_quiz(bank: Bank, student: str, console: Console, ask: Ask | None = None,
             questions: list[Question] | None = None) -> tuple[AssignmentResult, dict[str, Any]]:
    """Ask `questions` (the whole bank by default) with `student`'s numbers, then grade and show
    every question's result and explanation. Returns the result and the answers given
    (question id -> value as an answers file holds it)."""
    ask = ask or prompt_ask(console)
    questions = list(bank.questions) if questions is None else questions
    answers: dict[str, Any] = {}
    stopped = False
    for number, question in enumerate(questions, start=1):
        variant = question.variant(student, bank.quiz_id)
        _show(console, number, len(questions), question, question.shown_text(variant))
        while True:
            reply = ask(_("answer"))
            if reply is None:
                stopped = True
                break
            if not reply.strip():
                break
            try:
                answers[question.id] = _as_value(question, question.read_text(reply))
                break
            except AnswerError as error:
                _plain(console, _("{error}; try again (Enter skips)").format(error=error), "yellow", indent=2)
        if stopped:
            _plain(console, _("(input ended: the questions not reached score 0)"), "dim")
            break
    sheet = AnswerSheet(values=dict(answers), student=student)
    result = grade_sheet(bank, sheet, "(terminal)", teacher_student=student)
    graded = {e.id: e for e in result.exercises}
    result.exercises = [graded[q.id] for q in questions]  # the questions asked, in the order asked
    show_results(bank, result, student, console)
    return result, answers


def show_results(bank: Bank, result: AssignmentResult, student: str, console: Console) -> None:
    console.rule(Text(_("results")), style="bold")
    for exercise in result.exercises:
        question = bank.get(exercise.id)
        check = exercise.checks[0]
        mark = ("✓", "green") if exercise.passed else ("✗", "red")
        console.print(Text.assemble(mark, f" {exercise.id}  {format_number(exercise.score)} / "
                                          f"{format_number(exercise.max_score)}"), markup=False, highlight=False)
        if check.failure is not None:
            failure = check.failure
            line = failure.summary
            if failure.expected or failure.got:
                line += _(": expected {expected}, got {got}").format(expected=failure.expected, got=failure.got)
            _plain(console, line, "yellow", indent=4)
            if failure.diagnosis:
                _plain(console, failure.diagnosis, "magenta", indent=4)
        variant = question.variant(student, bank.quiz_id) if question is not None else None
        if question is not None:
            for paragraph in paragraphs(question.shown_explanation(variant)):
                _plain(console, paragraph, "dim", indent=4)
    console.print(Text(_("score {score} / {max_score}").format(score=format_number(result.score),
                                                             max_score=format_number(result.max_score)),
                       style="bold"), markup=False)
