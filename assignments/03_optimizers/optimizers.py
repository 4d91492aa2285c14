"""Assignment 03: optimizers.

Implement SGD, Momentum, AdaGrad, RMSProp and Adam, each as one *pure* update step:

    w_new, state = optimizer(w, dw, state, **hyperparameters)

``state`` is a dict. On the first call it is ``{}``; your function stores in it everything it
needs to remember (velocities, running averages, step counts, ...) and returns it, and the
caller passes it back on the next call. Keep nothing anywhere else (no globals, no function
attributes): a fresh ``{}`` must start a fresh optimizer.

The semantics are those of PyTorch's optimizers (no weight decay, no Nesterov); your updates
are compared with ``torch.optim`` over many consecutive steps, with default and non-default
hyperparameters.

Rules for every function in this file:

* Only numpy is allowed. Using torch, scipy, jax or any other array library scores zero for
  each function that uses it, directly or through a helper.
* ``w`` and ``dw`` are float32 or float64 arrays of any shape; ``w_new`` has ``w``'s shape and
  dtype. Watch NumPy 2's promotion rules: a float32 array times a ``np.float64`` scalar
  becomes float64, while plain Python floats keep float32.
* Do not modify ``w`` or ``dw`` in place (no ``w -= ...``): return a new array.
* Use the hyperparameters you are given (in particular ``eps``), not hard-coded constants.
* One mistake costs one exercise: a function that calls another function of this file is
  judged as if the one it calls were right, so reuse your own functions freely.

Check your work from the course root with ``.venv/bin/grade assignments/03_optimizers``
(or run ``grade`` in this folder with the course's virtual environment activated).
"""

import numpy as np


def sgd(w, dw, state, lr=1e-2):
    """One step of plain stochastic gradient descent.

    Update: ``w_new = w - lr * dw``.

    Returns:
        ``(w_new, state)``.
    """
    raise NotImplementedError


def momentum(w, dw, state, lr=1e-2, mu=0.9):
    """One step of SGD with momentum.

    Update (the velocity v starts at 0)::

        v = mu * v - lr * dw
        w_new = w + v

    Returns:
        ``(w_new, state)``, with v kept in ``state``.
    """
    raise NotImplementedError


def adagrad(w, dw, state, lr=1e-2, eps=1e-10):
    """One step of AdaGrad.

    Update (h starts at 0)::

        h = h + dw**2
        w_new = w - lr * dw / (sqrt(h) + eps)

    Note where ``eps`` goes: it is added *after* the square root.

    Returns:
        ``(w_new, state)``, with h kept in ``state``.
    """
    raise NotImplementedError


def rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8):
    """One step of RMSProp.

    Update (h starts at 0)::

        h = alpha * h + (1 - alpha) * dw**2
        w_new = w - lr * dw / (sqrt(h) + eps)

    Note where ``eps`` goes: it is added *after* the square root.

    Returns:
        ``(w_new, state)``, with h kept in ``state``.
    """
    raise NotImplementedError


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """One step of Adam.

    Update (t, m and v start at 0)::

        t = t + 1
        m = beta1 * m + (1 - beta1) * dw
        v = beta2 * v + (1 - beta2) * dw**2
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        w_new = w - lr * m_hat / (sqrt(v_hat) + eps)

    Both moments are bias-corrected, and ``eps`` is added after the square root of the
    *corrected* second moment.

    Returns:
        ``(w_new, state)``, with t, m and v kept in ``state``.
    """
    raise NotImplementedError
