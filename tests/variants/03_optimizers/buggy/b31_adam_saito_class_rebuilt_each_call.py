"""Deep Learning from Scratch's Adam class, adapted to the functional contract by building a
new optimizer object on every call and handing it the moments kept in `state`: its `iter`
restarts at 0 each time, so the folded step always uses t = 1. Like b30, it coincides with
Adam without bias correction on the first example (beta1 = 0.5, beta2 = 0.75) and with no
known mistake on further trajectories, so no cause may be named.

expect: adam.matches_reference ~ wrong result at step
"""

import numpy as np


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
        lr_t = self.lr * (1.0 - self.beta2 ** self.iter) ** 0.5 / (1.0 - self.beta1 ** self.iter)

        for key in params.keys():
            self.m[key] = self.m[key] + (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] = self.v[key] + (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] = params[key] - lr_t * self.m[key] / (np.sqrt(self.v[key]) + self.eps)


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    opt = Adam(lr, beta1, beta2, eps)
    if "m" in state:
        opt.m, opt.v = {"w": state["m"]}, {"w": state["v"]}
    params = {"w": w}
    opt.update(params, {"w": dw})
    state["m"], state["v"] = opt.m["w"], opt.v["w"]
    return params["w"], state
