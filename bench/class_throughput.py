"""Whole-class grading against nbgrader: COUNT generated notebook submissions of 05_softmax
(model solutions, buggy and slow variants, each with a comment of its own so none is the same
file), graded by `grade-class` with JOBS worker processes, and, in the same run, autograded by
nbgrader's own `autograde` (which runs each notebook, `check` cells included, one after another
in a Jupyter kernel). Prints submissions per minute for both and the ratio, and how many timing
verdicts of the parallel run differ from a quiet serial run (`grade-class --jobs 1`, same seed).

Aim: at least 5x nbgrader's rate, and no timing verdict flipped.

    python bench/class_throughput.py [--count 100] [--jobs 2] [--nbgrader-count N] [--keep DIR]

`--nbgrader-count N` autogrades only the first N notebooks with nbgrader (its rate is per
notebook; the whole class takes long with it).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402

from tests.submissions import variants  # noqa: E402

ASSIGNMENT, MODULE = "05_softmax", "softmax"
BIN = Path(sys.executable).parent
SEED = "20261204"


def notebooks(release: Path, submitted: Path, count: int) -> dict[str, str]:
    """COUNT students' notebooks in nbgrader's submitted/ layout; student -> variant kind."""
    pool = [s for s in variants([ASSIGNMENT]) if s.kind in ("correct", "buggy", "slow")]
    model = (ROOT / "tests/model_solutions" / ASSIGNMENT / f"{MODULE}.py").read_text()
    rng = random.Random(0)
    kinds = {}
    with tempfile.TemporaryDirectory() as tmp:
        for number in range(count):
            student = f"s{number:03d}"
            # about half the class hands in the model solution, the rest a variant
            variant = None if number % 2 == 0 else pool[rng.randrange(len(pool))]
            source = model if variant is None else variant.place(Path(tmp) / student).read_text()
            kinds[student] = "model" if variant is None else variant.kind
            notebook = nbformat.read(release, as_version=4)
            code_cells = [cell for cell in notebook.cells if cell.id.endswith("-code")]
            # the whole module in the first function cell; the others hold nothing more
            code_cells[0].source = f"# {student}\n{source}"
            for cell in code_cells[1:]:
                cell.source = "pass"
            target = submitted / student / ASSIGNMENT / f"{MODULE}.ipynb"
            target.parent.mkdir(parents=True)
            nbformat.write(notebook, target)
            (target.parent / "timestamp.txt").write_text("2026-12-04 10:00:00.000000 UTC")
    return kinds


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command[:3])}... failed:\n{done.stderr[-3000:]}")
    return seconds


def timing_verdicts(gradebook: Path) -> dict[tuple[str, str], bool]:
    with sqlite3.connect(gradebook) as db:
        return {(student, exercise): bool(passed) for student, exercise, passed in db.execute(
            "SELECT student, exercise, passed FROM checks WHERE assignment = ? AND name = 'timing'", (ASSIGNMENT,))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--nbgrader-count", type=int, default=None)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    options = parser.parse_args()
    work = options.keep or Path(tempfile.mkdtemp(prefix="class-bench-"))
    try:
        course = work / "course"
        timed([str(BIN / "grade-teacher"), "generate", str(course), "--assignment", ASSIGNMENT], ROOT)
        submitted = course / "submitted"
        kinds = notebooks(course / "release" / ASSIGNMENT / f"{MODULE}.ipynb", submitted, options.count)
        print(f"{options.count} notebooks: " + ", ".join(f"{sum(k == kind for k in kinds.values())} {kind}"
                                                         for kind in ("model", "correct", "buggy", "slow")), flush=True)

        parallel_book = work / "parallel.sqlite"
        parallel = timed([str(BIN / "grade-class"), str(submitted), "--assignment", ASSIGNMENT, "--seed", SEED,
                          "--jobs", str(options.jobs), "--gradebook", str(parallel_book), "--no-progress"], ROOT)
        ours = options.count / parallel * 60
        print(f"grade-class --jobs {options.jobs}: {parallel:.0f} s, {ours:.1f} submissions/min", flush=True)

        chosen = sorted(kinds)[:options.nbgrader_count or options.count]
        if len(chosen) < options.count:  # nbgrader autogrades what is in submitted/: only the sample
            (work / "set_aside").mkdir(exist_ok=True)
            for student in sorted(kinds)[len(chosen):]:
                shutil.move(str(submitted / student), str(work / "set_aside" / student))
        nbgrader = timed([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--force"], course)
        if len(chosen) < options.count:
            for student in sorted(kinds)[len(chosen):]:
                shutil.move(str(work / "set_aside" / student), str(submitted / student))
        theirs = len(chosen) / nbgrader * 60
        print(f"nbgrader autograde ({len(chosen)} notebooks): {nbgrader:.0f} s, {theirs:.1f} submissions/min",
              flush=True)
        print(f"ratio: {ours / theirs:.1f}x nbgrader's rate (aim: at least 5x)", flush=True)

        serial_book = work / "serial.sqlite"
        serial = timed([str(BIN / "grade-class"), str(submitted), "--assignment", ASSIGNMENT, "--seed", SEED,
                        "--jobs", "1", "--gradebook", str(serial_book), "--no-progress"], ROOT)
        print(f"grade-class --jobs 1 (quiet serial run): {serial:.0f} s, "
              f"{options.count / serial * 60:.1f} submissions/min", flush=True)
        quiet, loaded = timing_verdicts(serial_book), timing_verdicts(parallel_book)
        flipped = sorted(key for key in quiet.keys() & loaded.keys() if quiet[key] != loaded[key])
        print(f"timing verdicts: {len(quiet)} in the serial run, {len(flipped)} differ in the parallel run "
              f"(aim: 0)", flush=True)
        for student, exercise in flipped:
            print(f"    {student} ({kinds[student]}) {exercise}: serial {'pass' if quiet[student, exercise] else 'fail'}, "
                  f"parallel {'pass' if loaded[student, exercise] else 'fail'}")
        slow = [s for s, kind in kinds.items() if kind == "slow"]
        caught = sum(not passed for (student, _), passed in loaded.items() if student in slow)
        print(f"slow submissions' timing checks failed in the parallel run: {caught} "
              f"(of {len(slow)} slow submissions)")
    finally:
        if options.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
