"""Question kinds: how an answer is read, and how it is scored.

Each kind reads a student's answer two ways: `read` takes a value from the answers file
(already parsed by TOML: a string, a number, a list), `read_text` takes what a student typed
(a terminal prompt, or a line of an answers file that is not valid TOML). Both raise
`AnswerError` with a one-line message when the answer cannot be read; `score` then gives the
earned share 0..1 and what to tell the student.

Multiple choice earns partial credit: (right picks - wrong picks) / number of right choices,
floored at 0. Picking every choice therefore earns nothing unless most choices are right, and
leaving out one right choice of three earns 2/3.
"""

from __future__ import annotations

import math
import re
import string
from dataclasses import dataclass, field
from typing import Any, ClassVar

from grader.i18n import N_, _, ngettext
from grader.quiz.dice import Dice, variant_seed
from grader.quiz.variant import GENERATORS, Variant

LETTERS = string.ascii_lowercase
#: the longest piece of a student's answer quoted back in a message
QUOTE = 40


class AnswerError(Exception):
    """An answer that cannot be read; the message is one line for the student."""


def quoted(value: Any) -> str:
    """A student's value as a message quotes it: short, one line."""
    text = value if isinstance(value, str) else repr(value)
    text = text.replace("\n", " ")
    return repr(text[:QUOTE] + "..." if len(text) > QUOTE else text)


def points_text(points: float) -> str:
    """"1 point", "2 points", "0.5 points" (in the language in use)."""
    return ngettext("{points} point", "{points} points", 1 if points == 1 else 2).format(points=f"{points:g}")


def format_number(value: float) -> str:
    """14, 0.2474, -3.1e-05: whole numbers in full, others to 6 significant digits."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


@dataclass(frozen=True)
class Outcome:
    """How one answer scored."""

    credit: float
    summary: str = ""
    expected: str = ""
    got: str = ""
    diagnosis: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    file: str
    text: str
    explanation: str
    points: float

    kind: ClassVar[str] = ""
    #: what the answers file says about the form of an answer
    form: ClassVar[str] = ""

    def variant(self, student: str | None, quiz_id: str) -> Variant | None:
        """This student's numbers (None: the question has none)."""
        return None

    # What a person reads of the question is looked up in the catalogs (domain `quizbank`) each
    # time it is shown, so it is in the language in use then; the bank on disk stays English and
    # ids, keys, answers and choice letters never change with the language.

    @property
    def shown_topic(self) -> str:
        return _(self.topic)

    def shown_text(self, variant: Variant | None) -> str:
        return _(self.text)

    def shown_explanation(self, variant: Variant | None) -> str:
        return _(self.explanation)

    def shown_form(self) -> str:
        """What the answers file says about the form of an answer, in the language in use."""
        return _(self.form)

    def shown_points(self) -> str:
        """"1 point", "2 points", "0.5 points"."""
        return points_text(self.points)

    def key_text(self, variant: Variant | None) -> str:
        """The right answer as the answers file would hold it."""
        raise NotImplementedError

    def read(self, value: Any) -> Any:
        raise NotImplementedError

    def read_text(self, text: str) -> Any:
        raise NotImplementedError

    def score(self, answer: Any, variant: Variant | None) -> Outcome:
        raise NotImplementedError

    def to_toml(self, answer: Any) -> str:
        """An answer as a TOML value, for writing an answers file."""
        raise NotImplementedError


# ---------------------------------------------------------------------------------- choices


@dataclass(frozen=True)
class ChoiceQuestion(Question):
    choices: tuple[str, ...] = ()
    key: frozenset[str] = field(default_factory=frozenset)

    @property
    def labels(self) -> str:
        return LETTERS[:len(self.choices)]

    def shown_choices(self) -> tuple[str, ...]:
        """The choices as a person reads them, in the bank's order (the letters never change)."""
        return tuple(_(choice) for choice in self.choices)

    def _range(self) -> str:
        return f"{self.labels[0]}-{self.labels[-1]}"

    def _letter(self, item: Any) -> str:
        if not isinstance(item, str):
            raise AnswerError(_("expected a letter in quotes such as \"{letter}\", got {value}").format(
                letter=self.labels[1], value=quoted(item)))
        letter = item.strip().lower().rstrip(")").strip()
        if not letter:
            raise AnswerError(_("an empty letter in the list"))
        if len(letter) != 1 or letter not in LETTERS:
            raise AnswerError(_("{value} is not a choice; the choices are {choices}").format(
                value=quoted(item), choices=self._range()))
        if letter not in self.labels:
            raise AnswerError(_("there is no choice {letter}; the choices are {choices}").format(
                letter=repr(letter), choices=self._range()))
        return letter

    def _letters(self, value: Any) -> list[str]:
        """The letters a value names: "b", "a, c", "ac" or ["a", "c"]."""
        if isinstance(value, str):
            text = value.strip()
            if re.fullmatch(r"[A-Za-z]+", text) and len(text) <= len(LETTERS):
                return [self._letter(c) for c in text]
            parts = [p for p in re.split(r"[\s,;]+", text.strip("[]() ")) if p]
            return [self._letter(p.strip("\"'")) for p in parts]
        if isinstance(value, list):
            return [self._letter(item) for item in value]
        raise AnswerError(_("expected letters in quotes such as \"{letter}\", got {value}").format(
            letter=self.labels[0], value=quoted(value)))

    def read_text(self, text: str) -> Any:
        return self.read(text)

    def key_text(self, variant: Variant | None) -> str:
        return self.to_toml(sorted(self.key) if len(self.key) > 1 or self.kind == "multiple" else min(self.key))

    def _shown(self, letters) -> str:
        return ", ".join(sorted(letters)) if letters else _("nothing")


