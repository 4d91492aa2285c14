"""The zygote: a pre-warmed process that forks one sandboxed worker per request.

Started by the grader as `python -I -m grader.sandbox.zygote CONFIG_JSON`. In order, it:

1. isolates itself while still single-threaded (a mount and network namespace, plus a user
   namespace when not root) where the kernel allows it;
2. imports numpy (and torch for PyTorch assignments) once, so forks start warm;
3. covers the grader's, the reference's and the tests' directories and /tmp with empty tmpfs,
   so nothing forked from it can read the reference or model solutions;
4. serves its control socket: `spawn` forks a worker onto a socket the grader passes over
   SCM_RIGHTS; `wait` reports how a worker ended.

No student code ever runs in the zygote itself; every worker starts from its clean state.
"""

from __future__ import annotations

import ctypes
import json
import os
import socket
import sys
import tempfile

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
MS_NOSUID, MS_NODEV, MS_RDONLY = 2, 4, 1
MS_BIND, MS_REC, MS_PRIVATE = 0x1000, 0x4000, 0x40000

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _mount(source: str, target: str, fstype: str | None, flags: int, data: str | None) -> None:
    _check(_libc.mount(source.encode(), target.encode(), fstype.encode() if fstype else None,
                       ctypes.c_ulong(flags), data.encode() if data else None), f"mount {target}")


def enter_namespaces() -> tuple[bool, str]:
    """A private mount namespace and an empty network namespace; (ok, reason)."""
    uid, gid = os.getuid(), os.getgid()
    flags = CLONE_NEWNS | CLONE_NEWNET | (0 if uid == 0 else CLONE_NEWUSER)
    try:
        _check(_libc.unshare(flags), "unshare")
        if uid != 0:
            with open("/proc/self/setgroups", "w") as f:
                f.write("deny")
            with open("/proc/self/uid_map", "w") as f:
                f.write(f"0 {uid} 1")
            with open("/proc/self/gid_map", "w") as f:
                f.write(f"0 {gid} 1")
        _mount("none", "/", None, MS_REC | MS_PRIVATE, None)
    except OSError as error:
        return False, str(error)
    return True, ""


def _blocked_ancestors(path: str) -> list[tuple[str, str]]:
    """(directory, child) pairs on the way to `path` that other users cannot traverse."""
    blocked, current = [], "/"
    for part in [p for p in os.path.abspath(path).split("/") if p]:
        child = os.path.join(current, part)
        try:
            if not os.stat(current).st_mode & 0o001:
                blocked.append((current, child))
        except OSError:
            break
        current = child
    return blocked


def expose(paths: list[str]) -> list[str]:
    """Let a worker with its own uid reach the Python installation it needs.

    When Python lives under a directory closed to other users (e.g. /root/.pyenv), that
    directory is replaced, in this mount namespace only, by an empty tmpfs holding just the
    needed subtree, bind-mounted back in. The real directory is never changed, and the rest of
    its contents stay hidden. Stages in a directory of its own under /tmp.
    """
    errors = []
    for path in paths:
        for directory, child in _blocked_ancestors(path):
            try:
                # unique: when /tmp is the real, shared one (Python itself lives under /tmp), two
                # zygotes starting at once must not stage in (and remove) the same directory
                stage = tempfile.mkdtemp(prefix=".stage-", dir="/tmp")
                _mount(child, stage, None, MS_BIND | MS_REC, None)
                _mount("tmpfs", directory, "tmpfs", MS_NOSUID | MS_NODEV, "size=16k,mode=755")
                os.makedirs(child, exist_ok=True)
                _mount(stage, child, None, MS_BIND | MS_REC, None)
                _check(_libc.umount2(stage.encode(), 2), f"umount {stage}")
                os.rmdir(stage)
            except OSError as error:
                errors.append(str(error))
    return errors


def mask(paths: list[str], keep: list[str]) -> tuple[list[str], list[str]]:
    """Cover each directory with an empty read-only tmpfs; give /tmp a fresh private one,
    unless something the workers need (`keep`: Python, site-packages) lives under /tmp."""
    masked, errors = [], []
    for path in paths:
        if not os.path.isdir(path):
            continue
        try:
            _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV | MS_RDONLY, "size=16k,mode=555")
            masked.append(path)
        except OSError as error:
            errors.append(str(error))
    if any(os.path.realpath(p).startswith("/tmp/") for p in keep):
        return masked, errors
    try:
        _mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=512m,mode=1777")
        masked.append("/tmp")
    except OSError as error:
        errors.append(str(error))
    return masked, errors


def main() -> None:
    config = json.loads(sys.argv[1])
    control = socket.socket(fileno=int(config["control_fd"]))
    isolation: dict = {"namespaces": False, "masked": [], "errors": []}
    if config.get("isolate"):
        ok, reason = enter_namespaces()
        isolation["namespaces"] = ok
        if reason:
            isolation["errors"].append(reason)

    import numpy  # noqa: F401 - warm import, inherited by every worker

    from grader.sandbox import launch, worker  # noqa: F401 - must load before the masks go up

    if config.get("torch"):
        worker.warm_up_torch()

    if isolation["namespaces"]:
        needed = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(numpy.__file__)}
        isolation["masked"], errors = mask(list(config.get("mask", [])), sorted(needed))
        isolation["errors"].extend(errors)
        exposed_errors = expose(sorted(needed))
        isolation["errors"].extend(exposed_errors)
        # workers under a uid of their own could not reach Python: the grader gives up own uids
        isolation["python_hidden_from_other_uids"] = bool(exposed_errors)
    control.sendall(json.dumps({"ready": True, "isolation": isolation}).encode())
    launch.serve_control(control, config)


if __name__ == "__main__":
    main()
