"""Wall time of `grade FILE --format json` in a cold process (torch import included), per
assignment, for the model solution and for the untouched stub; median of N runs, and the
whole course graded in one process.

    python bench/grade_time.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from grader.course import ASSIGNMENTS  # noqa: E402

GRADE = Path(sys.executable).parent / "grade"


def cold_seconds(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([str(GRADE), str(path), "--format", "json"], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"median of {runs} cold runs, seconds")
    print(f"{'assignment':18s} {'model':>7s} {'stubs':>7s}")
    for assignment_id, (module, _) in ASSIGNMENTS.items():
        model = cold_seconds(ROOT / "tests/model_solutions" / assignment_id / f"{module}.py", runs)
        stub = cold_seconds(ROOT / "assignments" / assignment_id / f"{module}.py", runs)
        print(f"{assignment_id:18s} {model:7.2f} {stub:7.2f}", flush=True)
    course = cold_seconds(ROOT / "tests/model_solutions", max(1, runs // 2))
    stubs = cold_seconds(ROOT / "assignments", max(1, runs // 2))
    print(f"{'whole course':18s} {course:7.2f} {stubs:7.2f}")


if __name__ == "__main__":
    main()
