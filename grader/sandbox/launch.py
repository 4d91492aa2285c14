"""Zygote side: fork a worker, confine it, and report how workers ended.

A worker is confined, in the forked child and before any student code runs, by: its own
session (so its process group can be killed), stdin/stdout/stderr on /dev/null (what it prints
can never reach the grader's output), a directory of its own as working directory, HOME and
TMPDIR, an environment of allow-listed variables only, hard resource limits (address space,
CPU time, file size, processes), no way to gain privileges (no_new_privs; a worker left as uid 0
also drops every capability), and, when the zygote is root, a uid of its own chosen by the
grader (so its processes can all be killed at once and it can write nowhere but its directory).

When a worker has been reaped, its directory is removed; when no worker is left, everything
workers could have left behind is removed too (/tmp, /dev/shm, and in the sandbox's own PID
namespace every stray process), so nothing passes from one exercise, or one student, to the next.
"""

from __future__ import annotations

import ctypes
import json
import os
import random
import resource
import shutil
import signal
import socket
import sys
import tempfile
import time

from grader.sandbox import rootfs, seccomp

PR_SET_NO_NEW_PRIVS, PR_CAPBSET_DROP, PR_SET_SECUREBITS = 38, 24, 28
#: SECBIT_NOROOT, NO_SETUID_FIXUP, KEEP_CAPS_LOCKED, NO_CAP_AMBIENT_RAISE and their locks
SECURE_BITS = 0x01 | 0x02 | 0x04 | 0x08 | 0x20 | 0x40 | 0x80
CAPABILITY_VERSION_3 = 0x20080522
#: variables a worker keeps from the zygote's (already allow-listed) environment
WORKER_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "LANGUAGE", "TZ", "OMP_NUM_THREADS",
                      "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
                      "CUDA_VISIBLE_DEVICES", "LD_LIBRARY_PATH")

_libc = ctypes.CDLL(None, use_errno=True)
_statuses: dict[int, str] = {}
_workers: dict[int, tuple[str, int | None]] = {}  # live pid -> (its directory, its uid)
_baseline_processes = 0
_zygote_memory_bytes = 0


def prepare(config: dict) -> None:
    """What must be read from /proc before the zygote's root changes (the new root may have
    none): the processes this uid already has, and the address space a fork starts with."""
    global _baseline_processes, _zygote_memory_bytes
    _baseline_processes = _count_processes(os.getuid())
    _zygote_memory_bytes = _virtual_memory_bytes()


def _count_processes(uid: int) -> int:
    count = 0
    try:
        entries = os.listdir("/proc")
    except OSError:
        return 0
    for entry in entries:
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += 1
            except OSError:
                pass
    return count


