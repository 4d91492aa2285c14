"""CS231n's optim.py kept verbatim (`def adam(w, dw, config=None)` with config.setdefault for
the hyperparameters and the buffers, `config['t'] += 1` before use, next_w = None then filled)
and called from thin wrappers that build this call's config from a copy of the state plus the
hyperparameters they were given; the returned config (hyperparameters included) is the new
state. The caller's state dict is never touched.

expect: full
"""

import numpy as np


def _cs231n_sgd(w, dw, config=None):
    if config is None:
        config = {}
    config.setdefault("learning_rate", 1e-2)
    w = w - config["learning_rate"] * dw
    return w, config


def _cs231n_sgd_momentum(w, dw, config=None):
    if config is None:
        config = {}
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("momentum", 0.9)
    v = config.get("velocity", np.zeros_like(w))

    next_w = None
    v = config["momentum"] * v - config["learning_rate"] * dw
    next_w = w + v

    config["velocity"] = v
    return next_w, config


def _cs231n_adagrad(w, dw, config=None):
    if config is None:
        config = {}
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("epsilon", 1e-10)
    config.setdefault("cache", np.zeros_like(w))

    next_w = None
    config["cache"] = config["cache"] + dw ** 2
    next_w = w - config["learning_rate"] * dw / (np.sqrt(config["cache"]) + config["epsilon"])
    return next_w, config


def _cs231n_rmsprop(w, dw, config=None):
    if config is None:
        config = {}
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("decay_rate", 0.99)
    config.setdefault("epsilon", 1e-8)
    config.setdefault("cache", np.zeros_like(w))

    next_w = None
    config["cache"] = config["decay_rate"] * config["cache"] + (1 - config["decay_rate"]) * dw ** 2
    next_w = w - config["learning_rate"] * dw / (np.sqrt(config["cache"]) + config["epsilon"])
    return next_w, config


def _cs231n_adam(w, dw, config=None):
    if config is None:
        config = {}
    config.setdefault("learning_rate", 1e-3)
    config.setdefault("beta1", 0.9)
    config.setdefault("beta2", 0.999)
    config.setdefault("epsilon", 1e-8)
    config.setdefault("m", np.zeros_like(w))
    config.setdefault("v", np.zeros_like(w))
    config.setdefault("t", 0)

    next_w = None
    config["t"] += 1
    config["m"] = config["beta1"] * config["m"] + (1 - config["beta1"]) * dw
    mt = config["m"] / (1 - config["beta1"] ** config["t"])
    config["v"] = config["beta2"] * config["v"] + (1 - config["beta2"]) * (dw ** 2)
    vt = config["v"] / (1 - config["beta2"] ** config["t"])
    next_w = w - config["learning_rate"] * mt / (np.sqrt(vt) + config["epsilon"])
    return next_w, config


def sgd(w, dw, state, lr=1e-2):
    return _cs231n_sgd(w, dw, dict(state, learning_rate=lr))


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    return _cs231n_sgd_momentum(w, dw, dict(state, learning_rate=lr, momentum=mu))


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    return _cs231n_adagrad(w, dw, dict(state, learning_rate=lr, epsilon=eps))


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    return _cs231n_rmsprop(w, dw, dict(state, learning_rate=lr, decay_rate=alpha, epsilon=eps))


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    config = dict(state, learning_rate=lr, beta1=beta1, beta2=beta2, epsilon=eps)
    return _cs231n_adam(w, dw, config)
