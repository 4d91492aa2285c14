"""Hostile (class 5, a reply trickled from its very first byte): tanh finds the worker's socket by file descriptor (the entries of /proc/self/fd that are sockets), and writes on it with os.write, one byte per second, a frame whose 8-byte length prefix itself arrives slowly (announcing 1 MiB), then the rest, for at most 270 s before exiting. A grader that only starts a per-message deadline once it has the length, or that times each recv, waits for ever. After the fix the wall-clock limit covers the whole reply from the request on, the worker is killed, and tanh scores zero for the time limit while the other exercises keep full marks.

expect: tanh = 0 ~ time limit|timed out|timeout|too long|stopped|slow
"""
import os
import stat
import struct
import time


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


def tanh(x):
    fds = _socket_fds()
    if not fds:
        raise LookupError("no socket among the worker's file descriptors")
    frame = struct.pack(">Q", 1 << 20) + struct.pack(">I", 1 << 19) + b" " * 300
    started = time.monotonic()
    for byte in frame:
        if time.monotonic() - started > 270:
            break
        for fd in fds:
            try:
                os.write(fd, bytes([byte]))
            except OSError:
                pass
        time.sleep(1.0)
    os._exit(0)