@dataclass(frozen=True)
class SingleChoice(ChoiceQuestion):
    kind: ClassVar[str] = "single"
    form: ClassVar[str] = N_('single choice: one letter in quotes, e.g. "b"')

    def read(self, value: Any) -> str:
        letters = sorted(set(self._letters(value)))
        if not letters:
            raise AnswerError(_("no letter given"))
        if len(letters) > 1:
            raise AnswerError(_("pick exactly one choice, got {letters}").format(letters=", ".join(letters)))
        return letters[0]

    def score(self, answer: str, variant: Variant | None) -> Outcome:
        right = min(self.key)
        if answer == right:
            return Outcome(1.0)
        return Outcome(0.0, _("wrong choice"), expected=right, got=answer)

    def to_toml(self, answer: Any) -> str:
        return f'"{answer}"'


@dataclass(frozen=True)
class MultipleChoice(ChoiceQuestion):
    kind: ClassVar[str] = "multiple"
    form: ClassVar[str] = N_('multiple choice, every right letter: a list, e.g. ["a", "c"]')

    def read(self, value: Any) -> frozenset[str]:
        letters = frozenset(self._letters(value))
        if not letters:
            raise AnswerError(_("no letter given"))
        return letters

    def score(self, answer: frozenset[str], variant: Variant | None) -> Outcome:
        right, wrong = answer & self.key, answer - self.key
        credit = max(0, len(right) - len(wrong)) / len(self.key)
        if credit == 1.0:
            return Outcome(1.0)
        missed = len(self.key) - len(right)
        summary = ngettext("{right} of {total} right choices picked, {wrong} wrong pick: ({right} - {wrong}) / "
                           "{total} = {earned}/{total} of the points",
                           "{right} of {total} right choices picked, {wrong} wrong picks: ({right} - {wrong}) / "
                           "{total} = {earned}/{total} of the points", len(wrong)).format(
            right=len(right), wrong=len(wrong), total=len(self.key), earned=max(0, len(right) - len(wrong)))
        if missed and not wrong:
            summary += _(" (missed {missed})").format(missed=missed)
        return Outcome(credit, summary, expected=self._shown(self.key), got=self._shown(answer))

    def to_toml(self, answer: Any) -> str:
        return "[" + ", ".join(f'"{a}"' for a in sorted(answer)) + "]"


# --------------------------------------------------------------------------------- numbers


def read_number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise AnswerError(_("expected a number such as 0.25, got {value}").format(value=quoted(value)))
    if isinstance(value, str):
        text = value.strip().replace("\u2212", "-")  # a typographic minus, as pasted from notes
        if re.fullmatch(r"[+-]?\d+,\d+", text):
            raise AnswerError(_("{value} is not a number: write the decimal point as '.', e.g. {example}").format(
                value=quoted(value), example=text.replace(",", ".")))
        try:
            number = float(text.replace("_", "")) if re.fullmatch(r"[0-9eE.+\-_]+", text) else None
        except ValueError:
            number = None
        if number is None:
            raise AnswerError(_("{value} is not a number; write a plain number such as 0.25 or 1.5e-3").format(
                value=quoted(value)))
    else:
        try:
            number = float(value)
        except OverflowError:
            raise AnswerError(_("{value} is too large to be an answer").format(value=quoted(value))) from None
    if not math.isfinite(number):
        raise AnswerError(_("{value} is not a finite number").format(value=quoted(value)))
    return number


