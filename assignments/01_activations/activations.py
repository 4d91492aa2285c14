"""Assignment 01: activation functions and numerical differentiation.

Implement the activation functions used throughout the course, the backward passes of two of
them, and a central-difference numerical gradient (the tool you will use to check analytic
gradients in later assignments).

Rules for every function in this file:

* Only numpy is allowed. Using torch, scipy, jax or any other array library, or a routine that
  does the exercise for you (such as ``scipy.special.expit``), scores zero for each function
  that uses it, directly or through a helper.
* Inputs are numpy arrays of float32 or float64; a float result must have the input's dtype.
  Watch NumPy 2's promotion rules: a float32 array times a ``np.float64`` scalar (for example
  the result of ``np.sqrt(2.0)``) becomes float64, while plain Python floats keep float32.
* Never modify an input array in place (``numerical_gradient`` may change ``x`` temporarily,
  but must leave it exactly as it found it).
* "Stable" means: for every finite input the result is finite, matches the reference, and
  numpy emits no overflow / invalid-value / divide-by-zero warning.
* "Matches" means equal to the reference within floating-point tolerance for the dtype:
  relative to each value's own size, with an absolute floor of a few eps of the dtype at the
  output's natural scale. Values below the dtype's smallest normal number count as zero.
* One mistake costs one exercise: a function that calls another function of this file is
  judged as if the one it calls were right, so reuse your own functions freely.

Check your work from the course root with ``.venv/bin/grade assignments/01_activations``
(or run ``grade`` in this folder with the course's virtual environment activated).
"""

import numpy as np


def sigmoid(x):
    """Elementwise logistic sigmoid, 1 / (1 + exp(-x)).

    Args:
        x: float array of any shape, including 0-d.

    Returns:
        Array with the shape and dtype of ``x``.

    Must be stable for all finite x: both ``sigmoid(1000.0)`` and ``sigmoid(-1000.0)`` must
    work without an overflow warning.

    The output is bounded by 1, so an error of a few eps of the dtype (4 eps, say) is
    rounding: the identity ``(1 + tanh(x / 2)) / 2`` matches. Clipping does not: returning
    1e-13 where the float64 truth is 4e-18 is a mismatch.
    """
    raise NotImplementedError


def sigmoid_backward(dout, x):
    """Backward pass of the sigmoid.

    Args:
        dout: upstream gradient, same shape as ``x``.
        x: the input that was given to ``sigmoid``.

    Returns:
        ``dout * s * (1 - s)`` where ``s = sigmoid(x)``; same shape and dtype as ``x``.

    Must be stable for all finite x (for example x = -1000.0 or 1000.0).
    """
    raise NotImplementedError


def relu(x):
    """Elementwise rectified linear unit, max(x, 0).

    Args:
        x: float array of any shape.

    Returns:
        Array with the shape and dtype of ``x``.
    """
    raise NotImplementedError


def relu_backward(dout, x):
    """Backward pass of the ReLU.

    Args:
        dout: upstream gradient, same shape as ``x``.
        x: the input that was given to ``relu``.

    Returns:
        ``dout`` where ``x > 0`` and 0 elsewhere. By convention the gradient at exactly
        ``x == 0`` is 0. Same shape and dtype as ``dout``; ``dout`` itself is not modified.
    """
    raise NotImplementedError


def leaky_relu(x, alpha=0.01):
    """Elementwise leaky ReLU: ``x`` where ``x > 0``, else ``alpha * x``.

    Args:
        x: float array of any shape.
        alpha: slope for negative inputs, 0 <= alpha < 1.

    Returns:
        Array with the shape and dtype of ``x``.
    """
    raise NotImplementedError


def tanh(x):
    """Elementwise hyperbolic tangent.

    Args:
        x: float array of any shape.

    Returns:
        Array with the shape and dtype of ``x``; stable for all finite x.
        (``np.tanh`` is allowed here.)

    The output is bounded by 1: an error of a few eps of the dtype (4 eps, say) is rounding.
    """
    raise NotImplementedError


def numerical_gradient(f, x, h=1e-5):
    """Gradient of a scalar function by central differences.

    For each coordinate i of ``x``, one at a time:
        grad[i] = (f(x with x[i] + h) - f(x with x[i] - h)) / (2 * h)

    Args:
        f: a function taking an array shaped like ``x`` and returning a scalar.
        x: float64 array of any shape (0-d included), the point at which to differentiate.
        h: the step size.

    Returns:
        float64 array shaped like ``x``.

    You may change ``x[i]`` temporarily while evaluating ``f``, but when the function returns
    ``x`` must hold *exactly* its old values: save the old value and put it back, rather than
    undoing the step arithmetically (``(v + h) - h`` is not always ``v`` in floating point).
    """
    raise NotImplementedError
