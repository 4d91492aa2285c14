"""Adam as in Kingma & Ba's "more efficient" ordering, done right: the running products
beta1**t and beta2**t are carried in state as Python floats (Keras' beta_1_power style, no t
at all), the bias corrections are folded into the step size
alpha_t = lr*sqrt(1-beta2^t)/(1-beta1^t), and eps is rescaled to eps_hat = eps*sqrt(1-beta2^t)
so that it still sits after the bias-corrected sqrt (exactly PyTorch's update). AdaGrad and
RMSProp divide by a precomputed denominator; momentum stores -v (the "step" the weights take
back) and SGD keeps no state at all (returns a fresh {}).

expect: full
"""

import math

import numpy as np


def sgd(w, dw, state, lr=1e-2):
    return w - lr * dw, {}


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    back = state.get("back_step")
    back = lr * dw if back is None else mu * back + lr * dw
    state["back_step"] = back
    return w - back, state


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    g2 = state["g2"] + dw ** 2 if "g2" in state else dw ** 2
    denom = np.sqrt(g2) + eps
    state["g2"] = g2
    return w - lr * (dw / denom), state


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    mean_square = state.get("mean_square", 0.0) * alpha + (1.0 - alpha) * dw ** 2
    denom = np.sqrt(mean_square) + eps
    state["mean_square"] = mean_square
    return w - lr / denom * dw, state


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    beta1_power = state.get("beta1_power", 1.0) * beta1
    beta2_power = state.get("beta2_power", 1.0) * beta2
    m = beta1 * state.get("m", 0.0) + (1.0 - beta1) * dw
    v = beta2 * state.get("v", 0.0) + (1.0 - beta2) * dw * dw

    alpha_t = lr * math.sqrt(1.0 - beta2_power) / (1.0 - beta1_power)
    eps_hat = eps * math.sqrt(1.0 - beta2_power)
    new_w = w - alpha_t * m / (np.sqrt(v) + eps_hat)

    state.update(beta1_power=beta1_power, beta2_power=beta2_power, m=m, v=v)
    return new_w, state
