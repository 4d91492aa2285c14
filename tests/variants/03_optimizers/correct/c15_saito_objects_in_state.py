""""Deep Learning from Scratch" optimizer objects kept in the state dict itself: the first
call builds the book's class (with its own dict buffers and its iteration counter) and stores
the instance under state["optimizer"]; later calls take it back out, refresh its
hyperparameters from the arguments, and call `update(params, grads)` on a copy of w. Nothing
lives outside `state`, so a fresh {} is a fresh optimizer; the object just is not plain data.

expect: full
"""

import numpy as np


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            params[key] -= self.lr * grads[key]


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class AdaGrad:
    def __init__(self, lr=0.01, eps=1e-10):
        self.lr = lr
        self.eps = eps
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.h[key] = self.h[key] + grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)


class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99, eps=1e-8):
        self.lr = lr
        self.decay_rate = decay_rate
        self.eps = eps
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.h[key] = self.decay_rate * self.h[key] + (1 - self.decay_rate) * grads[key] ** 2
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {key: np.zeros_like(val) for key, val in params.items()}
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        self.iter += 1
        for key in params.keys():
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
            m_hat = self.m[key] / (1 - self.beta1 ** self.iter)
            v_hat = self.v[key] / (1 - self.beta2 ** self.iter)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


def _step(cls, w, dw, state, **hyper):
    if "optimizer" not in state:
        state["optimizer"] = cls(**hyper)
    opt = state["optimizer"]
    for name, value in hyper.items():
        setattr(opt, name, value)
    params = {"W": w.copy()}
    opt.update(params, {"W": dw})
    return params["W"], state


def sgd(w, dw, state, lr=1e-2):
    return _step(SGD, w, dw, state, lr=lr)


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    return _step(Momentum, w, dw, state, lr=lr, momentum=mu)


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    return _step(AdaGrad, w, dw, state, lr=lr, eps=eps)


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    return _step(RMSprop, w, dw, state, lr=lr, decay_rate=alpha, eps=eps)


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    return _step(Adam, w, dw, state, lr=lr, beta1=beta1, beta2=beta2, eps=eps)
