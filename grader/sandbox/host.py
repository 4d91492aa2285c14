"""The grader's side of the sandbox: start a zygote, fork workers, talk to them, kill them.

    sandbox = Sandbox(torch=False, limits=Limits())
    sandbox.start()                      # returns at once; the zygote warms up meanwhile
    worker = sandbox.spawn()             # a fresh, confined process
    worker.load(source, "activations.py", "activations")
    result = worker.call("sigmoid", [x], {})
    worker.close()                       # kills it and everything it started

Every call has a wall-clock limit enforced from here (never by a signal inside the worker).
When a worker hangs, crashes or sends something malformed it is killed and every later call on
it fails at once with the same reason: the exercise it served loses, nothing else does.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.i18n import N_, _
from grader.sandbox import wire

#: stand-in answers one call may ask for (a caller in a loop over rows asks once per row)
MAX_STAND_IN_REQUESTS = 100_000

SIGNAL_NAMES = {signal.SIGSEGV: N_("a segmentation fault (SIGSEGV)"), signal.SIGKILL: "SIGKILL",
                signal.SIGABRT: N_("an abort (SIGABRT)"), signal.SIGBUS: N_("a bus error (SIGBUS)"),
                signal.SIGFPE: N_("a floating-point exception (SIGFPE)"),
                signal.SIGXCPU: N_("the CPU-time limit (SIGXCPU)"),
                signal.SIGXFSZ: N_("the file-size limit (SIGXFSZ)")}


@dataclass(frozen=True)
class Limits:
    """Resource limits for one worker; `call_seconds` is the wall-clock limit of one call."""

    call_seconds: float = 5.0
    load_seconds: float = 10.0
    memory_bytes: int = 2 << 30
    cpu_seconds: int = 120
    processes: int = 32
    file_bytes: int = 64 << 20


@dataclass
class CallResult:
    """What one request to a worker came to.

    Exactly one of: `ok` (the function returned `value`), `error` (student code raised; a dict
    with type, message, where, not_implemented), `failure` (the worker hung, died or sent
    garbage; a sentence, and the worker is gone).
    """

    ok: bool = False
    value: Any = None
    error: dict | None = None
    failure: str | None = None
    fp_errors: list[str] = field(default_factory=list)
    args_after: list | None = None
    kwargs_after: dict | None = None
    grads: Any = None
    slot: int | None = None
    fixture_calls: list[int] = field(default_factory=list)
    seconds: float = 0.0
    #: the call ran past its time limit and was stopped (`failure` says so in words)
    timed_out: bool = False
    lines: int | None = None


#: variables the zygote (and so every worker) may see; nothing else of the grader's environment
#: (tokens for Gradescope or CI, paths of other students' work...) reaches student code
ENVIRONMENT_ALLOW_LIST = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "LANGUAGE", "TZ", "LD_LIBRARY_PATH",
                          "CUDA_VISIBLE_DEVICES", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")

#: libraries a numpy assignment bans; in its sandbox they are not importable at all
NUMPY_BANNED_LIBRARIES = frozenset({
    "torch", "scipy", "jax", "jaxlib", "tensorflow", "keras", "cupy", "numba", "sklearn", "pandas",
    "mxnet", "paddle", "autograd", "numexpr", "dask", "chainer", "theano", "mlx", "tinygrad",
    "functorch", "torchvision", "triton"})


def worker_environment() -> dict[str, str]:
    """The zygote's environment: the allow-listed variables, one thread per numeric library."""
    env = {k: os.environ[k] for k in ENVIRONMENT_ALLOW_LIST if k in os.environ}
    env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
    env.update(OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    return env


#: numbers workers across every Sandbox of this process, so two sandboxes (numpy and torch)
#: never hand out the same worker uid
_worker_numbers = itertools.count(1)
_request_ids = itertools.count(1)
#: how long the zygote may take to answer a control request before it is replaced
CONTROL_SECONDS = 30.0


class SandboxError(RuntimeError):
    """The sandbox itself could not be started (not the student's fault)."""


def _grader_paths() -> list[str]:
    """Directories the workers must not see: the grader, the reference, the course tests."""
    import grader

    grader_dir = Path(grader.__file__).resolve().parent
    paths = {str(grader_dir), str(grader_dir.parent / "reference"), str(grader_dir.parent / "tests")}
    try:
        import importlib.util

        spec = importlib.util.find_spec("reference")
        if spec and spec.origin:
            paths.add(str(Path(spec.origin).resolve().parent))
    except (ImportError, ValueError):
        pass
    return sorted(paths)


class Sandbox:
    """One zygote, shared by the workers of one grading run."""

    def __init__(self, *, torch: bool, limits: Limits = Limits(), isolate: bool = True,
                 own_uids: bool | None = None, hide: frozenset[str] | None = None) -> None:
        self.torch = torch
        #: installed libraries the workers must not be able to import at all
        self.hide = (frozenset() if torch else NUMPY_BANNED_LIBRARIES) if hide is None else hide
        self.limits = limits
        self.isolate = isolate
        self.own_uids = (os.geteuid() == 0) if own_uids is None else own_uids
        self.isolation: dict = {}
        self._process: subprocess.Popen | None = None
        self._control: socket.socket | None = None
        self._stderr = None
        self._ready = False
        self._lock = threading.Lock()
        self._uid_base = 200_000 + (os.getpid() % 500_000) * 64
        self._adopted = False

    def adopt(self) -> None:
        """This process (a fork of the one that made the sandbox) is its only user from now on:
        its workers' uids come from this process's own range, never the forking process's, and
        the zygote (the other process's child, which this one cannot wait for) is watched and
        ended by its pid."""
        self._uid_base = 200_000 + (os.getpid() % 500_000) * 64
        self._adopted = True

    def forget(self) -> None:
        """Let go of a sandbox another process uses (after a fork): its control socket closed
        here, its zygote left running for the other process."""
        if self._control is not None:
            self._control.close()
            self._control = None
        self._process = None

    # ------------------------------------------------------------ zygote

    def start(self) -> None:
        """Launch the zygote; returns without waiting for it to warm up."""
        if self._process is not None:
            return
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        config = {"control_fd": theirs.fileno(), "torch": self.torch, "isolate": self.isolate,
                  "mask": _grader_paths(), "hide": sorted(self.hide), "limits": {
                      "memory_bytes": self.limits.memory_bytes, "cpu_seconds": self.limits.cpu_seconds,
                      "processes": self.limits.processes, "file_bytes": self.limits.file_bytes}}
        env = worker_environment()
        self._stderr = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [sys.executable, "-I", "-m", "grader.sandbox.zygote", json.dumps(config)],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=self._stderr, env=env, cwd="/")
        theirs.close()
        self._control = ours
        self._ready = False

    def _wait_ready(self) -> None:
        if self._ready:
            return
        self._control.settimeout(120)
        try:
            data = self._control.recv(65536)
        except (socket.timeout, OSError):
            data = b""
        if not data:
            self._stderr.seek(0)
            detail = self._stderr.read()[-2000:].decode(errors="replace").strip()
            raise SandboxError(_("the sandbox could not start: {why}").format(
                why=detail.splitlines()[-1] if detail else _("no output")))
        self.isolation = json.loads(data)["isolation"]
        self.isolation["own_uids"] = self.own_uids
        self._ready = True

    def _alive(self) -> bool:
        if self._process is None:
            return False
        if self._adopted:  # not this process's child: Popen cannot tell (it says "exited, 0")
            return _running(self._process.pid)
        return self._process.poll() is None

    def _control_request(self, request: dict, fds: list[int] = (), restart: bool = True) -> dict:
        """One request to the zygote and its reply. Replies carry the request's id: one that
        arrives after its request gave up is skipped, never taken for the next one's. A zygote
        that does not answer within CONTROL_SECONDS (busy on what a student left behind) is
        replaced, so the next request, and the next student, start clean."""
        with self._lock:
            if not self._alive():
                if not restart:
                    raise SandboxError(_("the sandbox's zygote went away"))
                self.close()
                self.start()
            self._wait_ready()
            request_id = next(_request_ids)
            socket.send_fds(self._control, [json.dumps({**request, "id": request_id}).encode()], list(fds))
            deadline = time.monotonic() + CONTROL_SECONDS
            while True:
                self._control.settimeout(max(deadline - time.monotonic(), 0.001))
                try:
                    data = self._control.recv(65536)
                except socket.timeout:
                    self.close()
                    raise SandboxError(_("the sandbox's zygote did not answer in time; it was restarted"))
                if not data:
                    raise SandboxError(_("the sandbox's zygote went away"))
                reply = json.loads(data)
                if reply.get("id") != request_id:
                    continue
                if "error" in reply:
                    raise SandboxError(_("the sandbox's zygote could not do it: {why}").format(why=reply['error']))
                return reply

    # ------------------------------------------------------------ workers

    def spawn(self) -> "WorkerHandle":
        """A fresh worker forked from the zygote (restarting the zygote if it died)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:  # readiness first: it says whether workers may run under uids of their own
            with self._lock:
                if self._alive():
                    self._wait_ready()
        except SandboxError:
            pass  # a zygote that failed to start is restarted by the request below
        uid = self._uid_base + next(_worker_numbers) % 64 if self.own_uids else None
        try:
            reply = self._control_request({"op": "spawn", "uid": uid}, [theirs.fileno()])
            pid = int(reply["pid"])
        except (SandboxError, OSError, KeyError, ValueError, TypeError):
            self.close()
            self.start()
            reply = self._control_request({"op": "spawn", "uid": uid}, [theirs.fileno()])
            pid = int(reply["pid"])
        finally:
            theirs.close()
        return WorkerHandle(self, ours, pid, uid)

    def exit_status(self, pid: int) -> str:
        try:
            return self._control_request({"op": "wait", "pid": pid}, restart=False).get("status", "unknown")
        except (SandboxError, OSError, ValueError):
            return "unknown"

    def kill_worker(self, pid: int) -> None:
        """End a worker's process group. Inside the sandbox's own PID namespace its pid means
        nothing here, so the zygote does it (a zygote that is gone took its workers with it)."""
        if not self.isolation.get("pid_namespace"):
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            return
        try:
            self._control_request({"op": "kill", "pid": pid}, restart=False)
        except (SandboxError, OSError, ValueError):
            pass

    def close(self) -> None:
        if self._control is not None:
            self._control.close()
            self._control = None
        if self._process is not None:
            if self._adopted:
                if _running(self._process.pid):
                    os.kill(self._process.pid, signal.SIGKILL)  # reaped by the process that started it
            else:
                if self._process.poll() is None:
                    self._process.kill()
                self._process.wait()
            self._process = None
        root = self.isolation.get("root")
        if root and os.path.basename(root).startswith(".grader-root-"):
            try:  # the empty mount point the zygote's root was built on
                os.rmdir(root)
            except OSError:
                pass
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def __enter__(self) -> "Sandbox":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _running(pid: int) -> bool:
    """The process exists and has not exited (a zombie waiting to be reaped has)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
    except (OSError, IndexError):
        return False


