"""Adam with the bias corrections written as np.power(beta1, t): np.power of two Python numbers
returns a numpy float64 scalar, so under NumPy 2 float32 moments divided by it become float64.

expect: adam ~ float64|float32|dtype
"""
import numpy as np


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    t = state.get('t', 0) + 1
    m = beta1 * state.get('m', np.zeros_like(w)) + (1 - beta1) * dw
    v = beta2 * state.get('v', np.zeros_like(w)) + (1 - beta2) * dw ** 2
    m_hat = m / (1 - np.power(beta1, t))
    v_hat = v / (1 - np.power(beta2, t))
    state.update(t=t, m=m, v=v)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), state
