"""Where a class's submissions are graded: in this process, in a pool of local worker processes,
or on a Dask distributed cluster. Every executor runs the same `grade_job`, and every job is
graded as `grade` grades a file: in a sandboxed worker forked by a zygote that belongs to the
process doing the grading (a pool process, a Dask worker), so student code never runs in the
grader's own process, wherever that is.

    with LocalExecutor(processes=4) as executor:
        for index, outcome in executor.results(jobs):   # in the order they finish
            ...

A job carries everything grading needs in memory (the code, its helper modules, the options):
a Dask worker on another machine reads nothing of the teacher's files, and sends back only
the grader's report. Timing checks measure the reference in the same process that times the
student's calls, so the verdict is a ratio that holds with every core busy; the executors run
at most one grading per process (and per Dask worker thread) at a time.
"""

from __future__ import annotations

import os
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Iterator, Protocol

from grader.results import AssignmentResult
from grader.i18n import _
from grader.runner import Options
from grader.submission import Submission

PR_SET_PDEATHSIG = 1
#: a job whose pool process died this many times is given up (its row says so)
MAX_POOL_RETRIES = 2


@dataclass(frozen=True)
class Job:
    """One submission to grade, self-contained (see `submission.with_helpers`)."""

    student: str
    assignment_id: str
    submission: Submission
    options: Options


@dataclass
class Outcome:
    """What grading a job came to: the report, or why there is none. `grader_error`: the grader
    (not the student's code) failed, so the row is worth grading again. `version`: the grader
    version of the process that graded it."""

    result: AssignmentResult | None = None
    problem: str = ""
    grader_error: bool = False
    version: str = ""


# ---------------------------------------------------------------- the grading process's side

_local = threading.local()
_version: str | None = None


def _sandbox(torch: bool, options: Options):  # -> Sandbox
    """This thread's sandbox for the backend, started once and kept for the next jobs."""
    from grader.sandbox.host import Sandbox

    sandboxes = getattr(_local, "sandboxes", None)
    if sandboxes is None:
        sandboxes = _local.sandboxes = {}
    key = (torch, options.limits, options.isolate)
    if key not in sandboxes:
        sandbox = Sandbox(torch=torch, limits=options.limits, isolate=options.isolate)
        sandbox.start()
        sandboxes[key] = sandbox
    return sandboxes[key]


def _drop_sandbox(torch: bool, options: Options) -> None:
    sandbox = getattr(_local, "sandboxes", {}).pop((torch, options.limits, options.isolate), None)
    if sandbox is not None:
        sandbox.close()


def close_sandboxes() -> None:
    """Close this thread's sandboxes (their zygotes and workers end)."""
    for sandbox in getattr(_local, "sandboxes", {}).values():
        sandbox.close()
    _local.sandboxes = {}


def process_version() -> str:
    global _version
    if _version is None:
        from grader.gradebook import grader_version

        _version = grader_version()
    return _version


def grade_job(job: Job) -> Outcome:
    """Grade one job in this process's sandbox, its messages in the job's language; never raises
    for anything about the job.

    Runs in a pool process or a Dask worker (or in the teacher's process with `SerialExecutor`).
    """
    from grader.i18n import using

    with using(job.options.language):
        return _grade_job(job)


def _grade_job(job: Job) -> Outcome:
    import torch

    from grader.batch import StudentResult, grade_into
    from grader.course import TORCH_ASSIGNMENTS, load_assignment

    torch.set_num_threads(1)  # the reference is timed on one core, as the student's code runs
    backend = job.assignment_id in TORCH_ASSIGNMENTS
    row = StudentResult(job.student, job.submission.path)
    try:
        assignment = load_assignment(job.assignment_id)
        sandbox = _sandbox(backend, job.options)
    except Exception as error:  # noqa: BLE001 - the row says why; the batch goes on
        return Outcome(problem=_("the grader could not start ({kind}: {error}); grade it again").format(
                           kind=type(error).__name__, error=error),
                       grader_error=True, version=process_version())
    if not grade_into(row, assignment, job.submission, job.options, sandbox):
        _drop_sandbox(backend, job.options)  # whatever state it was left in is not the next job's
    return Outcome(row.result, row.problem, row.grader_error, process_version())


def _pool_process_start() -> None:
    """A pool process: in a process group of its own, with its sandboxes, so the Ctrl-C a
    terminal sends its foreground group reaches only the teacher's process, which stops the
    pool; a sandbox interrupted halfway through a grading would cost a student marks. It ends
    with the teacher's process, however that ends (Linux: the parent-death signal)."""
    import atexit
    import ctypes

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.setpgrp()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: a pool process then outlives a killed parent
        pass
    if os.getppid() == 1:  # the parent died before the signal was set
        os._exit(1)
    atexit.register(close_sandboxes)
    process_version()  # the code this process loaded, whatever changes on disk later


