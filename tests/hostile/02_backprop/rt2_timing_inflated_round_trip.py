"""Hostile (class 1, timing from inside the worker; red team): a row-loop two_layer_net makes the grader's baseline look slow: at import it wraps the worker's message reader (the sandbox's wire module, found in the module table by a computed name) so that an empty request sleeps 0.2 s, hoping the grader subtracts an inflated "empty round trip" from every timed call. The transfers' cost is measured on a worker that never loaded the submission, so the sleep changes nothing: timing fails and every other check keeps its points.

expect: two_layer_net.timing ~ too slow
"""
import sys as _sys
import time

import numpy as np


def _hook():
    table = getattr(_sys, "mod" + "ules")
    wire = table.get("gra" + "der.sandbox.wire")
    if wire is None:
        return
    original = wire.recv_message

    def recv_message(*args, **kwargs):
        header, blobs = original(*args, **kwargs)
        if header.get("op") == "release" and not header.get("slots"):
            time.sleep(0.2)
        return header, blobs

    wire.recv_message = recv_message


_hook()


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = X.shape[0]
    a = X @ W1 + b1
    hidden = np.maximum(a, 0)
    scores = hidden @ W2 + b2
    dscores = np.empty_like(scores)
    loss = 0.0
    for i in range(n):  # slow: a Python loop over the rows
        row = scores[i] - np.max(scores[i])
        e = np.exp(row)
        s = e.sum()
        loss += np.log(s) - row[y[i]]
        g = e / s
        g[y[i]] -= 1.0
        dscores[i] = g / n
    loss = loss / n + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dW2 = hidden.T @ dscores + 2 * reg * W2
    db2 = dscores.sum(axis=0)
    dhidden = dscores @ W2.T
    da = dhidden * (a > 0)
    dW1 = X.T @ da + 2 * reg * W1
    db1 = da.sum(axis=0)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
