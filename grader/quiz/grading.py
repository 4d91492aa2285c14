"""Grading an answers file: one exercise per question (its id), one check `answer` each.

The result is an `AssignmentResult` like any assignment's, so every report format and the
class gradebook show it as they show code. A question's check passes at full marks; a wrong or
partly right answer fails with the earned share in `Failure.credit` (the points follow it as
in the runner), the expected and given answers, the known mistake a wrong number matches, and
the question's explanation as the hint. A right answer's message carries the explanation too.

Whose numbers: a parametrized question is graded with the numbers of the student id given by
the teacher (`--student`, the student's folder in class grading) or, without one, of the id
the answers file names; the numbers written in the file are never read.
"""

from __future__ import annotations

import difflib
import time
from pathlib import Path
from typing import Any

from grader.i18n import N_, _
from grader.quiz.answers import MAX_ANSWERS_BYTES, AnswerSheet, read_answers
from grader.quiz.bank import Bank
from grader.quiz.dice import student_key
from grader.quiz.kinds import AnswerError, ParametrizedQuestion, Question, quoted
from grader.results import AssignmentResult, CheckResult, ExerciseResult, Failure

CHECK = "answer"
NO_STUDENT = N_("no student id, and this question's numbers are drawn per student: write your id in the "
              "answers file (student = \"YOUR_ID\"), or write the file with `grade quiz-answers --student "
              "YOUR_ID`")


def _check(question: Question, failure: Failure | None, explanation: str) -> CheckResult:
    if failure is None:
        return CheckResult(CHECK, True, question.points, question.points,
                           _("correct. {explanation}").format(explanation=explanation))
    earned = round(question.points * min(max(failure.credit, 0.0), 1.0), 4)
    return CheckResult(CHECK, False, earned, question.points, failure.one_line(), failure)


def _value(sheet: AnswerSheet, question: Question) -> tuple[bool, Any]:
    """(answered, the answer as read); AnswerError when it cannot be read."""
    if question.id in sheet.problems:
        raise AnswerError(sheet.problems[question.id])
    if question.id in sheet.raw:
        text = sheet.raw[question.id]
        if text.strip() in ("", '""', "''", "[]"):
            return False, None
        line = sheet.lines.get(question.id)
        try:
            return True, question.read_text(text)
        except AnswerError as error:
            where = _("line {line}: ").format(line=line) if line else ""
            raise AnswerError(_("{where}cannot read {value}: {error}").format(where=where, value=quoted(text),
                                                                              error=error)) from None
    if question.id not in sheet.values:
        return False, None
    value = sheet.values[question.id]
    if value in ("", []):
        return False, None
    if isinstance(value, str) and not value.strip():
        return False, None
    return True, question.read(value)


def _given(sheet: AnswerSheet, question_id: str) -> str:
    """What the file holds for a question, quoted for a message."""
    if question_id in sheet.raw:
        return quoted(sheet.raw[question_id])
    if question_id in sheet.values:
        return quoted(sheet.values[question_id])
    return _("two answers")


def _not_answered(sheet: AnswerSheet, question_id: str) -> str:
    """"not answered", and the key that looks like a typo of this question's id, if any."""
    close = difflib.get_close_matches(question_id, list(sheet.unknown), n=1, cutoff=0.75)
    if close:
        line = sheet.unknown[close[0]]
        if line:
            return _("not answered: the answer on line {line} is under {key}, which is not a question "
                     "(a typo of {id}?)").format(line=line, key=quoted(close[0]), id=question_id)
        return _("not answered: the answer is under {key}, which is not a question (a typo of {id}?)").format(
            key=quoted(close[0]), id=question_id)
    return _("not answered (an empty answer scores 0)")


#: what a question not answered (or not readably) shows instead of its key and explanation
UNSEEN = N_("the answer and its explanation are shown once you have answered")


def grade_question(question: Question, sheet: AnswerSheet, student: str | None, quiz_id: str) -> ExerciseResult:
    result = ExerciseResult(question.id, question.points)
    variant = None
    if isinstance(question, ParametrizedQuestion):
        if not student:
            result.checks.append(_check(question, Failure(_(NO_STUDENT)), question.shown_explanation(None)))
            return result
        variant = question.variant(student, quiz_id)
    explanation = " ".join(question.shown_explanation(variant).split())
    try:
        answered, answer = _value(sheet, question)
    except AnswerError as error:
        # no key and no explanation for a question not really answered: grading a blank
        # file must not hand out the answers
        summary = _("unreadable answer: {error}").format(error=error)
        result.checks.append(_check(question, Failure(summary, got=_given(sheet, question.id), hint=_(UNSEEN)),
                                    _(UNSEEN)))
        return result
    if not answered:
        result.checks.append(_check(question, Failure(_not_answered(sheet, question.id), hint=_(UNSEEN)),
                                    _(UNSEEN)))
        return result
    outcome = question.score(answer, variant)
    if outcome.credit >= 1.0:
        result.checks.append(_check(question, None, explanation))
    else:
        result.checks.append(_check(question, Failure(outcome.summary, expected=outcome.expected,
                                                      got=outcome.got, diagnosis=outcome.diagnosis,
                                                      explanation=explanation, credit=outcome.credit), explanation))
    return result


