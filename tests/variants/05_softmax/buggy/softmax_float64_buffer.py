"""softmax: moves the axis last, loops over the rows and writes into np.zeros(shape), a
float64 buffer: float32 logits give float64 probabilities.

expect: softmax ~ float64|dtype|float32
"""
import numpy as np


def softmax(logits, axis=-1):
    z = np.moveaxis(logits, axis, -1)
    rows = z.reshape(-1, z.shape[-1])
    out = np.zeros(rows.shape)
    for i in range(rows.shape[0]):
        e = np.exp(rows[i] - np.max(rows[i]))
        out[i] = e / np.sum(e)
    return np.moveaxis(out.reshape(z.shape), -1, axis)


def log_softmax(logits, axis=-1):
    # self-contained (does not call softmax), so only softmax loses marks
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def softmax_cross_entropy(logits, labels):
    # self-contained, so the bug above costs only its own exercise
    N = logits.shape[0]
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.mean(log_probs[np.arange(N), labels])
    dx = np.exp(log_probs)
    dx[np.arange(N), labels] -= 1
    return loss, dx / N