@dataclass(frozen=True)
class NumericQuestion(Question):
    abs_tol: float = 0.0
    rel_tol: float = 0.0
    answer: float = 0.0
    #: (value, what a student did to get it)
    mistakes: tuple[tuple[float, str], ...] = ()

    kind: ClassVar[str] = "numeric"
    form: ClassVar[str] = N_("a number, e.g. 0.25 or 1.5e-3")

    def accepts(self, value: float, key: float) -> bool:
        allowed = max(self.abs_tol, self.rel_tol * abs(key))
        return abs(value - key) <= allowed * (1 + 1e-9) + 1e-12 * abs(key)

    def tolerance_text(self, key: float) -> str:
        parts = []
        if self.abs_tol:
            parts.append(f"± {format_number(self.abs_tol)}")
        if self.rel_tol:
            parts.append(f"± {format_number(self.rel_tol * 100)}%")
        # (half-width brackets in every language: this is part of the expected value, numbers)
        return " ({})".format(_(" or ").join(parts)) if parts else ""

    def key_value(self, variant: Variant | None) -> float:
        return self.answer

    def known_mistakes(self, variant: Variant | None) -> list[tuple[float, str]]:
        return list(self.mistakes)

    def key_text(self, variant: Variant | None) -> str:
        return format_number(self.key_value(variant))

    def read(self, value: Any) -> float:
        return read_number(value)

    def read_text(self, text: str) -> float:
        return read_number(text)

    def score(self, answer: float, variant: Variant | None) -> Outcome:
        key = self.key_value(variant)
        if self.accepts(answer, key):
            return Outcome(1.0)
        diagnosis = next((_("that is what you get if you {why}").format(why=_(why))
                          for value, why in self.known_mistakes(variant) if self.accepts(answer, value)), "")
        return Outcome(0.0, _("wrong value"), expected=format_number(key) + self.tolerance_text(key),
                       got=format_number(answer), diagnosis=diagnosis)

    def to_toml(self, answer: Any) -> str:
        value = float(answer)
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


class Placeholders(dict):
    """Values for a template; a missing one raises KeyError naming it."""


@dataclass(frozen=True)
class ParametrizedQuestion(NumericQuestion):
    generator: str = ""
    quiz_id: str = ""

    kind: ClassVar[str] = "parametrized"
    form: ClassVar[str] = N_("a number, e.g. 0.25 or 1.5e-3 (your own numbers)")

    def variant(self, student: str | None, quiz_id: str | None = None) -> Variant | None:
        if not student:
            return None
        return draw(self, student, quiz_id or self.quiz_id)

    def shown_text(self, variant: Variant | None) -> str:
        if variant is None:
            return _(self.text)
        return _(self.text).format_map(Placeholders(variant.params))

    def shown_explanation(self, variant: Variant | None) -> str:
        if variant is None:
            return _(self.explanation)
        values = {**variant.params, **variant.extra, "answer": format_number(variant.answer)}
        return _(self.explanation).format_map(Placeholders(values))

    def key_value(self, variant: Variant | None) -> float:
        if variant is None:
            raise ValueError(f"{self.id}: no variant")
        return float(variant.answer)

    def known_mistakes(self, variant: Variant | None) -> list[tuple[float, str]]:
        return [] if variant is None else [(float(v), why) for why, v in variant.mistakes.items()]


#: the most draws tried for a variant whose known mistakes are told apart from its answer
MAX_DRAWS = 200


def draw(question: ParametrizedQuestion, student: str, quiz_id: str) -> Variant:
    """The student's variant: drawn again and again from their own seed (so always the same)
    until at least one known mistake is told apart from the answer; mistakes the tolerance
    cannot tell apart from the answer are dropped."""
    dice = Dice(variant_seed(quiz_id, student, question.id))
    make = GENERATORS[question.generator]
    for _ in range(MAX_DRAWS):
        variant = make(dice)
        key = float(variant.answer)
        mistakes = {}
        for why, value in variant.mistakes.items():
            value = float(value)
            if math.isfinite(value) and not question.accepts(value, key) and not any(
                    question.accepts(value, kept) for kept in mistakes.values()):
                mistakes[why] = value
        if mistakes:
            return Variant(variant.params, variant.answer, mistakes, variant.extra)
    raise RuntimeError(f"{question.id}: generator {question.generator!r} drew no variant whose mistakes "
                       f"the tolerance tells apart from the answer in {MAX_DRAWS} tries")


KINDS: dict[str, type[Question]] = {cls.kind: cls for cls in (SingleChoice, MultipleChoice, NumericQuestion,
                                                               ParametrizedQuestion)}
