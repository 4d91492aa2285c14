"""Hostile (class 5, a reply that cannot be decoded): relu finds the worker's socket by file descriptor (/proc/self/fd entries that are sockets) and writes on it a complete, correctly sized frame whose JSON header is an array nested 100000 deep, then exits. Decoding it raises RecursionError (not ValueError) in the grader, which today escapes the wire layer and is reported as "the grader could not run this check": the grader takes the blame and the worker is not killed. After the fix an undecodable reply is the worker's fault: the worker is killed and relu scores zero with a message saying the reply was malformed, never blaming the grader (tests/test_sandbox_protocol.py asserts no message says "the grader could not run"), and the other exercises keep full marks.

expect: relu = 0 ~ malformed|garbage|corrupt|unreadable|invalid reply|protocol|not a result
"""
import os
import stat
import struct


def _socket_fds():
    fds = []
    for name in os.listdir("/proc/self/fd"):
        try:
            fd = int(name)
            if fd > 2 and stat.S_ISSOCK(os.fstat(fd).st_mode):
                fds.append(fd)
        except (OSError, ValueError):
            continue
    return fds


def relu(x):
    fds = _socket_fds()
    if not fds:
        raise LookupError("no socket among the worker's file descriptors")
    head = b"[" * 100_000 + b"]" * 100_000
    frame = struct.pack(">Q", 4 + len(head)) + struct.pack(">I", len(head)) + head
    for fd in fds:
        view = memoryview(frame)
        while view:
            try:
                view = view[os.write(fd, view):]
            except OSError:
                break
    os._exit(0)
