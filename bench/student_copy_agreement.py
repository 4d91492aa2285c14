"""How often the student copy's verdict differs from official grading's, on the course's own
correct and buggy submissions (tests/variants).

Official grading's verdict on each variant is the one its `expect:` lines state (the test suite
proves the full grader gives it); the student copy grades the same files with a recording made
here from the model solutions. A verdict is which exercises lose points: the copy agrees when a
correct file scores full marks and a buggy one loses points on exactly its exercise(s).
Messages are not compared (the copy names no known mistakes).

    python bench/student_copy_agreement.py [--every N] [--seed S] [ASSIGNMENT_ID ...]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assignments", nargs="*")
    parser.add_argument("--every", type=int, default=1, help="grade every Nth variant (a fixed sample)")
    parser.add_argument("--seed", type=int, default=20261204, help="the recording's seed")
    args = parser.parse_args()

    import json

    import torch

    from grader.replay import recorded_assignment
    from grader.report import to_json
    from grader.runner import Options, grade
    from grader.student_copy import record_course
    from grader.submission import load_submission
    from tests.submissions import problems, spec_exists, uses_timing, variants

    torch.set_num_threads(1)
    started = time.perf_counter()
    recording = record_course(ROOT / "tests" / "model_solutions", args.seed, args.assignments or None)
    print(f"recorded {len(recording.assignments)} assignments in {time.perf_counter() - started:.0f} s", flush=True)
    chosen = [s for s in variants(args.assignments or None) if spec_exists(s.assignment_id)][::args.every]
    outcome: Counter = Counter()
    differing: list[str] = []
    for submission in chosen:
        verdict_only = replace(submission, expectations=[replace(e, regex=None, check=None, zero=False)
                                                         for e in submission.expectations])
        with tempfile.TemporaryDirectory() as tmp:
            file = submission.place(Path(tmp) / "work")
            options = Options(seed=recording.seed, timing=uses_timing(submission))
            result = grade(recorded_assignment(recording, submission.assignment_id), load_submission(file), options)
        found = problems(verdict_only, json.loads(to_json([result])))
        outcome[(submission.kind, "differs" if found else "same")] += 1
        if found:
            differing.append(f"{submission.id}: {found[0][:300]}")
        print(f"{'DIFF' if found else 'same'} {submission.id}", flush=True)
    print()
    print(f"{'kind':10} {'graded':>7} {'same':>6} {'differs':>8}")
    for kind in sorted({kind for kind, _ in outcome}):
        same, differs = outcome[(kind, "same")], outcome[(kind, "differs")]
        print(f"{kind:10} {same + differs:7d} {same:6d} {differs:8d}")
    total = sum(outcome.values())
    print(f"{'all':10} {total:7d} {total - len(differing):6d} {len(differing):8d}"
          f"   ({100 * len(differing) / max(total, 1):.1f}% differ)")
    for line in differing:
        print("  " + line)
    print(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
