"""The cost of isolation: grade time of each model solution, and the share of it spent
starting sandboxed children (zygote start, fork, import of the submission) and moving data
(the empty round trip of each request, plus encoding and decoding on the grader's side).

    python bench/isolation_cost.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

from grader.course import ASSIGNMENTS, load_assignment  # noqa: E402
from grader.runner import Options, grade  # noqa: E402
from grader.sandbox import host, wire  # noqa: E402
from grader.submission import load_submission  # noqa: E402

spent = {"start": 0.0, "codec": 0.0, "requests": 0}


def timed(owner, name: str, key: str) -> None:
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
    with host.Sandbox(torch=False) as sandbox:
        worker = sandbox.spawn()
        times = []
        for _ in range(200):
            times.append(worker.request({"op": "release", "slots": []})[3])
        worker.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    torch.set_num_threads(1)
    ping = ping_seconds()
    for owner, name, key in [(host.Sandbox, "start", "start"), (host.Sandbox, "spawn", "start"),
                             (host.WorkerHandle, "load", "start"), (wire, "encode", "codec"),
                             (wire, "decode", "codec")]:
        timed(owner, name, key)
    original_request = host.WorkerHandle.request

    def counting_request(self, *args, **kwargs):
        spent["requests"] += 1
        return original_request(self, *args, **kwargs)
    host.WorkerHandle.request = counting_request
    print(f"empty round trip: {ping * 1e3:.2f} ms (median of 200)")
    print(f"{'assignment':16s} {'total s':>8s} {'start s':>8s} {'data s':>7s} {'requests':>8s} {'share':>6s}")
    for assignment_id, (module, _) in ASSIGNMENTS.items():
        rows = []
        for _ in range(runs):
            spent.update(start=0.0, codec=0.0, requests=0)
            submission = load_submission(ROOT / "tests/model_solutions" / assignment_id / f"{module}.py")
            started = time.perf_counter()
            grade(load_assignment(assignment_id), submission, Options(seed=0))
            total = time.perf_counter() - started
            data = spent["codec"] + spent["requests"] * ping
            rows.append((total, spent["start"], data, spent["requests"]))
        total, start, data, requests = (statistics.median(r[i] for r in rows) for i in range(4))
        print(f"{assignment_id:16s} {total:8.2f} {start:8.2f} {data:7.2f} {requests:8.0f} "
              f"{(start + data) / total:6.0%}", flush=True)


if __name__ == "__main__":
    main()
