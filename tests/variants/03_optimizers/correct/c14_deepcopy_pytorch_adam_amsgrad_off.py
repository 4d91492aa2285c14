"""A defensive student: copy.deepcopy(state) first, so the caller's dict and its arrays are
never touched, then update the copy in place with numpy's out= ufuncs (the copy's arrays are
ours). Adam follows torch.optim.Adam's non-foreach code path line by line (exp_avg.lerp_ as
m += (g - m)*(1 - beta1), addcmul_, bias_correction2_sqrt, denom = sqrt(v)/bc2_sqrt + eps,
addcdiv_ with -step_size). State keys are PyTorch's.

expect: full
"""

import copy
import math

import numpy as np


def sgd(w, dw, state, lr=1e-2):
    state = copy.deepcopy(state)
    return w - lr * dw, state


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    state = copy.deepcopy(state)
    if "momentum_buffer" not in state:
        state["momentum_buffer"] = np.array(dw, copy=True)
    else:
        buf = state["momentum_buffer"]
        np.multiply(buf, mu, out=buf)
        np.add(buf, dw, out=buf)
    return w - lr * state["momentum_buffer"], state


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    state = copy.deepcopy(state)
    if "sum" not in state:
        state["sum"] = np.zeros_like(w)
        state["step"] = 0
    state["step"] += 1
    state_sum = state["sum"]
    np.add(state_sum, dw * dw, out=state_sum)
    std = np.sqrt(state_sum) + eps
    return w - lr * dw / std, state


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    state = copy.deepcopy(state)
    square_avg = state.setdefault("square_avg", np.zeros_like(w))
    np.multiply(square_avg, alpha, out=square_avg)
    np.add(square_avg, (1 - alpha) * dw * dw, out=square_avg)
    avg = np.sqrt(square_avg) + eps
    return w - lr * dw / avg, state


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    state = copy.deepcopy(state)
    if len(state) == 0:
        state["step"] = 0.0
        state["exp_avg"] = np.zeros_like(w)
        state["exp_avg_sq"] = np.zeros_like(w)
    exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
    state["step"] += 1
    step = state["step"]

    exp_avg += (dw - exp_avg) * (1 - beta1)
    exp_avg_sq *= beta2
    exp_avg_sq += (1 - beta2) * dw * dw

    bias_correction1 = 1 - beta1 ** step
    bias_correction2 = 1 - beta2 ** step
    step_size = lr / bias_correction1
    bias_correction2_sqrt = math.sqrt(bias_correction2)
    denom = np.sqrt(exp_avg_sq) / bias_correction2_sqrt + eps
    return w + (-step_size) * (exp_avg / denom), state
