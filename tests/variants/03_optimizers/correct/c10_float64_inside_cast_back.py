"""A careful student who does all the arithmetic in float64 (np.asarray(..., np.float64)),
keeps float64 buffers in state, and casts only the returned weights back to w's dtype with
astype, so a float32 w still comes back float32. np.sqrt/np.power on scalars are harmless
here since everything is float64 anyway.

expect: full
"""

import numpy as np


def _f64(x):
    return np.asarray(x, dtype=np.float64)


def sgd(w, dw, state, lr=1e-2):
    out = _f64(w) - np.float64(lr) * _f64(dw)
    return out.astype(w.dtype), state


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    v = state.get("v", np.zeros(np.shape(w)))
    v = np.float64(mu) * v - np.float64(lr) * _f64(dw)
    state["v"] = v
    return (_f64(w) + v).astype(w.dtype), state


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    g = _f64(dw)
    h = state.get("h", np.zeros(np.shape(w))) + np.power(g, 2)
    state["h"] = h
    return (_f64(w) - lr * g / (np.sqrt(h) + eps)).astype(w.dtype), state


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    g = _f64(dw)
    h = state.get("h", np.zeros(np.shape(w)))
    h = alpha * h + (1 - alpha) * np.power(g, 2)
    state["h"] = h
    return (_f64(w) - lr * g / (np.sqrt(h) + eps)).astype(w.dtype), state


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    g = _f64(dw)
    t = state.get("t", 0) + 1
    m = np.float64(beta1) * state.get("m", np.zeros(np.shape(w))) + (1 - np.float64(beta1)) * g
    v = np.float64(beta2) * state.get("v", np.zeros(np.shape(w))) + (1 - np.float64(beta2)) * g ** 2
    m_hat = m / (1 - np.power(np.float64(beta1), t))
    v_hat = v / (1 - np.power(np.float64(beta2), t))
    new_w = _f64(w) - np.float64(lr) * m_hat / (np.sqrt(v_hat) + np.float64(eps))
    state.update(t=t, m=m, v=v)
    return new_w.astype(w.dtype), state
