"""Timing ratios (student time / reference time, as the timing check measures them) of the
model solutions and the naive `slow` variants, next to each check's limit, over several seeds;
with --correct, of every correct variant too, and with --mutants, of the audit's python_loop
mutants (one operation of the model in a Python loop). A healthy check shows model and correct
ratios well under the limit and naive and mutant ratios well over it.

    python bench/timing_ratios.py [--seeds 3] [--assignment ID ...] [--correct] [--mutants]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from grader.checks import Context, TimingCheck  # noqa: E402
from grader.course import ASSIGNMENTS, load_assignment  # noqa: E402
from grader.runner import Options, Session, with_job_gate  # noqa: E402
from grader.sandbox.host import Sandbox  # noqa: E402
from grader.submission import load_submission  # noqa: E402
from tests.submissions import variants  # noqa: E402


def ratios(assignment, file: Path, names: set[str] | None, seeds: int, sandbox: Sandbox) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {}
    for seed in range(seeds):
        session = Session(assignment, load_submission(file), Options(seed=seed), sandbox)
        for exercise in assignment.exercises:
            timing = [c for c in exercise.checks if isinstance(c, TimingCheck)]
            if not timing or (names and exercise.name not in names):
                continue
            checks = with_job_gate(list(exercise.all_checks()))
            session.budget_seconds = exercise.budget_seconds
            ctx = Context(session, exercise.name, exercise.budget_seconds, {c.name: c for c in checks})
            try:
                outcome = timing[0]._measure(ctx, np.random.default_rng(seed))
            finally:
                ctx.close()
            key = f"{exercise.name} (limit {timing[0].limit:g}x)"
            found.setdefault(key, []).append(outcome if isinstance(outcome, float) else float("nan"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--assignment", action="append")
    parser.add_argument("--correct", action="store_true", help="also every correct variant")
    parser.add_argument("--mutants", action="store_true", help="also the audit's python_loop mutants")
    options = parser.parse_args()
    torch.set_num_threads(1)
    for assignment_id, (module, _) in ASSIGNMENTS.items():
        if options.assignment and assignment_id not in options.assignment:
            continue
        assignment = load_assignment(assignment_id)
        if not any(isinstance(c, TimingCheck) for e in assignment.exercises for c in e.checks):
            continue
        with Sandbox(torch=assignment.backend == "torch") as sandbox:
            model = ROOT / "tests/model_solutions" / assignment_id / f"{module}.py"
            for key, values in ratios(assignment, model, None, options.seeds, sandbox).items():
                print(f"{assignment_id} model {key}: median ratio {statistics.median(values):.2f}  "
                      f"runs {', '.join(f'{v:.2f}' for v in values)}", flush=True)
            for submission in (s for s in variants([assignment_id]) if s.kind == "slow"):
                with tempfile.TemporaryDirectory() as tmp:
                    file = submission.place(Path(tmp))
                    wanted = {e.exercise for e in submission.expectations}
                    for key, values in ratios(assignment, file, wanted, options.seeds, sandbox).items():
                        print(f"{assignment_id} naive {submission.path.name} {key}: median ratio "
                              f"{statistics.median(values):.2f}", flush=True)
            if options.correct:
                for submission in (s for s in variants([assignment_id]) if s.kind == "correct"):
                    with tempfile.TemporaryDirectory() as tmp:
                        file = submission.place(Path(tmp))
                        for key, values in ratios(assignment, file, None, options.seeds, sandbox).items():
                            print(f"{assignment_id} correct {submission.path.name} {key}: median ratio "
                                  f"{statistics.median(values):.2f}  max {max(values):.2f}", flush=True)
            if options.mutants:
                from grader.audit.run import assignment_mutants

                for mutant in assignment_mutants(assignment_id, model.read_text()):
                    if mutant.operator != "python_loop":
                        continue
                    with tempfile.TemporaryDirectory() as tmp:
                        file = Path(tmp) / f"{module}.py"
                        file.write_text(mutant.source)
                        for key, values in ratios(assignment, file, set(mutant.exercises), options.seeds,
                                                  sandbox).items():
                            print(f"{assignment_id} mutant {mutant.id} {key}: median ratio "
                                  f"{statistics.median(values):.2f}  min {min(values):.2f}", flush=True)


if __name__ == "__main__":
    main()
