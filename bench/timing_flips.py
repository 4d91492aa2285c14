"""Does the timing verdict ever flip? Grades the timed exercises of a correct vectorized
submission RUNS times and of naive (Python-loop) submissions NAIVE times, with another core
kept busy by a spinning process, and prints how often a timing check failed.

Target: correct 0 of RUNS flagged, naive NAIVE of NAIVE flagged.

    python bench/timing_flips.py [--runs 50] [--naive 20] [--assignment ID ...]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

from grader.checks import TimingCheck  # noqa: E402
from grader.course import ASSIGNMENTS, load_assignment  # noqa: E402
from grader.runner import Options, Session, grade_exercise  # noqa: E402
from grader.sandbox.host import Sandbox  # noqa: E402
from grader.submission import load_submission  # noqa: E402
from tests.submissions import variants  # noqa: E402


def timed_exercises(assignment):
    return [e for e in assignment.exercises if any(isinstance(c, TimingCheck) for c in e.checks)]


def timing_failures(assignment, file: Path, exercises, seed: int, sandbox: Sandbox) -> list[str]:
    session = Session(assignment, load_submission(file), Options(seed=seed), sandbox)
    failed = []
    for exercise in exercises:
        result = grade_exercise(session, exercise)
        timing = [c for c in result.checks if c.name == "timing"]
        if timing and not timing[0].passed:
            failed.append(f"seed {seed}, {exercise.name}: {timing[0].message[:300]}")
    return failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--naive", type=int, default=20)
    parser.add_argument("--assignment", action="append")
    options = parser.parse_args()
    torch.set_num_threads(1)
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        for assignment_id, (module, _) in ASSIGNMENTS.items():
            if options.assignment and assignment_id not in options.assignment:
                continue
            assignment = load_assignment(assignment_id)
            exercises = timed_exercises(assignment)
            if not exercises:
                continue
            with Sandbox(torch=assignment.backend == "torch") as sandbox:
                model = ROOT / "tests/model_solutions" / assignment_id / f"{module}.py"
                started = time.perf_counter()
                flips = [timing_failures(assignment, model, exercises, seed, sandbox) for seed in range(options.runs)]
                seconds = (time.perf_counter() - started) / options.runs
                bad = [f for f in flips if f]
                print(f"{assignment_id} correct (model solution): timing failed in {len(bad)} of {options.runs} "
                      f"runs ({seconds:.1f} s per run)", flush=True)
                for failures in bad:
                    for failure in failures:
                        print(f"    {failure}", flush=True)
                slow = [s for s in variants([assignment_id]) if s.kind == "slow"]
                for submission in slow:
                    with tempfile.TemporaryDirectory() as tmp:
                        file = submission.place(Path(tmp))
                        wanted = {e.exercise for e in submission.expectations}
                        own = [e for e in exercises if e.name in wanted]
                        times = []
                        caught = 0
                        for seed in range(options.naive):
                            started = time.perf_counter()
                            caught += bool(timing_failures(assignment, file, own, seed, sandbox))
                            times.append(time.perf_counter() - started)
                    print(f"{assignment_id} naive {submission.path.name}: flagged {caught} of {options.naive} "
                          f"(median {statistics.median(times):.1f} s per grading)", flush=True)
    finally:
        spinner.kill()


if __name__ == "__main__":
    main()
