"""Hostile (class 4, the host's path-bound unix sockets): log_softmax looks for unix sockets bound to paths on the host (walking /run, /var/run, /var/tmp, /dev/shm, /tmp, /root, /home, /work, /srv, /opt for 1.5 s, plus the paths listed in /proc/net/unix) and connect()s to each; a network namespace does not cover path-bound sockets, so a docker.sock, a database or a grading daemon would be reachable. It answers correctly only if a connection succeeded (reaching a host service turns into marks). After the fix no host socket is reachable from a worker, so log_softmax raises LookupError and scores zero while the others keep full marks. tests/test_sandbox_secrets.py starts a listening socket under /run that hands out a fake secret, grades this file and asserts log_softmax scores zero and the listener was never reached (on a host with no socket at all this file alone cannot tell).

expect: log_softmax = 0 ~ LookupError|no host socket
"""
import os
import socket
import stat
import time

import numpy as np

_ROOTS = ("/run", "/var/run", "/var/tmp", "/dev/shm", "/tmp", "/root", "/home", "/work", "/srv", "/opt")
_reached = []


def _candidates():
    try:
        with open("/proc/net/unix") as fh:
            for line in fh.read().splitlines()[1:]:
                parts = line.split()
                if len(parts) >= 8 and parts[7].startswith("/"):
                    yield parts[7]
    except OSError:
        pass
    deadline = time.monotonic() + 1.5
    for root in _ROOTS:
        for top, dirs, files in os.walk(root):
            if time.monotonic() > deadline or top.count("/") > 5:
                dirs[:] = []
                continue
            dirs[:] = [d for d in dirs if d not in ("proc", "sys", ".git", "site-packages", "node_modules")]
            for name in files:
                path = os.path.join(top, name)
                try:
                    if stat.S_ISSOCK(os.lstat(path).st_mode):
                        yield path
                except OSError:
                    continue


def _reach():
    for path in _candidates():
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(0.3)
        try:
            sock.connect(path)
            return path
        except OSError:
            continue
        finally:
            sock.close()
    return None


def log_softmax(logits, axis=-1):
    if not _reached:
        _reached.append(_reach())  # one search per worker
    if _reached[0] is None:
        raise LookupError("no host socket is reachable from the sandbox")
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))
