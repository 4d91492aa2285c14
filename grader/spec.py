"""Declarative exercise specs: an assignment is a list of exercises, an exercise a list of checks.

    Exercise("sigmoid", points=2, checks=(...))

The spec says *what* is checked; `checks` says how a kind of check works; `runner` runs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from grader.checks import AllowedApis, Check, Implemented, Case


@dataclass(frozen=True)
class BannedPolicy:
    """What a submission may not use, checked statically on each function and its helpers.

    `modules`: top-level modules whose use scores zero (torch, scipy... in numpy work).
    `names`: attribute names that are banned wherever they come from under `within`
    (e.g. scaled_dot_product_attention anywhere under torch); `prefixes` likewise by prefix.
    `runtime_words`: the same ban enforced in the worker while the code runs.
    """

    modules: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    within: str = ""
    #: at run time, torch routines whose names contain one of these words raise when called
    #: (catches getattr tricks and the dispatcher's torch.ops.aten that no static check sees)
    runtime_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exercise:
    """One student function. `checks` run in order; the gates come first automatically."""

    name: str
    points: float
    checks: tuple[Check, ...]
    probe: Case | None = None
    budget_seconds: float = 30.0

    def all_checks(self) -> tuple[Check, ...]:
        return (Implemented(probe=self.probe), AllowedApis()) + tuple(self.checks)


@dataclass(frozen=True)
class Assignment:
    id: str
    module: str
    title: str
    backend: str  # "numpy" or "torch"
    exercises: tuple[Exercise, ...]
    banned: BannedPolicy = field(default_factory=BannedPolicy)
    allowed_note: str = ""
    #: graded from a recording (the student copy, `grader.replay`), not from the reference
    recorded: bool = False

    def exercise(self, name: str) -> Exercise:
        return next(e for e in self.exercises if e.name == name)
