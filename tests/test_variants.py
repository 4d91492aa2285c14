"""Both directions, on every submission in tests/variants: correct code in any valid style gets
full marks; each realistic bug, slow or banned form loses marks on exactly its exercise, with a
message that names the cause (the file's own `expect:` lines say which)."""

from __future__ import annotations

import pytest

from tests.submissions import grade_in_process, problems, spec_exists, variants

CASES = [s for s in variants() if spec_exists(s.assignment_id)]


def _in_ci_sample(submission, index: int) -> bool:
    """CI runs a fixed sample (the suite must stay under 15 minutes on 2 cores): two of every
    three correct variants (a false verdict on right code is the worst defect) and one in four
    of the rest, in a fixed order; `bash scripts/test.sh --full` (or plain pytest) runs them all."""
    return index % 3 != 2 if submission.kind == "correct" else index % 4 == 0


PARAMS = [pytest.param(s, id=s.id, marks=() if _in_ci_sample(s, i) else pytest.mark.full_only)
          for i, s in enumerate(CASES)]


@pytest.mark.parametrize("submission", PARAMS)
def test_variant_gets_the_expected_grade(submission, tmp_path):
    report = grade_in_process(submission, tmp_path / "work")
    assert problems(submission, report) == []


def test_every_assignment_has_both_directions():
    """The collection itself: at least 4 correct and 10 buggy submissions per assignment."""
    kinds: dict[str, dict[str, int]] = {}
    for submission in variants():
        counts = kinds.setdefault(submission.assignment_id, {})
        counts[submission.kind] = counts.get(submission.kind, 0) + 1
    for assignment_id, counts in kinds.items():
        assert counts.get("correct", 0) >= 4, assignment_id
        assert counts.get("buggy", 0) >= 10, assignment_id
