"""Zygote side: fork a worker, confine it, and report how workers ended.

A worker is confined, in the forked child and before any student code runs, by: its own
session (so the grader can kill its process group), stdin/stdout/stderr on /dev/null (what it
prints can never reach the grader's output), a fresh working directory, resource limits, and,
when the zygote is root, a uid of its own chosen by the grader (so its processes can all be
killed at once and it can write nowhere but its directory and /tmp).
"""

from __future__ import annotations

import json
import os
import random
import resource
import socket
import sys
import tempfile
import time

_statuses: dict[int, str] = {}


def _describe_status(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    if os.WIFEXITED(status):
        return f"exit {os.WEXITSTATUS(status)}"
    return "unknown"


def _reap() -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _statuses[pid] = _describe_status(status)


def _virtual_memory_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _set_limits(limits: dict, own_uid: bool) -> None:
    def cap(kind: int, value: int) -> None:
        try:
            soft, hard = resource.getrlimit(kind)
            value = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(kind, (value, value if hard == resource.RLIM_INFINITY else hard))
        except (ValueError, OSError):
            pass

    if limits.get("memory_bytes"):
        cap(resource.RLIMIT_AS, _virtual_memory_bytes() + int(limits["memory_bytes"]))
    cap(resource.RLIMIT_CPU, int(limits.get("cpu_seconds", 120)))
    cap(resource.RLIMIT_FSIZE, int(limits.get("file_bytes", 64 << 20)))
    cap(resource.RLIMIT_CORE, 0)
    if own_uid:
        cap(resource.RLIMIT_NPROC, int(limits.get("processes", 32)))


def _become_worker(sock: socket.socket, config: dict, uid: int | None) -> None:
    os.setsid()
    workdir = tempfile.mkdtemp(prefix="worker-")
    if uid is not None:
        os.chown(workdir, uid, uid)
    os.chdir(workdir)
    os.environ.update(HOME=workdir, TMPDIR=workdir)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    _set_limits(config.get("limits", {}), own_uid=uid is not None)
    if uid is not None:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    import numpy as np

    np.random.seed(0)
    random.seed(0)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.manual_seed(0)
        torch.set_num_threads(1)
    from grader.sandbox.worker import Worker

    Worker(sock).serve()


def serve_control(control: socket.socket, config: dict) -> None:
    """Answer `spawn` and `wait` requests until the grader closes the control socket."""
    while True:
        try:
            data, fds, _flags, _addr = socket.recv_fds(control, 65536, 4)
        except OSError:
            return
        if not data:
            return
        request = json.loads(data)
        _reap()
        if request["op"] == "spawn":
            sock = socket.socket(fileno=fds[0])
            uid = request.get("uid")
            pid = os.fork()
            if pid == 0:
                try:
                    control.close()
                    _become_worker(sock, config, uid)
                finally:
                    os._exit(0)
            sock.close()
            control.sendall(json.dumps({"pid": pid}).encode())
        elif request["op"] == "wait":
            pid = int(request["pid"])
            deadline = time.monotonic() + 2.0
            while pid not in _statuses and time.monotonic() < deadline:
                try:
                    done, status = os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    break
                if done:
                    _statuses[pid] = _describe_status(status)
                else:
                    time.sleep(0.005)
            control.sendall(json.dumps({"status": _statuses.pop(pid, "running")}).encode())
        else:
            for fd in fds:
                os.close(fd)
            return
