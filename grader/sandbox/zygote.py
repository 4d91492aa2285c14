"""The zygote: a pre-warmed process that forks one sandboxed worker per request.

Started by the grader as `python -I -m grader.sandbox.zygote CONFIG_JSON`, with an environment
reduced to an allow-list (see `host.worker_environment`). In order, it:

1. isolates itself while still single-threaded, where the kernel allows it: new mount, network,
   PID and IPC namespaces (plus a user namespace when not root), and becomes PID 1 of its PID
   namespace (the process the grader started only waits for it), so every process a worker
   starts dies with the zygote and no process of the host is visible;
2. imports numpy (and torch for PyTorch assignments) once, so forks start warm;
3. moves into a new root filesystem that holds only what running Python needs (see `rootfs`):
   the Python installation and its site-packages, read-only; /usr and the loader's files;
   a private /tmp, /dev/shm and /proc. The grader, the reference, the course's tests, the
   project's `.git`, other students' files, the host's sockets and everything else are absent;
   libraries a numpy assignment bans (torch, scipy...) are covered by empty directories;
4. serves its control socket: `spawn` forks a worker onto a socket the grader passes over
   SCM_RIGHTS; `wait` reports how a worker ended; `kill` ends a worker's process group.

No student code ever runs in the zygote itself; every worker starts from its clean state.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import socket
import sys

from grader.sandbox import rootfs
from grader.sandbox.rootfs import CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUSER, libc

PR_SET_PDEATHSIG = 1


def enter_namespaces() -> tuple[int, str]:
    """Unshare what the kernel allows, most isolated first; (flags entered, reason if fewer)."""
    uid, gid = os.getuid(), os.getgid()
    user = 0 if uid == 0 else CLONE_NEWUSER
    reasons = []
    for flags in (CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC | user,
                  CLONE_NEWNS | CLONE_NEWNET | user):
        try:
            rootfs.check(libc.unshare(flags), "unshare")
        except OSError as error:
            reasons.append(str(error))
            continue
        if user:
            with open("/proc/self/setgroups", "w") as f:
                f.write("deny")
            with open("/proc/self/uid_map", "w") as f:
                f.write(f"0 {uid} 1")
            with open("/proc/self/gid_map", "w") as f:
                f.write(f"0 {gid} 1")
        return flags, ""
    return 0, "; ".join(reasons)


def become_namespace_init(control: socket.socket) -> None:
    """Fork into the new PID namespace: the child goes on as its PID 1; this process only
    waits for it and exits as it did. The child dies with this process (PDEATHSIG), and every
    process of the namespace dies with the child."""
    pid = os.fork()
    if pid == 0:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        return
    control.close()
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, lambda *_: os._exit(1))
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except InterruptedError:
            continue
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1)


def main() -> None:
    config = json.loads(sys.argv[1])
    control = socket.socket(fileno=int(config["control_fd"]))
    isolation: dict = {"namespaces": False, "pid_namespace": False, "root": "", "errors": []}
    flags = 0
    if config.get("isolate"):
        flags, reason = enter_namespaces()
        isolation["namespaces"] = bool(flags)
        if reason:
            isolation["errors"].append(reason)
        if flags & CLONE_NEWPID:
            become_namespace_init(control)
            isolation["pid_namespace"] = True
        if flags:
            try:
                rootfs.make_mounts_private()
            except OSError as error:
                isolation["errors"].append(str(error))

    gc.disable()  # the imports below allocate only what lives for good (see grader.loading)
    import numpy  # noqa: F401 - warm import, inherited by every worker

    from grader.sandbox import launch, worker  # noqa: F401 - must load before the root changes

    if config.get("torch"):
        worker.warm_up_torch()
    launch.prepare(config)  # reads what it needs of the host (/proc) while it is still there

    root = ""
    if flags:
        plan = rootfs.plan(hide=list(config.get("hide", [])), mask=list(config.get("mask", [])))
        root, errors = rootfs.enter(plan, proc=bool(flags & CLONE_NEWPID))
        isolation["root"] = root
        isolation["errors"].extend(errors)
    # What the zygote loaded is every worker's for life: out of the collector's sight, a
    # worker's collections neither scan it nor write to (and so copy) its pages.
    gc.freeze()
    gc.enable()
    control.sendall(json.dumps({"ready": True, "isolation": isolation}).encode())
    launch.serve_control(control, config, pid_namespace=bool(flags & CLONE_NEWPID), private_tmp=bool(root))


if __name__ == "__main__":
    main()
