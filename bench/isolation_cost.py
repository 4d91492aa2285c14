"""The cost of isolation: grade time of each model solution, and the share of it spent
starting sandboxed children and moving data.

Each run is a fresh process that does what `grade FILE` does, in the same order: start the
sandbox (its zygote imports numpy/torch in the background), import torch and the grader, grade.
"Start" is the time the grader spends blocked on the sandbox: waiting for the zygote to be
ready, forking workers and importing the submission in them. "Data" is encoding and decoding
on the grader's side plus one empty round trip per request. The total runs from the sandbox
start to the end of grading, the grader's own imports included.

    python bench/isolation_cost.py [--runs 3] [--assignment ID ...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.course import ASSIGNMENTS, TORCH_ASSIGNMENTS  # noqa: E402
from grader.sandbox import host, wire  # noqa: E402

spent = {"start": 0.0, "codec": 0.0, "requests": 0}


def timed(owner, name: str, key: str) -> None:
    """Add the time spent in `owner.name` (outermost calls only) to spent[key]."""
    original = getattr(owner, name)
    depth = [0]  # encode/decode recurse: count the outermost call only

    def wrapper(*args, **kwargs):
        depth[0] += 1
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            depth[0] -= 1
            if depth[0] == 0:
                spent[key] += time.perf_counter() - started
    setattr(owner, name, wrapper)


def ping_seconds() -> float:
    """Median empty round trip to a worker."""
    with host.Sandbox(torch=False) as sandbox:
        worker = sandbox.spawn()
        times = [worker.request({"op": "release", "slots": []})[3] for _ in range(200)]
        worker.close()
    return statistics.median(times)


def one_run(assignment_id: str, ping: float) -> dict:
    """Grade the model solution of `assignment_id` as the CLI does; the measured parts."""
    for owner, name, key in [(host.Sandbox, "spawn", "start"), (host.WorkerHandle, "load", "start"),
                             (wire, "encode", "codec"), (wire, "decode", "codec")]:
        timed(owner, name, key)
    original_request = host.WorkerHandle.request

    def counting_request(self, *args, **kwargs):
        spent["requests"] += 1
        return original_request(self, *args, **kwargs)
    host.WorkerHandle.request = counting_request

    started = time.perf_counter()
    sandbox = host.Sandbox(torch=assignment_id in TORCH_ASSIGNMENTS)
    sandbox.start()
    import torch

    torch.set_num_threads(1)
    from grader.course import load_assignment
    from grader.runner import Options, grade
    from grader.submission import load_submission

    module = ASSIGNMENTS[assignment_id][0]
    submission = load_submission(ROOT / "tests/model_solutions" / assignment_id / f"{module}.py")
    try:
        grade(load_assignment(assignment_id), submission, Options(seed=0), sandbox)
    finally:
        sandbox.close()
    total = time.perf_counter() - started
    return {"total": total, "start": spent["start"], "data": spent["codec"] + spent["requests"] * ping,
            "requests": spent["requests"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--assignment", action="append")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--ping", type=float, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        print(json.dumps(one_run(options.one, options.ping)))
        return
    ping = ping_seconds()
    print(f"empty round trip: {ping * 1e3:.2f} ms (median of 200)")
    print(f"{'assignment':16s} {'total s':>8s} {'start s':>8s} {'data s':>7s} {'requests':>8s} {'share':>6s}")
    for assignment_id in ASSIGNMENTS:
        if options.assignment and assignment_id not in options.assignment:
            continue
        rows = []
        for _ in range(options.runs):
            out = subprocess.run([sys.executable, __file__, "--one", assignment_id, "--ping", repr(ping)],
                                 check=True, capture_output=True, text=True).stdout
            rows.append(json.loads(out.strip().splitlines()[-1]))
        total, start, data, requests = (statistics.median(r[k] for r in rows)
                                        for k in ("total", "start", "data", "requests"))
        print(f"{assignment_id:16s} {total:8.2f} {start:8.2f} {data:7.2f} {requests:8.0f} "
              f"{(start + data) / total:6.0%}", flush=True)


if __name__ == "__main__":
    main()
