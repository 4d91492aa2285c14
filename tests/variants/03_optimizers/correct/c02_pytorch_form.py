"""Optimizers re-typed from the PyTorch docs' pseudo-code: momentum keeps the buffer
b = mu*b + g and steps w - lr*b (equal to the contract's v for a fixed lr); Adam folds the
bias corrections the way torch.optim.Adam does (step_size = lr/bc1, denom = sqrt(v)/sqrt(bc2)
+ eps, so eps is still added to the bias-corrected sqrt). State is read lazily with
state.get and a new dict is returned.

expect: full
"""

import math

import numpy as np


def sgd(w, dw, state, lr=1e-2):
    return w - lr * dw, state


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    buf = state.get("momentum_buffer")
    if buf is None:
        buf = dw.copy()
    else:
        buf = mu * buf + dw
    return w - lr * buf, {**state, "momentum_buffer": buf}


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    state_sum = state.get("sum", 0) + dw * dw
    std = np.sqrt(state_sum) + eps
    return w - lr * dw / std, {"sum": state_sum}


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    square_avg = state.get("square_avg", np.zeros_like(w))
    square_avg = square_avg * alpha + (1 - alpha) * dw * dw
    avg = np.sqrt(square_avg) + eps
    return w - lr * (dw / avg), {"square_avg": square_avg}


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    step = state.get("step", 0) + 1
    exp_avg = state.get("exp_avg", np.zeros_like(w))
    exp_avg_sq = state.get("exp_avg_sq", np.zeros_like(w))

    exp_avg = beta1 * exp_avg + (1 - beta1) * dw
    exp_avg_sq = beta2 * exp_avg_sq + (1 - beta2) * dw * dw

    bias_correction1 = 1 - beta1 ** step
    bias_correction2 = 1 - beta2 ** step
    step_size = lr / bias_correction1
    bias_correction2_sqrt = math.sqrt(bias_correction2)

    denom = np.sqrt(exp_avg_sq) / bias_correction2_sqrt + eps
    new_w = w - step_size * exp_avg / denom
    return new_w, {"step": step, "exp_avg": exp_avg, "exp_avg_sq": exp_avg_sq}
