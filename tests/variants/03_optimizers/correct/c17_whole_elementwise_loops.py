"""Whole module of elementwise Python loops over np.ndindex with math.sqrt, on copies of the state buffers (the optimizers are not timing-limited).

composition: whole
expect: full
"""
import math
import numpy as np


def sgd(w, dw, state, lr=1e-2):
    out = np.empty_like(w)
    for i in np.ndindex(w.shape):
        out[i] = w[i] - lr * dw[i]
    return out, state


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    if 'v' not in state:
        state['v'] = np.zeros_like(w)
    v = state['v'].copy()
    out = np.empty_like(w)
    for i in np.ndindex(w.shape):
        v[i] = mu * v[i] - lr * dw[i]
        out[i] = w[i] + v[i]
    state['v'] = v
    return out, state


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    h = state['h'].copy() if 'h' in state else np.zeros_like(w)
    out = np.empty_like(w)
    for i in np.ndindex(w.shape):
        h[i] = h[i] + dw[i] ** 2
        out[i] = w[i] - lr * dw[i] / (math.sqrt(h[i]) + eps)
    state['h'] = h
    return out, state


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    h = state['h'].copy() if 'h' in state else np.zeros_like(w)
    out = np.empty_like(w)
    for i in np.ndindex(w.shape):
        h[i] = alpha * h[i] + (1 - alpha) * dw[i] ** 2
        out[i] = w[i] - lr * dw[i] / (math.sqrt(h[i]) + eps)
    state['h'] = h
    return out, state


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get('t', 0) + 1
    m = state['m'].copy() if 'm' in state else np.zeros_like(w)
    v = state['v'].copy() if 'v' in state else np.zeros_like(w)
    out = np.empty_like(w)
    for i in np.ndindex(w.shape):
        m[i] = beta1 * m[i] + (1 - beta1) * dw[i]
        v[i] = beta2 * v[i] + (1 - beta2) * dw[i] ** 2
        m_hat = m[i] / (1 - beta1 ** t)
        v_hat = v[i] / (1 - beta2 ** t)
        out[i] = w[i] - lr * m_hat / (math.sqrt(v_hat) + eps)
    state.update(t=t, m=m, v=v)
    return out, state
