"""Results of grading: one CheckResult per check, gathered per exercise and per assignment.

These are plain data, built by the runner and read by the renderers in `report`; nothing here
knows how a check works or how a report looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Failure:
    """Why a check failed, in parts a renderer can lay out (check50's Mismatch, grown up).

    `summary` is the one line a student reads first; the rest is optional detail: the smallest
    failing call as code they can paste, expected vs got, a diagnosis naming a known mistake,
    and a hint that does not give the answer away.
    """

    summary: str
    call: str = ""
    expected: str = ""
    got: str = ""
    diagnosis: str = ""
    hint: str = ""
    #: checks this failure proves failed too, though they passed earlier: a wrong result on a
    #: timing input revokes `matches_reference` (the function only looked right on small inputs).
    #: The runner applies it; renderers need not look at it.
    revokes: tuple[str, ...] = ()
    #: the share of the check's points earned though it failed, 0..1: a values check whose
    #: function returns several things (loss and gradient) earns the share of the parts it got right
    credit: float = 0.0

    def one_line(self) -> str:
        parts = [self.summary]
        if self.diagnosis:
            parts.append(self.diagnosis)
        if self.call:
            parts.append(f"Smallest failing call: {self.call}")
        if self.expected or self.got:
            parts.append(f"expected {self.expected}, got {self.got}")
        if self.hint:
            parts.append(f"Hint: {self.hint}")
        return " | ".join(parts)


@dataclass
class CheckResult:
    name: str
    passed: bool
    points: float
    max_points: float
    message: str
    failure: Failure | None = None

    def to_json(self) -> dict:
        return {"name": self.name, "passed": self.passed, "message": self.message,
                "score": round(self.points, 4), "max_score": round(self.max_points, 4)}

    @classmethod
    def from_json(cls, data: dict) -> "CheckResult":
        """The check `to_json` wrote (without its `failure` parts: the message holds them)."""
        return cls(str(data["name"]), bool(data["passed"]), float(data["score"]), float(data["max_score"]),
                   str(data["message"]))


@dataclass
class ExerciseResult:
    id: str
    max_score: float
    checks: list[CheckResult] = field(default_factory=list)
    #: what a student must know to read the checks right (e.g. it was judged with the
    #: grader's own version of a function it calls, which fails its own checks)
    notes: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return round(sum(c.points for c in self.checks), 4)

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)

    def to_json(self) -> dict:
        return {"id": self.id, "score": self.score, "max_score": self.max_score,
                "passed": self.passed, "checks": [c.to_json() for c in self.checks],
                **({"notes": list(self.notes)} if self.notes else {})}

    @classmethod
    def from_json(cls, data: dict) -> "ExerciseResult":
        """The exercise `to_json` wrote; its score and `passed` follow from the checks again."""
        return cls(str(data["id"]), float(data["max_score"]), [CheckResult.from_json(c) for c in data["checks"]],
                   [str(note) for note in data.get("notes", [])])


@dataclass
class AssignmentResult:
    assignment: str
    source: str
    seed: int
    exercises: list[ExerciseResult] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    environment: dict = field(default_factory=dict)

    @property
    def score(self) -> float:
        return round(sum(e.score for e in self.exercises), 4)

    @property
    def max_score(self) -> float:
        return round(sum(e.max_score for e in self.exercises), 4)

    def to_json(self) -> dict:
        return {"assignment": self.assignment, "score": self.score, "max_score": self.max_score,
                "seed": self.seed, "source": self.source, "notices": list(self.notices),
                "exercises": [e.to_json() for e in self.exercises]}

    @classmethod
    def from_json(cls, data: dict) -> "AssignmentResult":
        """The report `to_json` wrote (a gradebook keeps reports so): the same document again
        from `to_json`, and the same rows and scores from every renderer."""
        return cls(str(data["assignment"]), str(data["source"]), int(data["seed"]),
                   [ExerciseResult.from_json(e) for e in data["exercises"]],
                   [str(notice) for notice in data.get("notices", [])], dict(data.get("environment", {})))
