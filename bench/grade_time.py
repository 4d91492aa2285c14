"""Wall time of `grade FILE --format json` in a cold process (torch import included), per
assignment, for the model solution and for the untouched stub; median of N runs, and the whole
course graded in one process. Every row is also given as a ratio to the floor every grader with
PyTorch references pays: a bare `python -c "import torch"`, measured in the same run
(interleaved with the rows, so machine load hits both alike).

Practice runs keep the cases of passing searches (grader/case_cache.py): the model solution is
timed on a first run with an empty cache ("first") and on later runs ("kept"), which is what a
student's every run but the first costs. The `grade` timed is the one beside this Python
(`.venv/bin/grade`); run this file with another checkout's Python to time that checkout.

    python bench/grade_time.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from grader.course import ASSIGNMENTS  # noqa: E402

GRADE = Path(sys.executable).parent / "grade"

#: every cold `import torch` measured in this run (one before each graded run)
BARE: list[float] = []


def bare_import() -> None:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import torch"], check=True, capture_output=True)
    BARE.append(time.perf_counter() - started)


def cold_seconds(path: Path, runs: int, cache: Path) -> float:
    """The median wall time of `runs` cold gradings of `path`, keeping cases in `cache`."""
    times = []
    environment = {k: v for k, v in os.environ.items() if k != "CI"} | {"GRADER_CACHE_DIR": str(cache)}
    for _ in range(runs):
        bare_import()
        started = time.perf_counter()
        subprocess.run([str(GRADE), str(path), "--format", "json"], check=True, capture_output=True,
                       env=environment)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for assignment_id, (module, _) in ASSIGNMENTS.items():
            model = ROOT / "tests/model_solutions" / assignment_id / f"{module}.py"
            cache = Path(folder) / assignment_id
            first = cold_seconds(model, 1, cache)
            kept = cold_seconds(model, runs, cache)
            stub = cold_seconds(ROOT / "assignments" / assignment_id / f"{module}.py", runs, cache)
            rows.append((assignment_id, first, kept, stub))
            print(f"  {assignment_id}: first {first:.2f} s, kept {kept:.2f} s, stubs {stub:.2f} s",
                  file=sys.stderr, flush=True)
        course_runs = max(1, runs // 2)
        cache = Path(folder) / "course"
        first = cold_seconds(ROOT / "tests/model_solutions", 1, cache)
        kept = cold_seconds(ROOT / "tests/model_solutions", course_runs, cache)
        stubs = cold_seconds(ROOT / "assignments", course_runs, cache)
        rows.append(("whole course", first, kept, stubs))
    bare = statistics.median(BARE)
    print(f"median of {runs} cold runs (first: 1; whole course: {course_runs}), seconds, and x the bare import")
    label = 'python -c "import torch"'
    print(f"{label:26s} {bare:7.2f} {'':6s}   (median of {len(BARE)})")
    print(f"{'assignment':26s} {'first':>7s} {'':6s} {'kept':>7s} {'':6s} {'stubs':>7s}")
    for name, first, kept, stub in rows:
        print(f"{name:26s} {first:7.2f} {first / bare:5.2f}x {kept:7.2f} {kept / bare:5.2f}x {stub:7.2f} "
              f"{stub / bare:5.2f}x")


if __name__ == "__main__":
    main()
