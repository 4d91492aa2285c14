"""Assignment 05: softmax and cross-entropy.

Implement softmax, log-softmax and the softmax cross-entropy loss with its gradient, the
output layer and loss of every classifier in the course.

Rules for every function in this file:

* Only numpy is allowed (no torch, scipy, jax, ..., and no ``scipy.special.softmax``).
* Inputs are numpy arrays of float32 or float64; float results must have the input's dtype.
  Watch NumPy 2's promotion rules: a float32 array times a ``np.float64`` scalar becomes
  float64, while plain Python floats keep float32.
* Never modify an input array in place.
* "Stable" means: for every finite input the result is finite, correct, and numpy prints no
  overflow / invalid-value / divide-by-zero warning. ``exp`` overflows above about 88.7 in
  float32 and 709.8 in float64.

Run ``grade`` in this folder to check your work.
"""

import numpy as np


def softmax(logits, axis=-1):
    """Softmax along ``axis``: exp(z_i) / sum_j exp(z_j).

    Args:
        logits: float array of any shape.
        axis: the axis to normalize over.

    Returns:
        Array shaped like ``logits``, same dtype; each slice along ``axis`` sums to 1.

    Must be stable for large positive and negative logits.
    """
    raise NotImplementedError


def log_softmax(logits, axis=-1):
    """Logarithm of the softmax along ``axis``.

    Args:
        logits: float array of any shape.
        axis: the axis to normalize over.

    Returns:
        Array shaped like ``logits``, same dtype. Must be stable and finite for every finite
        input, including very negative log-probabilities (``np.log(softmax(...))`` is not:
        the softmax can underflow to 0).
    """
    raise NotImplementedError


def softmax_cross_entropy(logits, labels):
    """Mean softmax cross-entropy loss and its gradient.

    Args:
        logits: float array, shape (N, C).
        labels: integer array, shape (N,), each in [0, C).

    Returns:
        ``(loss, dlogits)``:
        * ``loss``: the mean over the N rows of ``-log softmax(logits)[i, labels[i]]``, a Python
          float or a 0-d array.
        * ``dlogits``: its gradient with respect to ``logits``, shape (N, C), same dtype:
          ``(softmax(logits) - onehot(labels)) / N``.

    Must be stable for logits up to 1e4 in magnitude (no ``log(p + 1e-7)`` tricks: they bias
    the loss). Timing-limited: must be vectorized (no Python loop over rows).
    """
    raise NotImplementedError
