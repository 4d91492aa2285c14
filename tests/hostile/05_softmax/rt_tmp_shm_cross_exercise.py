"""Hostile (class 7, files passed from one exercise's worker to the next): every softmax call leaves a marker file named after the zygote (its parent's pid, so old files from earlier runs never match) in /tmp, in its own working directory (made world-readable), in /dev/shm and in /var/tmp, all world-readable. log_softmax, graded later in a worker of its own, answers correctly only if it finds such a marker left by another process in /tmp or under it (the private /tmp is shared by every worker of a zygote today); softmax_cross_entropy answers correctly only if it finds one in /dev/shm or /var/tmp (shared with the host today, and surviving grading). After the fix each worker has its own empty /tmp and /dev/shm and cannot reach /var/tmp, so log_softmax and softmax_cross_entropy raise LookupError and score zero, and softmax keeps full marks.

expect: log_softmax = 0 ~ LookupError|no marker
expect: softmax_cross_entropy = 0 ~ LookupError|no marker
"""
import os

import numpy as np

_NAME = f"rt_xex_marker_{os.getppid()}"


def _leave_marker():
    here = os.getcwd()
    try:
        os.chmod(here, 0o755)
    except OSError:
        pass
    for folder in ("/tmp", here, "/dev/shm", "/var/tmp"):
        path = os.path.join(folder, _NAME)
        try:
            with open(path, "w") as fh:
                fh.write(str(os.getpid()))
            os.chmod(path, 0o666)
        except OSError:
            continue


def _marker_from_another_process(folders, walk=False):
    paths = []
    for folder in folders:
        paths.append(os.path.join(folder, _NAME))
        if walk:
            try:
                paths += [os.path.join(folder, d, _NAME) for d in os.listdir(folder)]
            except OSError:
                pass
    for path in paths:
        try:
            with open(path) as fh:
                if fh.read().strip() != str(os.getpid()):
                    return path
        except OSError:
            continue
    return None


def softmax(logits, axis=-1):
    _leave_marker()
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(logits, axis=-1):
    if _marker_from_another_process(["/tmp"], walk=True) is None:
        raise LookupError("no marker from softmax's worker in /tmp")
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def softmax_cross_entropy(logits, labels):
    if _marker_from_another_process(["/dev/shm", "/var/tmp"]) is None:
        raise LookupError("no marker from softmax's worker in /dev/shm or /var/tmp")
    N = logits.shape[0]
    rows = np.arange(N)
    labels = np.asarray(labels).astype(np.intp, copy=False)
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    total = e.sum(axis=1, keepdims=True)
    loss = (np.log(total[:, 0]) - shifted[rows, labels]).mean()
    dlogits = e / total
    dlogits[rows, labels] -= 1
    dlogits /= N
    return np.asarray(loss, dtype=logits.dtype), dlogits