# ---------------------------------------------------------------- the teacher's side


class Executor(Protocol):
    def results(self, jobs: list[Job]) -> Iterator[tuple[int, Outcome]]:
        """(index in `jobs`, outcome) for every job, in the order they finish. Stopping early
        (Ctrl-C, closing the iterator) cancels what has not finished."""

    def close(self) -> None:
        """Release the workers."""


class SerialExecutor:
    """One job after another in this process (`--jobs 1`)."""

    def results(self, jobs: list[Job]) -> Iterator[tuple[int, Outcome]]:
        for index, job in enumerate(jobs):
            yield index, grade_job(job)

    def close(self) -> None:
        close_sandboxes()

    def __enter__(self) -> "SerialExecutor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_processes() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class LocalExecutor:
    """A pool of `processes` worker processes on this machine, each grading one job at a time
    with its own sandbox. A pool process that dies (killed from outside, out of memory) costs
    no row: its jobs are graded again in a fresh pool, and a job that was in flight each time the
    pool broke, MAX_POOL_RETRIES times, gets a row saying so."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        import multiprocessing

        # spawn: a fresh interpreter (no threads or torch state forked from the teacher's process)
        return ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_pool_process_start)

    def results(self, jobs: list[Job]) -> Iterator[tuple[int, Outcome]]:
        tries = [0] * len(jobs)
        pending = list(range(len(jobs)))
        finished = False
        try:
            while pending:
                self._pool = self._pool or self._new_pool()
                futures: dict[Future, int] = {self._pool.submit(grade_job, jobs[i]): i for i in pending}
                pending = []
                for future in as_completed(futures):
                    index = futures[future]
                    error = future.exception()
                    if error is None:
                        yield index, future.result()
                    elif isinstance(error, BrokenProcessPool) and tries[index] + 1 < MAX_POOL_RETRIES:
                        tries[index] += 1
                        pending.append(index)
                    else:
                        yield index, Outcome(problem=_("the grading process failed on this submission "
                                                       "({kind}: {error}); grade it again").format(
                                                           kind=type(error).__name__, error=error),
                                             grader_error=True)
                if pending:  # the pool broke: a fresh one for what is left
                    self._stop(kill=True)
            finished = True
        finally:
            if not finished:  # stopped early (Ctrl-C, the caller closed the iterator): end the workers now
                self._stop(kill=True)

    def _stop(self, kill: bool) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list(getattr(pool, "_processes", {}).values()) if kill else []
        pool.shutdown(wait=not kill, cancel_futures=True)
        for process in processes:  # Python < 3.14 has no public way to end a pool's processes
            if process.is_alive():
                process.terminate()  # SIGTERM: the process's sandbox zygote ends with its socket
        for process in processes:
            process.join(timeout=10)

    def close(self) -> None:
        self._stop(kill=False)

    def __enter__(self) -> "LocalExecutor":
        return self

    def __exit__(self, kind: type | None, *exc: object) -> None:
        self._stop(kill=kind is not None)  # stopped by an error or Ctrl-C: no job is waited for


class DaskExecutor:
    """The jobs on a Dask distributed cluster (`address`: its scheduler, e.g. tcp://host:8786).

    Each Dask worker grades in its own sandbox, as a pool process does; start the workers with
    one thread each (`dask worker ADDRESS --nthreads 1`, one worker per core) so timing checks get
    a quiet core. Only the reports come back; the gradebook stays on the teacher's machine. A
    job whose worker died repeatedly (Dask's KilledWorker) gets a row saying so."""

    def __init__(self, address: str) -> None:
        from distributed import Client

        self.client = Client(address)

    def results(self, jobs: list[Job]) -> Iterator[tuple[int, Outcome]]:
        from distributed import as_completed as dask_completed

        futures = self.client.map(grade_job, jobs, pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        try:
            for future in dask_completed(futures):
                try:
                    outcome = future.result()
                except Exception as error:  # noqa: BLE001 - the row says why; the batch goes on
                    outcome = Outcome(problem=_("the cluster failed on this submission ({kind}: {error}); "
                                                "grade it again").format(kind=type(error).__name__,
                                                                         error=str(error)[:300]),
                                      grader_error=True)
                yield index[future.key], outcome
        finally:
            self.client.cancel([f for f in futures if not f.done()])

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "DaskExecutor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
