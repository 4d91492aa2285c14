"""Wall time of `grade FILE --format json` in a cold process (torch import included), per
assignment, for the model solution and for the untouched stub; median of N runs, and the
whole course graded in one process. Every row is also given as a ratio to the floor every
grader with PyTorch references pays: a bare `python -c "import torch"`, measured in the same
run (interleaved with the rows, so machine load hits both alike).

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

#: every cold `import torch` measured in this run (one before each graded row's runs)
BARE: list[float] = []


def bare_import() -> None:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import torch"], check=True, capture_output=True)
    BARE.append(time.perf_counter() - started)


def cold_seconds(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        bare_import()
        started = time.perf_counter()
        subprocess.run([str(GRADE), str(path), "--format", "json"], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    rows = []
    for assignment_id, (module, _) in ASSIGNMENTS.items():
        model = cold_seconds(ROOT / "tests/model_solutions" / assignment_id / f"{module}.py", runs)
        stub = cold_seconds(ROOT / "assignments" / assignment_id / f"{module}.py", runs)
        rows.append((assignment_id, model, stub))
        print(f"  {assignment_id}: model {model:.2f} s, stubs {stub:.2f} s", file=sys.stderr, flush=True)
    course = cold_seconds(ROOT / "tests/model_solutions", max(1, runs // 2))
    stubs = cold_seconds(ROOT / "assignments", max(1, runs // 2))
    rows.append(("whole course", course, stubs))
    bare = statistics.median(BARE)
    print(f"median of {runs} cold runs (whole course: {max(1, runs // 2)}), seconds, and x the bare import")
    label = 'python -c "import torch"'
    print(f"{label:26s} {bare:7.2f} {'':6s}   (median of {len(BARE)})")
    print(f"{'assignment':26s} {'model':>7s} {'':6s} {'stubs':>7s}")
    for name, model, stub in rows:
        print(f"{name:26s} {model:7.2f} {model / bare:5.2f}x {stub:7.2f} {stub / bare:5.2f}x")


if __name__ == "__main__":
    main()