def kill_uid(uid: int) -> None:
    """Kill every process running as `uid` (a worker's own uid), wherever it went."""
    pid = os.fork()
    if pid == 0:
        try:
            os.setuid(uid)
            os.kill(-1, signal.SIGKILL)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


class WorkerHandle:
    """One worker process; every method is safe to call after the worker died."""

    def __init__(self, sandbox: Sandbox, sock: socket.socket, pid: int, uid: int | None) -> None:
        self.sandbox = sandbox
        self.sock = sock
        self.pid = pid
        self.uid = uid
        self.failure: str | None = None
        #: what answers the worker's stand-in requests during the current call (None: nothing)
        self.stand_ins: Any = None
        #: seconds this process spent computing stand-in answers, all calls together (timing
        #: subtracts them: a caller is timed without the grader's work for what it calls)
        self.stand_in_seconds = 0.0

    def _fail(self, reason: str, *, killed: bool) -> CallResult:
        if killed:
            self.kill()
            self.failure = reason
        else:
            status = self.sandbox.exit_status(self.pid)
            self.kill()
            self.failure = _("{reason} ({why})").format(reason=reason, why=self._explain(status)) \
                if status not in ("running", "unknown") else reason
            if status == f"signal {int(signal.SIGXCPU)}":  # the CPU-time limit: a time limit too
                return CallResult(failure=self.failure, timed_out=True)
        return CallResult(failure=self.failure)

    @staticmethod
    def _explain(status: str) -> str:
        if status.startswith("signal "):
            number = int(status.split()[1])
            return _("killed by {signal}").format(signal=_(SIGNAL_NAMES[number]) if number in SIGNAL_NAMES
                                                  else _("signal {number}").format(number=number))
        if status.startswith("exit "):
            return _("it exited with status {status}").format(status=status.split()[1])
        return status

    def request(self, header: dict, blobs: list[bytes] = (), timeout: float | None = None
                ) -> tuple[CallResult | None, dict, list[bytes], float]:
        """Send one request; (failure or None, reply header, reply blobs, seconds taken)."""
        if self.failure is not None:
            return CallResult(failure=self.failure), {}, [], 0.0
        limit = self.sandbox.limits.call_seconds if timeout is None else timeout
        start = time.perf_counter()
        deadline = time.monotonic() + limit
        try:
            self.sock.settimeout(limit)
            wire.send_message(self.sock, header, list(blobs))
            for __ in range(MAX_STAND_IN_REQUESTS + 1):
                reply, reply_blobs = wire.recv_message(self.sock, deadline=deadline,
                                                       max_header_bytes=wire.MAX_REPLY_HEADER_BYTES)
                if reply.get("op") != "stand_in":
                    break
                self._answer_stand_in(reply, reply_blobs)
            else:
                return self._fail(_("it asked for more than {count} results of the functions it "
                                    "calls in one call, and was stopped").format(count=MAX_STAND_IN_REQUESTS),
                                  killed=True), {}, [], 0.0
        except socket.timeout:
            stopped = self._fail(_("it ran past the time limit of {seconds} s and was stopped").format(
                seconds=f"{limit:g}"), killed=True)
            stopped.timed_out = True
            return stopped, {}, [], time.perf_counter() - start
        except wire.WireError as error:
            if str(error) != "connection closed":
                return self._malformed(error), {}, [], 0.0
            return self._fail(_("the process running your code died"), killed=False), {}, [], \
                time.perf_counter() - start
        except OSError:
            return self._fail(_("the process running your code died"), killed=False), {}, [], \
                time.perf_counter() - start
        except Exception as error:  # noqa: BLE001 - whatever came, the reply is the student's
            return self._malformed(error), {}, [], 0.0
        return None, reply, reply_blobs, time.perf_counter() - start

    def _answer_stand_in(self, request: dict, blobs: list[bytes]) -> None:
        """Answer the worker's request for a stand-in's result (see `worker.Worker.stand_in`);
        the answer is an error when no stand-in serves this call or the arguments are outside
        the function's contract."""
        start = time.perf_counter()
        answer, answer_blobs = ({"ok": False, "type": "RuntimeError",
                                 "message": _("the grader has no stand-in for this function now")}, [])
        if self.stand_ins is not None:
            answer, answer_blobs = self.stand_ins.answer(request, blobs)
        self.stand_in_seconds += time.perf_counter() - start
        wire.send_message(self.sock, answer, answer_blobs)

    def _malformed(self, error: BaseException) -> CallResult:
        """The reply could not be read: the process running student code wrote something that
        is not the worker's message (it took over the socket). Killed; the student's fault. The
        decoder's own words are left out: they describe the student's bytes, not a cause."""
        del error
        return self._fail(_("the process running your code sent back something that is not a result "
                            "(did your code write to a file descriptor it did not open?)"), killed=True)

    def _result(self, header: dict, blobs: list[bytes], timeout: float | None) -> CallResult:
        failure, reply, reply_blobs, seconds = self.request(header, blobs, timeout)
        if failure is not None:
            failure.seconds = seconds
            return failure
        try:
            result = CallResult(ok=bool(reply.get("ok")), seconds=seconds)
            result.error = reply.get("error") if not result.ok else None
            if result.error is not None:
                # long runs of spaces squeezed: padding would push forged text onto a line of its own
                result.error = {k: wire.squeeze_padding(str(result.error.get(k, ""))[:2000])
                                for k in ("type", "message", "where")} | {
                    "not_implemented": result.error.get("not_implemented") is True}
            result.fp_errors = [str(e)[:40] for e in reply.get("fp_errors", [])][:8]
            result.fixture_calls = [int(n) for n in reply.get("fixture_calls", [])]
            result.lines = int(reply["lines"]) if "lines" in reply else None
            if "value" in reply:
                result.value = wire.decode(reply["value"], reply_blobs)
            if "args_after" in reply:
                result.args_after = wire.decode(reply["args_after"], reply_blobs)
                result.kwargs_after = wire.decode(reply["kwargs_after"], reply_blobs)
            if "grads" in reply:
                result.grads = wire.decode(reply["grads"], reply_blobs)
            if isinstance(reply.get("slot"), int):
                result.slot = reply["slot"]
        except Exception as error:  # noqa: BLE001 - RecursionError, MemoryError... all the student's
            return self._malformed(error)
        return result

    def load(self, source: str, filename: str, module: str, stub_modules: tuple[str, ...] = (),
             guards: tuple[str, ...] = (), helpers: tuple = (), cells: tuple = ()) -> CallResult:
        """Import the submission; `stub_modules` (banned, not installed) import as stubs, and
        torch routines whose names contain a word of `guards` raise when called. `helpers`
        (`grader.helper_modules.HelperModule`s) are importable beside it. A notebook's `cells`
        ((number, code) pairs) run one by one instead of `source`; the result's value lists
        the cells that raised."""
        header = {"op": "load", "source": source, "filename": filename, "module": module,
                  "stub_modules": list(stub_modules), "guards": list(guards),
                  "helpers": [{"name": h.name, "filename": h.filename, "source": h.source,
                               "package": h.package} for h in helpers]}
        if cells:
            header["cells"] = [{"number": number, "source": code} for number, code in cells]
        return self._result(header, [], self.sandbox.limits.load_seconds)

    def call(self, function: str, args: list, kwargs: dict | None = None, *,
             timeout: float | None = None, keep: bool = False, return_args: bool = False,
             discard: bool = False, backward: dict | None = None, stand_ins: Any = None,
             count_lines: bool = False) -> CallResult:
        """Call the student's `function`; arrays, TensorValues, Fixtures and SlotRefs allowed.

        `stand_ins` (an object with `names` and `answer(request, blobs)`, see
        `grader.stand_ins.StandInServer`) replaces those functions of the student's module by
        the grader's results for the duration of the call."""
        blobs: list[bytes] = []
        header = {"op": "call", "function": function,
                  "args": wire.encode(list(args), blobs), "kwargs": wire.encode(dict(kwargs or {}), blobs),
                  "keep": keep, "return_args": return_args, "discard": discard}
        if count_lines:  # `lines`: how many lines of Python the call ran
            header["count_lines"] = True
        if backward is not None:
            header["backward"] = {"paths": backward["paths"],
                                  "upstream": [wire.encode(u, blobs) for u in backward["upstream"]]}
        if stand_ins is not None and stand_ins.names:
            header["stand_ins"] = sorted(stand_ins.names)
        self.stand_ins = stand_ins
        try:
            return self._result(header, blobs, timeout)
        finally:
            self.stand_ins = None

    def store(self, value: Any) -> wire.SlotRef | None:
        """Keep `value` in the worker (e.g. inputs staged for timing); None if it failed."""
        blobs: list[bytes] = []
        result = self._result({"op": "store", "value": wire.encode(value, blobs)}, blobs, None)
        return wire.SlotRef(result.slot) if result.ok and result.slot is not None else None

    def fetch(self, slot: int, timeout: float | None = None) -> CallResult:
        """The value kept in `slot` (a call made with keep=True), which the worker then forgets."""
        return self._result({"op": "fetch", "slot": int(slot)}, [], timeout)

    def kill(self) -> None:
        if self.uid is not None:
            kill_uid(self.uid)
        self.sandbox.kill_worker(self.pid)
        self.sock.close()

    def close(self) -> None:
        """Stop the worker and everything it started; reap it."""
        if self.failure is None:
            self.failure = _("the worker was closed")
            self.kill()
        self.sandbox.exit_status(self.pid)
