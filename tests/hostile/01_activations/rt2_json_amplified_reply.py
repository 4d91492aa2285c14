"""Hostile (class 5, a reply built to exhaust the grader's memory; red team): relu finds the worker's socket among its open descriptors and writes a reply frame of its own whose JSON header is 6 MB of empty lists, `[[],[],...]`, which would take about 20 times its size once parsed in the grader's process. Reply headers over 4 MiB are refused unread and the worker is killed: relu scores zero with a message about the reply, and the other exercises keep full marks.

expect: relu = 0 ~ not a result|did not finish
"""
import json
import os
import stat
import struct

import numpy as np


def relu(x):
    head = b'{"ok": true, "value": [' + b"[]," * (2 << 20) + b'[]], "blob_sizes": []}'
    frame = struct.pack(">Q", 4 + len(head)) + struct.pack(">I", len(head)) + head
    for fd in range(3, 64):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.write(fd, frame)
        except OSError:
            pass
    return np.maximum(x, 0)
