"""The question bank: TOML files teaching staff write by hand, one per topic, checked on load.

    assignments/07_quiz/bank/05_optimizers.toml

    topic = "Optimizers"

    [[question]]
    id = "adam_bias_correction"         # unique in the bank; the answers file's key
    kind = "single"                     # single | multiple | numeric | parametrized
    points = 1                          # optional, default 1
    text = "Why does Adam divide m by (1 - beta1^t)?"
    choices = ["...", "...", "..."]     # single and multiple: labelled a, b, c... in this order
    answer = "b"                        # single: one letter; multiple: ["a", "c"]; numeric: a number
    explanation = "..."                 # shown after grading, right or wrong

Numeric questions give `abs_tol` and/or `rel_tol` (an answer passes within the larger of the
two) and at least one plausible wrong answer, `mistakes = [{answer = 1.0, why = "took log10"}]`
("that is what you get if you took log10"). Parametrized questions name a generator
(`generator = "conv2d_output_size"`, see `generators.py`) instead of an answer; their text and
explanation show the student's numbers with placeholders (`{h}`, `{k}`; the explanation may also
use the generator's intermediate values and `{answer}`), and the text must show every number
the answer depends on.

Every mistake in a file is reported as `FILE: question 'ID', field 'FIELD': what is wrong`.
"""

from __future__ import annotations

import math
import re
import string
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from grader.i18n import _
from grader.quiz.variant import GENERATORS
from grader.quiz.kinds import (LETTERS, ChoiceQuestion, MultipleChoice, NumericQuestion, ParametrizedQuestion,
                               Question, SingleChoice)

QUIZ_ID = "07_quiz"
#: the file a student hands in
ANSWERS_FILE = "answers.toml"
#: the course's own bank, never one found beside a student's answers
BANK_DIR = Path(__file__).resolve().parents[2] / "assignments" / QUIZ_ID / "bank"
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,47}")
#: keys of the answers file that are not questions
RESERVED = frozenset({"student", "quiz"})
COMMON = {"id", "kind", "text", "explanation", "points"}
FIELDS = {
    "single": COMMON | {"choices", "answer"},
    "multiple": COMMON | {"choices", "answer"},
    "numeric": COMMON | {"answer", "abs_tol", "rel_tol", "mistakes"},
    "parametrized": COMMON | {"generator", "abs_tol", "rel_tol"},
}
#: the student id whose numbers check a parametrized question's templates when the bank loads
CHECK_STUDENT = "bank-check"


class BankError(click.ClickException):
    """A mistake in the question bank (staff's, not a student's): one line naming the file, the
    question and the field. A ClickException, so a command that meets it says that line and
    exits with status 1."""


@dataclass(frozen=True)
class Bank:
    quiz_id: str
    questions: tuple[Question, ...]
    folder: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {q.id: q for q in self.questions})

    def get(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)  # type: ignore[attr-defined]

    @property
    def max_score(self) -> float:
        return round(sum(q.points for q in self.questions), 4)

    def topics(self) -> list[str]:
        return list(dict.fromkeys(q.topic for q in self.questions))


class _Where:
    """Builds BankError messages for one question of one file."""

    def __init__(self, file: str, question: str | None = None) -> None:
        self.file, self.question = file, question

    def error(self, field: str | None, message: str) -> BankError:
        parts = [self.file]
        if self.question is not None:
            parts.append(_("question {question}").format(question=self.question))
        if field is not None:
            parts.append(_("field '{field}'").format(field=field))
        return BankError(": ".join([", ".join(parts), message]))


