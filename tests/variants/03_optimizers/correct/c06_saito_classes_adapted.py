""""Deep Learning from Scratch" (Saito) optimizer classes re-typed almost verbatim (params and
grads dicts, `update(params, grads)` writing into params[key] in place, Adam's incremental
`m += (1 - beta1) * (g - m)`), then wrapped into the functional contract: the buffers come out
of `state` and go back into it, the class works on a copy of w, and eps is the argument (not
the book's 1e-7, and added after the bias correction, not to the folded lr_t step).

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
            self.v = {}
            for key, val in params.items():
                self.v[key] = np.zeros_like(val)
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
            self.h = {}
            for key, val in params.items():
                self.h[key] = np.zeros_like(val)
        for key in params.keys():
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)


class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99, eps=1e-8):
        self.lr = lr
        self.decay_rate = decay_rate
        self.eps = eps
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {}
            for key, val in params.items():
                self.h[key] = np.zeros_like(val)
        for key in params.keys():
            self.h[key] *= self.decay_rate
            self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]
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
            self.m, self.v = {}, {}
            for key, val in params.items():
                self.m[key] = np.zeros_like(val)
                self.v[key] = np.zeros_like(val)
        self.iter += 1
        for key in params.keys():
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            m_hat = self.m[key] / (1 - self.beta1 ** self.iter)
            v_hat = self.v[key] / (1 - self.beta2 ** self.iter)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


def _run(opt, w, dw, state, buffers):
    """Load the optimizer's buffers from state, do one update on a copy of w, save them back."""
    for name in buffers:
        if name in state:
            setattr(opt, name, {"W": state[name]})
    if "iter" in state:
        opt.iter = state["iter"]
    params = {"W": np.array(w, copy=True)}
    opt.update(params, {"W": dw})
    for name in buffers:
        state[name] = getattr(opt, name)["W"]
    if hasattr(opt, "iter"):
        state["iter"] = opt.iter
    return params["W"], state


def sgd(w, dw, state, lr=1e-2):
    return _run(SGD(lr), w, dw, state, ())


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    return _run(Momentum(lr, mu), w, dw, state, ("v",))


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    return _run(AdaGrad(lr, eps), w, dw, state, ("h",))


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    return _run(RMSprop(lr, alpha, eps), w, dw, state, ("h",))


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    return _run(Adam(lr, beta1, beta2, eps), w, dw, state, ("m", "v"))