def _describe_status(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    if os.WIFEXITED(status):
        return f"exit {os.WEXITSTATUS(status)}"
    return "unknown"


def _reaped(pid: int, status: int) -> None:
    _statuses[pid] = _describe_status(status)
    workdir, _uid = _workers.pop(pid, ("", None))
    if workdir:
        _remove_tree(workdir)


def _remove_tree(path: str) -> None:
    """Remove a worker's directory without ever blocking the zygote: its own tmpfs is
    detached at once; a plain directory (millions of entries, nested thousands deep: the
    student's choice) is removed by a child process the zygote does not wait for."""
    if os.path.ismount(path) and _libc.umount2(path.encode(), rootfs.MNT_DETACH) == 0:
        try:
            os.rmdir(path)
        except OSError:
            pass
        return
    if os.fork() == 0:
        try:
            shutil.rmtree(path, ignore_errors=True)
        finally:
            os._exit(0)


def _reap() -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _reaped(pid, status)


#: Python (its prefix or a path it imports from) lies under /tmp, e.g. a course cloned there
_PYTHON_UNDER_TMP = any(path == "/tmp" or path.startswith("/tmp/")
                        for path in [sys.prefix, sys.base_prefix, *sys.path])


def _sweep(pid_namespace: bool, private_tmp: bool) -> None:
    """With no worker left: end stray processes (in our own PID namespace, where this process
    is init) and empty the directories every worker could write to (only where they are the
    sandbox's own: never the host's /tmp)."""
    if _workers:
        return
    if pid_namespace:
        try:
            os.kill(-1, signal.SIGKILL)  # as PID 1 of the namespace: every process but this one
        except OSError:
            pass
        _reap()
    if not private_tmp:
        return
    # fresh filesystems in place of the old ones: instant, however many files were left (not
    # /tmp when Python itself is bound inside it: a fresh one would hide it; each worker's own
    # directory there is a filesystem of its own, gone with the worker)
    scratch = [("/dev/shm", rootfs.SHM_OPTIONS)] + ([] if _PYTHON_UNDER_TMP else [("/tmp", rootfs.TMP_OPTIONS)])
    for path, options in scratch:
        try:
            rootfs.check(_libc.umount2(path.encode(), rootfs.MNT_DETACH), f"umount {path}")
            rootfs.mount("tmpfs", path, "tmpfs", rootfs.SCRATCH_FLAGS, options)
        except OSError:
            pass


def _set_limits(limits: dict, own_uid: bool) -> None:
    """Soft and hard limits alike, so the worker cannot raise them again."""
    def cap(kind: int, value: int) -> None:
        try:
            _soft, hard = resource.getrlimit(kind)
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(kind, (value, value))
        except (ValueError, OSError):
            pass

    if limits.get("memory_bytes"):
        cap(resource.RLIMIT_AS, _virtual_memory_bytes() + int(limits["memory_bytes"]))
    cap(resource.RLIMIT_CPU, int(limits.get("cpu_seconds", 120)))
    cap(resource.RLIMIT_FSIZE, int(limits.get("file_bytes", 64 << 20)))
    cap(resource.RLIMIT_CORE, 0)
    cap(resource.RLIMIT_NOFILE, int(limits.get("open_files", 1024)))
    processes = int(limits.get("processes", 32))
    # the limit counts every process of the real uid: a shared uid starts from what it already has
    cap(resource.RLIMIT_NPROC, processes if own_uid else _baseline_processes + processes)


def _virtual_memory_bytes() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return _zygote_memory_bytes


def _drop_privileges(uid: int | None) -> None:
    """No privilege can be gained or kept: under a uid of its own the worker has none; left as
    uid 0 (a user namespace, or root without own uids) it gives up every capability for good."""
    _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    if uid is not None:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        return
    if os.geteuid() != 0:
        return
    _libc.prctl(PR_SET_SECUREBITS, SECURE_BITS, 0, 0, 0)
    for capability in range(64):
        _libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0)
    header = (ctypes.c_uint32 * 2)(CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable: all empty, twice (v3)
    _libc.capset(header, data)


def _become_worker(sock: socket.socket, config: dict, uid: int | None, workdir: str) -> None:
    os.setsid()
    os.chdir(workdir)
    kept = {k: os.environ[k] for k in WORKER_ENVIRONMENT if k in os.environ}
    os.environ.clear()
    os.environ.update(kept, HOME=workdir, TMPDIR=workdir)
    tempfile.tempdir = None
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    _set_limits(config.get("limits", {}), own_uid=uid is not None)
    _drop_privileges(uid)
    seccomp.install(executable_memory=os.path.exists("/dev/nvidiactl"))
    import numpy as np

    np.random.seed(0)
    random.seed(0)
    from grader.sandbox.wire import loaded_torch

    torch = loaded_torch()
    if torch is not None:
        torch.manual_seed(0)
        torch.set_num_threads(1)
        # oneDNN writes machine code at run time, which the seccomp filter refuses; torch's
        # own kernels compute the same without it
        torch.backends.mkldnn.enabled = False
    from grader.sandbox.worker import Worker

    Worker(sock).serve()


def _new_workdir(uid: int | None, own_mount: bool) -> str:
    """The worker's directory; where the sandbox has its own mounts, a tmpfs of its own with a
    size and a number of files it cannot exceed (the /tmp of other workers stays usable)."""
    workdir = tempfile.mkdtemp(prefix="worker-", dir="/tmp")
    if own_mount:
        try:
            rootfs.mount("tmpfs", workdir, "tmpfs", rootfs.SCRATCH_FLAGS, rootfs.WORKDIR_OPTIONS)
        except OSError:
            pass
    if uid is not None:
        os.chown(workdir, uid, uid)
    return workdir


def _kill(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except OSError:
            pass


def serve_control(control: socket.socket, config: dict, pid_namespace: bool = False,
                  private_tmp: bool = False) -> None:
    """Answer `spawn`, `wait` and `kill` requests until the grader closes the control socket.
    Every reply carries the request's `id`; a request that fails is answered with `error`
    rather than ending the zygote."""
    while True:
        try:
            data, fds, _flags, _addr = socket.recv_fds(control, 65536, 4)
        except OSError:
            return
        if not data:
            return
        request: dict = {}
        try:
            request = json.loads(data)
            if request.get("op") not in ("spawn", "wait", "kill"):
                for fd in fds:
                    os.close(fd)
                return
            reply = _answer(request, fds, control, config, pid_namespace, private_tmp)
        except Exception as error:  # noqa: BLE001 - one odd request must not end every worker
            reply = {"error": f"{type(error).__name__}: {error}"[:300]}
        try:
            control.sendall(json.dumps({**reply, "id": request.get("id")}).encode())
        except OSError:
            return


def _answer(request: dict, fds: list[int], control: socket.socket, config: dict, pid_namespace: bool,
            private_tmp: bool) -> dict:
    _reap()
    if request["op"] == "spawn":
        sock = socket.socket(fileno=fds[0])
        uid = request.get("uid")
        workdir = _new_workdir(uid, own_mount=private_tmp)
        pid = os.fork()
        if pid == 0:
            try:
                control.close()
                _become_worker(sock, config, uid, workdir)
            finally:
                os._exit(0)
        sock.close()
        _workers[pid] = (workdir, uid)
        return {"pid": pid}
    pid = int(request["pid"])
    if request["op"] == "kill":
        if pid in _workers:
            _kill(pid)
        return {"ok": True}
    deadline = time.monotonic() + 2.0
    while pid not in _statuses and time.monotonic() < deadline:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            break
        if done:
            _reaped(pid, status)
        else:
            time.sleep(0.005)
    _sweep(pid_namespace, private_tmp)
    return {"status": _statuses.pop(pid, "running")}
