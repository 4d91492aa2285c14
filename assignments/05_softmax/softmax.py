"""Assignment 05: softmax and cross-entropy.

Implement softmax, log-softmax and the softmax cross-entropy loss with its gradient, the
output layer and loss of every classifier in the course.

Rules for every function in this file:

* Only numpy is allowed. Using torch, scipy, jax or any other array library, or a routine that
  does the exercise for you (such as ``scipy.special.softmax``), scores zero for each function
  that uses it, directly or through a helper.
* Inputs are numpy arrays of float32 or float64; float results must have the input's dtype.
  Watch NumPy 2's promotion rules: a float32 array times a ``np.float64`` scalar becomes
  float64, while plain Python floats keep float32.
* Never modify an input array in place.
* "Stable" means: for every finite input the result is finite, matches the reference, and
  numpy emits no overflow / invalid-value / divide-by-zero warning. ``exp`` overflows above
  about 88.7 in float32 and 709.8 in float64.
* "Matches" means equal to the reference within floating-point tolerance for the dtype:
  relative to each value's own size, with an absolute floor of a few eps of the dtype at the
  output's natural scale. Values below the dtype's smallest normal number count as zero.
* One mistake costs one exercise: a function that calls another function of this file is
  judged as if the one it calls were right, so reuse your own functions freely.

Check your work from the course root with ``.venv/bin/grade assignments/05_softmax``
(or run ``grade`` in this folder with the course's virtual environment activated).
"""

import numpy as np


def softmax(logits, axis=-1):
    """Softmax along ``axis``: exp(z_i) / sum_j exp(z_j).

    Args:
        logits: float array of any shape.
        axis: the axis to normalize over.

    Returns:
        Array shaped like ``logits``, same dtype; each slice along ``axis`` sums to 1.

    Must be stable for large positive and negative logits. Each output is bounded by 1, so
    an error of a few eps of the dtype (4 eps, say) is rounding.
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
