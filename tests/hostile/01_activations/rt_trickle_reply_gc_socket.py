"""Hostile (class 5, a reply trickled one byte at a time): sigmoid finds the worker's own socket to the grader among gc.get_objects() (the socket.socket object the worker serves on), writes a frame header announcing a 1 MiB reply, then sends one byte per second (for at most 270 s, then exits, so a stuck grader frees itself eventually). Every recv returns within the per-recv timeout, so a grader whose limit is per recv rather than per message waits for the whole reply: grading hangs far past the harness's 240 s. After the fix the wall-clock limit covers the whole call and reply, the worker is killed, and sigmoid scores zero for the time limit while the other exercises keep full marks.

expect: sigmoid = 0 ~ time limit|timed out|timeout|too long|stopped|slow|objects that are not yours
"""
import gc
import os
import socket
import struct
import time

import numpy as np


def _worker_sockets():
    found = []
    for obj in gc.get_objects():
        try:
            if isinstance(obj, socket.socket) and obj.family == socket.AF_UNIX and obj.fileno() >= 0:
                found.append(obj)
        except Exception:  # noqa: BLE001
            continue
    return found


def sigmoid(x):
    sockets = _worker_sockets()
    if not sockets:
        raise LookupError("the worker's socket is not reachable from gc")
    sock = sockets[0]
    sock.setblocking(True)
    sock.sendall(struct.pack(">Q", 1 << 20))
    started = time.monotonic()
    while time.monotonic() - started < 270:
        sock.sendall(b" ")
        time.sleep(1.0)
    os._exit(0)
