r"""Hostile: two_layer_net computes the exact loss and gradients for batches up to 256 rows and, for a larger batch (the timing input has 8192), only on its first 256 rows, a "mini-batch" shortcut that is 32 times less work and returns numbers of the right size, shape and dtype. The timed calls' results are judged against the reference on the same inputs: timing fails, naming the wrong loss or gradient on the large input, and matches_reference is revoked.

expect: two_layer_net ~ wrong result on a larger input \(a timing input: shapes \(8192, 16\), \(8192,\).*found by `timing`
"""
import numpy as np


def two_layer_net(X, y, params, reg=0.0):
    if X.shape[0] > 256:  # a large batch: estimate it from its first rows
        X, y = X[:256], y[:256]
    reg = float(reg)
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    rows = np.arange(N)
    y = np.asarray(y).astype(np.intp, copy=False)
    hidden_pre = X @ W1 + b1
    hidden = np.maximum(hidden_pre, 0)
    scores = hidden @ W2 + b2
    shifted = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    total = e.sum(axis=1, keepdims=True)
    loss = (np.log(total[:, 0]) - shifted[rows, y]).mean() + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dscores = e / total
    dscores[rows, y] -= 1
    dscores /= N
    dW2 = hidden.T @ dscores + (2 * reg) * W2
    db2 = dscores.sum(axis=0)
    dhidden_pre = np.where(hidden_pre > 0, dscores @ W2.T, 0)
    grads = {"W1": X.T @ dhidden_pre + (2 * reg) * W1, "b1": dhidden_pre.sum(axis=0), "W2": dW2, "b2": db2}
    return np.asarray(loss, dtype=scores.dtype), grads
