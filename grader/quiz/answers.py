"""The answers file: a TOML file the student edits, one `question_id = answer` line per question.

Writing: `answers_file(bank, student)` gives the file with the student's own numbers in the
questions (as comments) and every answer empty.

Reading is for untrusted text: whatever the file holds, reading returns an `AnswerSheet` and
never raises. A file that is valid TOML is read as TOML. One that is not (a missing quote, an
unquoted letter, `14 px`) is read line by line, so a broken line costs only its own question: a
line `id = value` whose value is not TOML is kept as typed and read by the question itself
(which accepts a bare letter for a choice and explains anything else). An id answered twice
counts for neither answer; keys that are not questions are reported in notices.
"""

from __future__ import annotations

import difflib
import re
import textwrap
import tomllib
from dataclasses import dataclass, field
from typing import Any

from grader.i18n import N_, _, current
from grader.quiz.bank import Bank
from grader.quiz.kinds import ChoiceQuestion, ParametrizedQuestion, Question, quoted

#: the largest answers file read; the course's whole file is about 40 kB
MAX_ANSWERS_BYTES = 256_000
#: the most notices about keys that are not questions (the rest are counted)
MAX_KEY_NOTICES = 8
#: the most keys that are not questions kept to point out typos
MAX_UNKNOWN = 50
#: the longest student id taken from a file (the teacher's ids have no limit here)
MAX_ID_CHARS = 100
_KEY_LINE = re.compile(r"""\s*(?P<key>[A-Za-z0-9_-]+|"[^"\\\n]*"|'[^'\n]*')\s*=\s*(?P<value>.*)""")
_TABLE_LINE = re.compile(r"\s*\[")


@dataclass
class AnswerSheet:
    """What an answers file holds, read without trusting it."""

    #: question id -> value as TOML read it (str, number, list...)
    values: dict[str, Any] = field(default_factory=dict)
    #: question id -> the text after `=` on a line that is not valid TOML, read by the question
    raw: dict[str, str] = field(default_factory=dict)
    #: question id -> why its answer cannot count (answered twice)
    problems: dict[str, str] = field(default_factory=dict)
    #: question id -> line number, for messages
    lines: dict[str, int] = field(default_factory=dict)
    #: keys that are not questions -> line number (0: not found)
    unknown: dict[str, int] = field(default_factory=dict)
    #: the id the file names (a teacher's id takes precedence)
    student: str | None = None
    notices: list[str] = field(default_factory=list)

    def answered(self) -> set[str]:
        """Ids with something filled in (empty strings and lists are not answers)."""
        filled = {k for k, v in self.values.items() if v not in ("", [])}
        filled |= {k for k, v in self.raw.items() if v.strip() not in ("", '""', "''", "[]")}
        return filled | set(self.problems)


