"""Hostile: adam fills `state` exactly as PyTorch would (t, m and v, step after step, kept only in the dict it is given) but returns the weights unchanged (a copy of w), so it never updates anything. Property checks give no points to a function that does not do the job at all: the job gate sees w_new handed back unchanged on every input, so the state check (which only compares runs with each other) and the dtype and in-place checks earn nothing, and adam scores zero; the other optimizers keep full marks.

expect: adam = 0 ~ does not do the job at all: w_new is its argument handed back unchanged
"""
import numpy as np


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get("t", 0) + 1
    state["t"] = t
    state["m"] = beta1 * state.get("m", np.zeros_like(w)) + (1 - beta1) * dw
    state["v"] = beta2 * state.get("v", np.zeros_like(w)) + (1 - beta2) * dw * dw
    return w.copy(), state
