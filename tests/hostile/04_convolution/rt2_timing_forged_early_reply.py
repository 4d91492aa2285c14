"""Hostile (class 1, forging the worker's reply; red team): on a timed call a pixel-loop conv2d_forward writes the worker's success reply itself, straight onto the worker's socket, then computes, fills the promised slot and runs the worker's serve loop nested inside the call. The result is fetched on the same clock as the call, so the early reply stops nothing: conv2d_forward loses marks (timing, or a protocol it broke), and the other exercises keep theirs.

expect: conv2d_forward ~ too slow|not a result|did not finish
"""
import json
import os
import struct
import sys as _sys

import numpy as np

_frame_of = getattr(_sys, "_get" + "frame")


def _send(sock, header):
    head = json.dumps(dict(header, blob_sizes=[])).encode()
    sock.sendall(struct.pack(">Q", 4 + len(head)) + struct.pack(">I", len(head)) + head)


def _slow_conv(x, w, b, stride=1, padding=0):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (wd + 2 * padding - kw) // stride + 1
    out = np.empty((n, f, ho, wo), dtype=x.dtype)
    for i in range(ho):
        for j in range(wo):
            patch = xp[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
            for k in range(f):
                out[:, k, i, j] = b[k]
                for ch in range(c):  # channel by channel: far from the limit even on a loaded machine
                    out[:, k, i, j] += np.sum(patch[:, ch] * w[k, ch], axis=(1, 2))
    return out


def conv2d_forward(x, w, b, stride=1, padding=0):
    here = getattr(_frame_of(1), "f_" + "locals")
    header, worker = here.get("header"), here.get("self")
    if isinstance(header, dict) and header.get("keep") and header.get("discard") and worker is not None:
        slot = worker.next_slot
        _send(worker.sock, {"ok": True, "fp_errors": [], "fixture_calls": [], "slot": slot})
        worker.slots[slot] = _slow_conv(x, w, b, stride, padding)
        worker.next_slot += 1
        worker.serve()
        os._exit(0)
    return _slow_conv(x, w, b, stride, padding)
