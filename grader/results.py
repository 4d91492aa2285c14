"""Results of grading: one CheckResult per check, gathered per exercise and per assignment.

These are plain data, built by the runner and read by the renderers in `report`; nothing here
knows how a check works or how a report looks.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from grader.i18n import _


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
    #: what was wrong in the values, when the summary is "wrong result: <wrong>" (checks that
    #: reuse another's verdict reword it, whatever language the summary is in)
    wrong: str = ""
    #: the values were wrong (in any words: "wrong result at step 3 of 5: ...")
    wrong_result: bool = False
    #: the check did not run: it waits for this check, which failed
    waits_for: str = ""
    #: the grader itself could not run the check (not the student's doing)
    grader_error: bool = False
    #: a timing check that measured the function too slow: how many times the reference's time
    #: it took, and the limit (a class run measures a near miss again)
    slowdown: float = 0.0
    slowdown_limit: float = 0.0
    #: a quiz question's explanation (what the right answer is and why), shown after a wrong answer
    explanation: str = ""

    def one_line(self) -> str:
        parts = [self.summary]
        if self.diagnosis:
            parts.append(self.diagnosis)
        if self.call:
            parts.append(_("Smallest failing call: {call}").format(call=self.call))
        if self.expected or self.got:
            parts.append(_("expected {expected}, got {got}").format(expected=self.expected, got=self.got))
        if self.hint:
            parts.append(_("Hint: {hint}").format(hint=self.hint))
        if self.explanation:
            parts.append(_("Explanation: {text}").format(text=self.explanation))
        return " | ".join(parts)


#: a timing failure within this factor of its limit, measured while other grading ran, is
#: measured again once nothing else runs (`AssignmentResult.close_timing_failures`)
CONFIRM_WITHIN = 3.0


@dataclass
class CheckResult:
    name: str
    passed: bool
    points: float
    max_points: float
    message: str
    failure: Failure | None = None

    @property
    def not_run(self) -> bool:
        """It did not run: it waits for a check that failed."""
        return self.failure is not None and bool(self.failure.waits_for)

    def to_json(self) -> dict:
        return {"name": self.name, "passed": self.passed, "message": self.message,
                "score": round(self.points, 4), "max_score": round(self.max_points, 4)}


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

    def close_timing_failures(self, within: float = CONFIRM_WITHIN) -> list[str]:
        """The exercises whose timing check failed by less than `within` times its limit: measured
        while other grading ran on the machine, such a verdict may be the machine's, not the
        code's (far slower code, and wrong results on timing inputs, are final)."""
        close = []
        for exercise in self.exercises:
            for check in exercise.checks:
                failure = check.failure if check.name == "timing" and not check.passed else None
                if failure is not None and 0 < failure.slowdown < within * failure.slowdown_limit:
                    close.append(exercise.id)
        return close

    def take_passed_timing(self, again: "AssignmentResult", exercises: list[str], note: str) -> None:
        """Keep the better verdict: each of `exercises` whose timing check passed in `again` (its
        exercises graded once more, alone) takes that check, with `note` said; the rest of this
        report stays as graded (a timing check is already the better of two measurements, and
        a busy machine must not cost a student marks)."""
        retimed = {e.id: next((c for c in e.checks if c.name == "timing"), None) for e in again.exercises}
        for exercise in self.exercises:
            check = retimed.get(exercise.id)
            if exercise.id in exercises and check is not None and check.passed:
                exercise.checks = [check if c.name == "timing" else c for c in exercise.checks]
                exercise.notes.append(note)

    def to_json(self) -> dict:
        return {"assignment": self.assignment, "score": self.score, "max_score": self.max_score,
                "seed": self.seed, "source": self.source, "notices": list(self.notices),
                "exercises": [e.to_json() for e in self.exercises]}

    def to_record(self) -> dict:
        """Everything in this result, as JSON-ready data (exact points, failures' parts,
        environment): `from_record` gives back an equal result, so every renderer shows the
        same as it would have when it was graded (a gradebook keeps results so)."""
        return asdict(self)

    @classmethod
    def from_record(cls, data: dict) -> "AssignmentResult":
        exercises = []
        for exercise in data["exercises"]:
            checks = [CheckResult(**{**check, "failure": Failure(**{**check["failure"],
                                                                    "revokes": tuple(check["failure"]["revokes"])})
                                     if check["failure"] is not None else None})
                      for check in exercise["checks"]]
            exercises.append(ExerciseResult(exercise["id"], exercise["max_score"], checks, list(exercise["notes"])))
        return cls(data["assignment"], data["source"], data["seed"], exercises, list(data["notices"]),
                   dict(data["environment"]))
