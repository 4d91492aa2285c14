"""two_layer_net that runs forward and backward one example at a time, in a Python
`for i in range(N)` loop, accumulating the gradients: every value is right, but the
per-example overhead makes it far slower than batched matrix products.

expect: two_layer_net.timing ~ slow|time|limit|loop
"""
import numpy as np


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    dW1, db1 = np.zeros_like(W1), np.zeros_like(b1)
    dW2, db2 = np.zeros_like(W2), np.zeros_like(b2)
    data_loss = 0.0
    for i in range(N):
        h_pre = X[i] @ W1 + b1
        h = np.maximum(h_pre, 0)
        s = h @ W2 + b2
        s = s - np.max(s)
        e = np.exp(s)
        p = e / np.sum(e)
        data_loss += np.log(np.sum(e)) - s[y[i]]
        ds = p.copy()
        ds[y[i]] -= 1
        ds /= N
        dW2 += np.outer(h, ds)
        db2 += ds
        dh = (W2 @ ds) * (h_pre > 0)
        dW1 += np.outer(X[i], dh)
        db1 += dh
    loss = data_loss / N + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dW1 += 2 * reg * W1
    dW2 += 2 * reg * W2
    return np.asarray(loss, dtype=X.dtype), {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
