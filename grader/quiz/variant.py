"""A parametrized question's variant and the registry of generators that draw them.

Apart from `generators` (which computes the answers) so that the quiz's code imports without
it: the student copy of the grader leaves the answer-computing generators out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from grader.quiz.dice import Dice

Number = float | int


@dataclass(frozen=True)
class Variant:
    """One student's numbers for one question."""

    #: what the question's text shows (every one of them must appear in it)
    params: dict[str, Number | str]
    answer: Number
    #: mistake (said as "what a student did") -> the value it gives
    mistakes: dict[str, Number] = field(default_factory=dict)
    #: intermediate values the explanation may show (not shown in the question)
    extra: dict[str, Number | str] = field(default_factory=dict)

    def identity(self) -> tuple:
        """What makes two variants the same question: their shown numbers."""
        return tuple(sorted((k, str(v)) for k, v in self.params.items()))


GENERATORS: dict[str, Callable[[Dice], Variant]] = {}


def generator(name: str) -> Callable[[Callable[[Dice], Variant]], Callable[[Dice], Variant]]:
    def register(function: Callable[[Dice], Variant]) -> Callable[[Dice], Variant]:
        if name in GENERATORS:
            raise ValueError(f"generator {name!r} registered twice")
        GENERATORS[name] = function
        return function
    return register
