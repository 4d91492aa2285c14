"""d2l.ai's "from scratch" optimizers translated to numpy: the buffers live in a `states`
tuple (d2l's init_momentum_states / init_adagrad_states / init_adam_states), the
hyperparameters in a `hyperparams` dict, and Adam's step counter `t` starts at 1 and is
incremented *after* the update (d2l's `hyperparams['t'] += 1`), so state holds the next step's
t. eps is moved after the square root (d2l has it inside) as the contract asks.

expect: full
"""

import numpy as np


def init_momentum_states(w):
    return (np.zeros_like(w),)


def init_adagrad_states(w):
    return (np.zeros_like(w),)


def init_rmsprop_states(w):
    return (np.zeros_like(w),)


def init_adam_states(w):
    return (np.zeros_like(w), np.zeros_like(w))


def sgd(w, dw, state, lr=1e-2):
    hyperparams = {"lr": lr}
    return w - hyperparams["lr"] * dw, state


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    hyperparams = {"lr": lr, "momentum": mu}
    (v,) = state.get("states", init_momentum_states(w))
    v = hyperparams["momentum"] * v - hyperparams["lr"] * dw
    state["states"] = (v,)
    return w + v, state


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    hyperparams = {"lr": lr, "eps": eps}
    (s,) = state.get("states", init_adagrad_states(w))
    s = s + np.square(dw)
    state["states"] = (s,)
    return w - hyperparams["lr"] * dw / (np.sqrt(s) + hyperparams["eps"]), state


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    hyperparams = {"lr": lr, "gamma": alpha, "eps": eps}
    gamma = hyperparams["gamma"]
    (s,) = state.get("states", init_rmsprop_states(w))
    s = gamma * s + (1 - gamma) * np.square(dw)
    state["states"] = (s,)
    return w - hyperparams["lr"] * dw / (np.sqrt(s) + hyperparams["eps"]), state


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    hyperparams = {"lr": lr, "t": state.get("t", 1)}
    v, s = state.get("states", init_adam_states(w))
    v = beta1 * v + (1 - beta1) * dw
    s = beta2 * s + (1 - beta2) * np.square(dw)
    v_bias_corr = v / (1 - beta1 ** hyperparams["t"])
    s_bias_corr = s / (1 - beta2 ** hyperparams["t"])
    new_w = w - hyperparams["lr"] * v_bias_corr / (np.sqrt(s_bias_corr) + eps)
    hyperparams["t"] += 1
    state["states"] = (v, s)
    state["t"] = hyperparams["t"]
    return new_w, state
