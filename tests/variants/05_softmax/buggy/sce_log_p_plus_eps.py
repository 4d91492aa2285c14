r"""softmax_cross_entropy: Deep Learning from Scratch's -log(p + 1e-7): biased (about
1e-7/p relative) and saturating near -log(1e-7) = 16.1 when the true class is far below the
max (logits of 1e4 should give losses of ~1e4).

expect: softmax_cross_entropy ~ 1e-0?7|eps|epsilon|bias|clip|saturat|log ?\(p
"""
import numpy as np


def softmax_cross_entropy(logits, labels):
    N = logits.shape[0]
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    e = np.exp(shifted)
    probs = e / np.sum(e, axis=1, keepdims=True)
    loss = -np.sum(np.log(probs[np.arange(N), labels] + 1e-7)) / N
    dx = probs.copy()
    dx[np.arange(N), labels] -= 1
    return loss, dx / N