def choose_student(teacher: str | None, sheet: AnswerSheet) -> tuple[str | None, list[str]]:
    """The id whose numbers are graded, and notices: the teacher's id wins over the file's."""
    teacher = teacher.strip() if teacher and teacher.strip() else None
    if teacher is None:
        return sheet.student, []
    if sheet.student and student_key(sheet.student) != student_key(teacher):
        return teacher, [_("the answers file names student {named}; it was graded as {graded}, with that "
                           "student's numbers").format(named=quoted(sheet.student), graded=quoted(teacher))]
    return teacher, []


def grade_sheet(bank: Bank, sheet: AnswerSheet, source: str, teacher_student: str | None = None,
                seed: int = 0) -> AssignmentResult:
    started = time.perf_counter()
    student, notices = choose_student(teacher_student, sheet)
    result = AssignmentResult(bank.quiz_id, source, seed)
    result.notices.extend(sheet.notices + notices)
    if not student and any(isinstance(q, ParametrizedQuestion) for q in bank.questions):
        result.notices.append(_("no student id: the questions with numbers drawn per student were not graded; "
                                "write student = \"YOUR_ID\" in the answers file (STUDENT = \"YOUR_ID\" in the quiz "
                                "notebook)"))
    for question in bank.questions:
        result.exercises.append(grade_question(question, sheet, student, bank.quiz_id))
    result.environment = {"student": student, "seconds": round(time.perf_counter() - started, 2),
                          "questions": len(bank.questions)}
    return result


def grade_text(bank: Bank, text: str, source: str = "answers.toml", teacher_student: str | None = None,
               seed: int = 0) -> AssignmentResult:
    """Grade the content of an answers file (never raises for anything the text holds)."""
    return grade_sheet(bank, read_answers(text, bank), source, teacher_student, seed)


#: the largest quiz notebook read (cells' outputs make it far larger than an answers file)
MAX_NOTEBOOK_BYTES = 8_000_000


def read_answers_file(path: Path, within: Path | None = None, limit: int = MAX_ANSWERS_BYTES) -> tuple[str, list[str]]:
    """The text of an answers file and notices about it. SubmissionError when it cannot be read
    at all (missing, a link, a pipe, too big); bytes that are not UTF-8 are replaced, with a notice."""
    from grader.submission import read_regular_file

    data = read_regular_file(path, limit, within)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return data.decode("utf-8", "replace"), [
            _("the answers file is not UTF-8 (byte {byte} on line {line}); it was read with such bytes "
              "replaced").format(byte=f"0x{data[error.start]:02x}", line=line)]


def grade_file(bank: Bank, path: Path, teacher_student: str | None = None, seed: int = 0,
               within: Path | None = None) -> AssignmentResult:
    """Grade an answers file on disk; SubmissionError only when the file cannot be read at all."""
    if path.suffix == ".ipynb":  # the quiz notebook: its answer cells, read without running them
        from grader.quiz.notebook import answers_text

        notebook, notices = read_answers_file(path, within, MAX_NOTEBOOK_BYTES)
        text, more = answers_text(notebook)
        notices += more
    else:
        text, notices = read_answers_file(path, within)
    result = grade_text(bank, text, str(path), teacher_student, seed)
    result.notices[:0] = notices
    return result


def unreadable_result(bank: Bank, source: Path, seed: int, reason: str) -> AssignmentResult:
    """The quiz of a course whose answers file cannot be read at all: every question scores 0,
    saying why (as `course.unreadable_result` does for code), so the course's total counts it."""
    failure = Failure(reason)
    exercises = [ExerciseResult(q.id, q.points, [CheckResult("readable", False, 0.0, q.points, reason, failure)])
                 for q in bank.questions]
    return AssignmentResult(bank.quiz_id, str(source), seed, exercises, notices=[reason],
                            environment={"unreadable": reason})