def _line_of_keys(lines: list[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for number, line in enumerate(lines, start=1):
        match = _KEY_LINE.match(line)
        if match:
            found.setdefault(match["key"].strip("\"'"), []).append(number)
    return found


def _without_comment(text: str) -> str:
    """`text` up to a `#` that is not inside quotes."""
    quote = None
    for index, char in enumerate(text):
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#":
            return text[:index]
    return text


def _shown_key(key: str) -> str:
    return quoted(key)


def read_answers(text: str, bank: Bank) -> AnswerSheet:
    """The answers in `text` (never raises)."""
    sheet = AnswerSheet()
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
    positions = _line_of_keys(lines)
    try:
        document = tomllib.loads(text)
    except Exception as error:  # noqa: BLE001 - TOMLDecodeError, RecursionError: any content
        document = None
        reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        sheet.notices.append(_("the answers file is not valid TOML ({reason}); each answer was read from "
                               "its own line").format(reason=reason))
    unknown: list[tuple[str, int]] = []
    tables: list[str] = []
    if document is not None:
        for key, value in document.items():
            line = positions.get(key, [0])[0]
            if key == "student":
                _set_student(sheet, value)
            elif key == "quiz":
                continue
            elif bank.get(key) is not None:
                sheet.values[key] = value
                sheet.lines[key] = line
            elif isinstance(value, dict):
                tables.append(_("[{key}] is a table, not a question: write each answer as `id = value` above "
                                "any [table] line").format(key=_shown_key(key)[1:-1]))
            else:
                unknown.append((key, line))
    else:
        seen: dict[str, int] = {}
        for number, line in enumerate(lines, start=1):
            match = _KEY_LINE.match(line)
            if not match:
                continue
            key = match["key"].strip("\"'")
            value_text = _without_comment(match["value"]).strip()
            if key == "student":
                try:
                    _set_student(sheet, tomllib.loads(f"v = {value_text}")["v"])
                except Exception:  # noqa: BLE001
                    _set_student(sheet, value_text.strip("\"'"))
                continue
            if key == "quiz":
                continue
            if bank.get(key) is None:
                unknown.append((key, number))
                continue
            if key in seen:
                sheet.problems[key] = _("answered more than once (lines {first} and {second}); neither "
                                        "answer counts: keep one").format(first=seen[key], second=number)
                sheet.values.pop(key, None)
                sheet.raw.pop(key, None)
                continue
            seen[key] = number
            sheet.lines[key] = number
            try:
                sheet.values[key] = tomllib.loads(f"v = {value_text}")["v"]
            except Exception:  # noqa: BLE001 - kept as typed; the question reads it or says why not
                sheet.raw[key] = value_text
    for key, line in unknown[:MAX_UNKNOWN]:  # kept for "a typo of this question's id?"
        sheet.unknown.setdefault(key, line)
    shown = tables + [_unknown(key, line, bank) for key, line in unknown[:MAX_KEY_NOTICES]]
    if len(unknown) > MAX_KEY_NOTICES:
        shown.append(_("... and {count} more keys that are not questions").format(
            count=len(unknown) - MAX_KEY_NOTICES))
    sheet.notices.extend(shown[:MAX_KEY_NOTICES + 1])
    return sheet


def _unknown(key: str, line: int, bank: Bank) -> str:
    where = _("line {line}: ").format(line=line) if line else ""
    close = difflib.get_close_matches(key, [q.id for q in bank.questions], n=1, cutoff=0.75)
    hint = _(" (did you mean {id}?)").format(id=close[0]) if close else ""
    return _("{where}{key} is not a question of this quiz; its answer was not graded{hint}").format(
        where=where, key=_shown_key(key), hint=hint)


def _set_student(sheet: AnswerSheet, value: Any) -> None:
    if isinstance(value, str) and value.strip() and len(value) <= MAX_ID_CHARS and value.isprintable():
        sheet.student = value.strip()
    elif value not in ("", None):
        sheet.notices.append(_("`student` should be your id in quotes, e.g. student = \"s1234567\"; got "
                               "{value}").format(value=quoted(value)))


# ------------------------------------------------------------------------------------ writing


def paragraphs(text: str) -> list[str]:
    """Text as the bank writes it: a blank line starts a paragraph, other line breaks are spaces."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip())] or [""]


def _comment(text: str, width: int = 96, indent: str = "", hanging: str = "") -> list[str]:
    out = []
    # Chinese has no spaces to break at and each character is two columns wide: wrap it by
    # characters, at about the same width on screen
    wide = current() != "en"
    for paragraph in paragraphs(text):
        wrapped = textwrap.wrap(paragraph, width=(width - 2) * 2 // 3 if wide else width - 2, initial_indent=indent,
                                subsequent_indent=hanging or indent, break_long_words=wide,
                                break_on_hyphens=False)
        out.extend(f"# {line}".rstrip() for line in (wrapped or [""]))
    return out


def _verbatim(text: str) -> list[str]:
    return [f"# {line}".rstrip() for line in text.rstrip("\n").split("\n")]


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped) + '"'


HEADER = N_("""\
Quiz {quiz}: the answers of {who}.

Write each answer after its `=` and save the file; then grade it:
    .venv/bin/grade assignments/{quiz}            (or: .venv/bin/grade path/to/answers.toml)
  single choice     one letter in quotes:         question_id = "b"
  multiple choice   every right letter, a list:   question_id = ["a", "c"]
                    credit is (right picks - wrong picks) / number of right choices, at least 0
  numbers           a plain number:               question_id = 14    or    1.5e-3
Leave "" to skip a question: an unanswered question scores 0. Lines starting with # are
comments; the explanations appear in the report once the file is graded.
""")

NUMBERS_NOTE = N_("""\
The numbers in the questions were drawn for student {student}. Grading draws them again from
the id (your teacher grades with the id they know), so editing the numbers or the id below
changes nothing but your score.
""")

TEMPLATE_NOTE = N_("""\
No student id yet, so the questions marked "your numbers" have none. Write the file with your own
numbers first:    .venv/bin/grade quiz-answers --student YOUR_ID
""")


def answers_file(bank: Bank, student: str | None, answers: dict[str, Any] | None = None) -> str:
    """The answers file for `student` (None: the blank template without numbers), with the
    given answers (question id -> value a question's `read_text` returned) filled in."""
    answers = answers or {}
    who = _("student {student}").format(student=_toml_string(student)) if student else \
        _("a student (blank template)")
    lines = _verbatim(_(HEADER).format(quiz=bank.quiz_id, who=who))
    lines += [""] + _verbatim(_(NUMBERS_NOTE).format(student=_toml_string(student)) if student else _(TEMPLATE_NOTE))
    lines += ["", f"quiz = {_toml_string(bank.quiz_id)}", f"student = {_toml_string(student or '')}", ""]
    for topic in bank.topics():
        lines += ["", f"# {'=' * 94}", f"# {_(topic)}", f"# {'=' * 94}"]
        for question in (q for q in bank.questions if q.topic == topic):
            lines += [""] + question_block(question, student, bank.quiz_id)
            value = answers.get(question.id)
            lines.append(f"{question.id} = {question.to_toml(value) if value is not None else chr(34) * 2}")
    return "\n".join(lines) + "\n"


def question_block(question: Question, student: str | None, quiz_id: str) -> list[str]:
    """The comment lines above a question's answer line."""
    lines = [f"# [{question.id}] {question.shown_points()}; {question.shown_form()}"]
    if isinstance(question, ParametrizedQuestion) and not student:
        lines += _comment(_("(your numbers appear here once the file is written with "
                            "`.venv/bin/grade quiz-answers --student YOUR_ID`)"))
        return lines
    variant = question.variant(student, quiz_id) if student else None
    lines += _comment(question.shown_text(variant))
    if isinstance(question, ChoiceQuestion):
        for label, choice in zip(question.labels, question.shown_choices()):
            lines += _comment(f"{label}) {choice}", indent="  ", hanging="     ")
    return lines
