"""Other correct spellings: momentum with an unscaled velocity (v = mu*v - dw; w + lr*v,
equal to the contract's for a fixed lr); Adam and RMSProp that compute a constant with
np.sqrt/np.float64 but cast the result back with astype(w.dtype) (so float32 stays float32);
keys with odd names; a step counter kept as a Python int; the input state dict never mutated.

expect: full
"""

import numpy as np


def sgd(w, dw, state, lr=1e-2):
    step = lr * dw
    return w - step, dict(state)


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    vel = state.get("vel", np.zeros_like(w))
    vel = mu * vel - dw
    new_state = dict(state)
    new_state["vel"] = vel
    return w + lr * vel, new_state


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    g2 = state.get("sum_sq_grad")
    g2 = np.square(dw) if g2 is None else g2 + np.square(dw)
    upd = lr * dw / (np.sqrt(g2) + eps)
    return (w - upd).astype(w.dtype, copy=False), {"sum_sq_grad": g2}


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    r = state.get("r", np.zeros_like(w))
    r = np.float64(alpha) * r + np.float64(1.0 - alpha) * np.square(dw)
    r = r.astype(w.dtype)
    upd = lr * dw / (np.sqrt(r) + eps)
    return (w - upd).astype(w.dtype), {"r": r}


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    n = int(state.get("n_steps", 0)) + 1
    m1 = beta1 * state.get("first_moment", np.zeros_like(w)) + (1.0 - beta1) * dw
    m2 = beta2 * state.get("second_moment", np.zeros_like(w)) + (1.0 - beta2) * dw * dw
    m1_hat = m1 / (1.0 - np.power(beta1, n))
    m2_hat = m2 / (1.0 - np.power(beta2, n))
    new_w = (w - lr * m1_hat / (np.sqrt(m2_hat) + eps)).astype(w.dtype)
    return new_w, {"n_steps": n, "first_moment": m1.astype(w.dtype), "second_moment": m2.astype(w.dtype)}
