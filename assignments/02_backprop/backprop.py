"""Assignment 02: backpropagation.

Implement the forward and backward passes of an affine (fully connected) layer and a ReLU,
then combine them into a two-layer network that returns its loss and the gradients of every
parameter, computed by hand with backpropagation on the computation graph.

Each forward function returns ``(out, cache)``: ``cache`` is whatever you need to keep for the
backward pass (it is your own object; it is handed back to your backward function unchanged).

Rules for every function in this file:

* Only numpy is allowed. Using torch, scipy, jax or any other array library scores zero for
  each function that uses it, directly or through a helper.
* Inputs are numpy arrays of float32 or float64; float results must have the input's dtype.
  Watch NumPy 2's promotion rules: a float32 array times a ``np.float64`` scalar becomes
  float64, while plain Python floats keep float32.
* Never modify an input array in place (not ``x``, ``w``, ``dout``, nor the arrays in
  ``params``).
* One mistake costs one exercise: a function that calls another function of this file is
  judged as if the one it calls were right, so build ``two_layer_net`` from your own layers.

Check your work from the course root with ``.venv/bin/grade assignments/02_backprop``
(or run ``grade`` in this folder with the course's virtual environment activated).
"""

import numpy as np


def affine_forward(x, w, b):
    """Forward pass of an affine layer.

    Args:
        x: inputs, shape (N, D).
        w: weights, shape (D, M).
        b: biases, shape (M,).

    Returns:
        ``(out, cache)`` with ``out = x @ w + b`` of shape (N, M) and ``cache`` anything the
        backward pass needs.
    """
    raise NotImplementedError


def affine_backward(dout, cache):
    """Backward pass of an affine layer.

    Args:
        dout: upstream gradient, shape (N, M).
        cache: the cache returned by ``affine_forward``.

    Returns:
        ``(dx, dw, db)``: gradients of the loss with respect to x (N, D), w (D, M) and
        b (M,), shaped like x, w and b.
    """
    raise NotImplementedError


def relu_forward(x):
    """Forward pass of a ReLU.

    Args:
        x: inputs of any shape.

    Returns:
        ``(out, cache)`` with ``out = max(x, 0)`` elementwise, same shape and dtype as ``x``.
    """
    raise NotImplementedError


def relu_backward(dout, cache):
    """Backward pass of a ReLU.

    Args:
        dout: upstream gradient, same shape as the forward's input.
        cache: the cache returned by ``relu_forward``.

    Returns:
        ``dx``: ``dout`` where the input was > 0, else 0 (the gradient at exactly 0 is 0, as
        in assignment 01). Do not modify ``dout`` in place.
    """
    raise NotImplementedError


def two_layer_net(X, y, params, reg=0.0):
    """Loss and gradients of a two-layer network.

    Architecture: affine - relu - affine - softmax cross-entropy.

    Args:
        X: inputs, shape (N, D).
        y: integer labels, shape (N,), each in [0, C).
        params: dict with ``W1`` (D, H), ``b1`` (H,), ``W2`` (H, C), ``b2`` (C,).
        reg: L2 regularization strength.

    Returns:
        ``(loss, grads)``:
        * ``loss`` = mean over the N examples of the softmax cross-entropy of the scores,
          plus ``reg * (sum(W1**2) + sum(W2**2))`` (note: no factor 1/2 in this course).
          A Python float or a 0-d array.
        * ``grads``: dict with the same four keys, each gradient shaped like its parameter.

    Must be stable for large scores (e.g. logits in the thousands): no overflow warning, no
    inf or nan in the loss or the gradients.

    Timing-limited: process the whole batch at once (a Python loop over the examples is far
    too slow).
    """
    raise NotImplementedError
