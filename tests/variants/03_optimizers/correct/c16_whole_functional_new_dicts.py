"""Whole module in functional style: every step returns a NEW dict ({**state, ...}), the first step special-cased without zero buffers, and Adam in PyTorch's folded form (sqrt(v) / sqrt(bc2) + eps, lr / bc1).

composition: whole
expect: full
"""
import numpy as np


def sgd(w, dw, state, lr=1e-2):
    return np.subtract(w, lr * dw), dict(state)


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    v = mu * state['v'] - lr * dw if 'v' in state else -lr * dw
    return w + v, {**state, 'v': v}


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    s = state.get('sum', 0) + np.square(dw)
    return w - lr * dw / (np.sqrt(s) + eps), {**state, 'sum': s}


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    sq = alpha * state['sq'] + (1 - alpha) * np.square(dw) if 'sq' in state else (1 - alpha) * np.square(dw)
    return w - lr * dw / (np.sqrt(sq) + eps), {**state, 'sq': sq}


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get('step', 0) + 1
    m = beta1 * state.get('exp_avg', np.zeros_like(w)) + (1 - beta1) * dw
    v = beta2 * state.get('exp_avg_sq', np.zeros_like(w)) + (1 - beta2) * dw * dw
    bc1 = 1 - beta1 ** t
    bc2 = 1 - beta2 ** t
    denom = np.sqrt(v) / bc2 ** 0.5 + eps
    w_new = w - (lr / bc1) * (m / denom)
    return w_new, {'step': t, 'exp_avg': m, 'exp_avg_sq': v}