def _text(where: _Where, entry: dict, field: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise where.error(field, _("must be a non-empty string"))
    return value.strip()


def _number(where: _Where, entry: dict, field: str, low: float = -math.inf, default: float | None = None) -> float:
    if field not in entry:
        if default is None:
            raise where.error(field, _("is missing"))
        return default
    value = entry[field]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise where.error(field, _("must be a number, got {value}").format(value=repr(value)))
    if value < low:
        raise where.error(field, _("must be at least {low}, got {value}").format(low=f"{low:g}", value=repr(value)))
    return float(value)


def _choices(where: _Where, entry: dict) -> tuple[str, ...]:
    choices = entry.get("choices")
    if not isinstance(choices, list) or not 2 <= len(choices) <= 8:
        raise where.error("choices", _("must be a list of 2 to 8 strings"))
    for number, choice in enumerate(choices):
        if not isinstance(choice, str) or not choice.strip():
            raise where.error("choices", _("choice {letter} must be a non-empty string").format(letter=LETTERS[number]))
    if len({c.strip() for c in choices}) != len(choices):
        raise where.error("choices", _("two choices are the same"))
    return tuple(c.strip() for c in choices)


def _letters(where: _Where, entry: dict, labels: str, many: bool) -> frozenset[str]:
    value = entry.get("answer")
    items = value if many and isinstance(value, list) else [value] if not many else None
    if items is None or not items:
        raise where.error("answer", _('must be a list of letters, e.g. ["a", "c"]'))
    letters = set()
    for item in items:
        if not isinstance(item, str) or item not in labels:
            raise where.error("answer", _("{item} is not one of the choices {first}-{last}").format(
                item=repr(item), first=labels[0], last=labels[-1]))
        if item in letters:
            raise where.error("answer", _("{item} is listed twice").format(item=repr(item)))
        letters.add(item)
    return frozenset(letters)


def _tolerances(where: _Where, entry: dict) -> tuple[float, float]:
    if "abs_tol" not in entry and "rel_tol" not in entry:
        raise where.error("abs_tol", _("give abs_tol or rel_tol (or both); abs_tol = 0 means exactly"))
    abs_tol = _number(where, entry, "abs_tol", 0.0, default=0.0)
    rel_tol = _number(where, entry, "rel_tol", 0.0, default=0.0)
    if rel_tol >= 0.5:
        raise where.error("rel_tol", _("must be below 0.5 (a share, 0.01 is 1%), got {value}").format(value=f"{rel_tol:g}"))
    return abs_tol, rel_tol


def _placeholders(template: str) -> list[str]:
    return [name for __, name, ___, ____ in string.Formatter().parse(template) if name is not None]


def _check_templates(where: _Where, question: ParametrizedQuestion) -> None:
    """Render the text and explanation with a sample student's numbers: every placeholder must
    be a value the generator draws, and the text must show every number the answer depends on."""
    from grader.quiz.kinds import draw

    try:
        variant = draw(question, CHECK_STUDENT, question.quiz_id)
    except Exception as error:  # noqa: BLE001 - a generator that fails is the bank's problem to report
        raise where.error("generator", _("{generator} failed: {error}").format(
            generator=repr(question.generator), error=f"{type(error).__name__}: {error}")) from None
    for field, render, known in (("text", question.shown_text, variant.params),
                                 ("explanation", question.shown_explanation,
                                  {**variant.params, **variant.extra, "answer": 0})):
        try:
            render(variant)
        except KeyError as error:
            raise where.error(field, _("placeholder {placeholder} is not a value of generator {generator} (it has: "
                                       "{known})").format(placeholder="{" + str(error.args[0]) + "}",
                                                          generator=repr(question.generator),
                                                          known=", ".join(sorted(known)))) from None
        except (ValueError, IndexError, AttributeError) as error:
            raise where.error(field, _("cannot be filled in ({error}); write a literal brace as {{{{ or }}}}").format(
                error=error)) from None
    shown = set(_placeholders(question.text))
    missing = sorted(set(variant.params) - shown)
    if missing:
        raise where.error("text", _("does not show {placeholders}, which the answer depends on").format(
            placeholders=", ".join("{" + m + "}" for m in missing)))


def _question(where: _Where, question_id: str, entry: Any, topic: str, quiz_id: str,
              check_templates: bool = True) -> Question:
    if not isinstance(entry, dict):
        raise where.error(None, _("each [[question]] must be a table"))
    kind = entry.get("kind")
    if kind not in FIELDS:
        raise where.error("kind", _("must be one of {kinds}, got {kind}").format(kinds=", ".join(FIELDS), kind=repr(kind)))
    unknown = sorted(set(entry) - FIELDS[kind])
    if unknown:
        raise where.error(unknown[0], _("is not a field of a {kind} question (its fields: {fields})").format(
            kind=kind, fields=", ".join(sorted(FIELDS[kind]))))
    common = dict(id=question_id, topic=topic, file=where.file, text=_text(where, entry, "text"),
                  explanation=_text(where, entry, "explanation"),
                  points=_number(where, entry, "points", 0.0, default=1.0))
    if common["points"] <= 0 or common["points"] > 100:
        raise where.error("points", _("must be above 0 and at most 100, got {value}").format(
            value=f"{common['points']:g}"))
    if kind in ("single", "multiple"):
        choices = _choices(where, entry)
        key = _letters(where, entry, LETTERS[:len(choices)], many=kind == "multiple")
        cls: type[ChoiceQuestion] = SingleChoice if kind == "single" else MultipleChoice
        return cls(**common, choices=choices, key=key)
    abs_tol, rel_tol = _tolerances(where, entry)
    if kind == "numeric":
        answer = _number(where, entry, "answer")
        question = NumericQuestion(**common, abs_tol=abs_tol, rel_tol=rel_tol, answer=answer,
                                   mistakes=_mistakes(where, entry))
        for value, why in question.mistakes:
            if question.accepts(value, answer):
                raise where.error("mistakes", _("{value} ({why}) is within the tolerance of the answer {answer}: it "
                                                "would score full marks").format(value=f"{value:g}", why=why,
                                                                                 answer=f"{answer:g}"))
        return question
    name = entry.get("generator")
    if name not in GENERATORS:
        raise where.error("generator", _("{name} is not a generator; known: {known}").format(
            name=repr(name), known=", ".join(sorted(GENERATORS))))
    question = ParametrizedQuestion(**common, abs_tol=abs_tol, rel_tol=rel_tol, generator=name, quiz_id=quiz_id)
    if check_templates:
        _check_templates(where, question)
    return question


def _mistakes(where: _Where, entry: dict) -> tuple[tuple[float, str], ...]:
    items = entry.get("mistakes")
    if not isinstance(items, list) or not items:
        raise where.error("mistakes", _('give at least one plausible wrong answer: '
                                        'mistakes = [{{answer = 1.0, why = "took the log in base 10"}}]').format())
    found = []
    for item in items:
        if not isinstance(item, dict) or set(item) != {"answer", "why"}:
            raise where.error("mistakes", _("each mistake is a table {{answer = <number>, why = \"...\"}}").format())
        found.append((_number(where, item, "answer"), _text(where, item, "why")))
    return tuple(found)


#: banks read in this process: (folder, quiz id, templates checked, its files' names, sizes, times) -> bank
_LOADED: dict[tuple, "Bank"] = {}


def load_bank(folder: Path | None = None, quiz_id: str = QUIZ_ID, *, check_templates: bool = True) -> Bank:
    """Every `*.toml` file of `folder` (the course's bank by default), in file-name order, its
    questions in the order written. Raises BankError for the first mistake found.
    `check_templates`: draw a sample student's numbers for every parametrised question to check
    its texts (its generators' first use loads parts of torch, seconds; skipped where no
    question's numbers are needed, e.g. to tell whether an answers file holds any answer).
    A bank is read once per process while its files are unchanged."""
    import grader.quiz.generators  # noqa: F401 - registers the generators the bank names

    folder = BANK_DIR if folder is None else folder
    files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    if not files:
        raise BankError(_("{folder}: no question bank here (expected one .toml file per topic)").format(folder=folder))
    try:
        stamps = tuple((path.name, path.stat().st_size, path.stat().st_mtime_ns) for path in files)
    except OSError:
        stamps = None
    key = (str(folder.resolve()), quiz_id, stamps)
    loaded = _LOADED.get((*key, True)) or (None if check_templates else _LOADED.get((*key, False)))
    if loaded is None:
        loaded = _read_bank(folder, files, quiz_id, check_templates)
        if stamps is not None:
            _LOADED[(*key, check_templates)] = loaded
    return loaded


def _read_bank(folder: Path, files: list[Path], quiz_id: str, check_templates: bool) -> Bank:
    questions: list[Question] = []
    seen: dict[str, str] = {}
    for path in files:
        name = path.name
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise BankError(_("{file}: not valid TOML ({error})").format(file=name, error=error)) from None
        where = _Where(name)
        unknown = sorted(set(document) - {"topic", "question"})
        if unknown:
            raise where.error(unknown[0], _("is not a field of a bank file (its fields: topic, and one "
                                            "[[question]] table per question)"))
        topic = _text(where, document, "topic")
        entries = document.get("question")
        if not isinstance(entries, list) or not entries:
            raise where.error("question", _("no [[question]] tables in this file"))
        for number, entry in enumerate(entries, start=1):
            question_id = entry.get("id") if isinstance(entry, dict) else None
            if not isinstance(question_id, str) or not ID_PATTERN.fullmatch(question_id) or question_id in RESERVED:
                raise _Where(name, f"#{number}").error(
                    "id", _("must be lowercase letters, digits and _, starting with a letter, at most 48 characters, "
                            "and not {reserved}; got {id}").format(reserved=" or ".join(sorted(RESERVED)),
                                                                   id=repr(question_id)))
            if question_id in seen:
                raise _Where(name, repr(question_id)).error("id", _("is used twice (also in {file})").format(
                    file=seen[question_id]))
            seen[question_id] = name
            questions.append(_question(_Where(name, repr(question_id)), question_id, entry, topic, quiz_id,
                                       check_templates))
    return Bank(quiz_id, tuple(questions), folder)
