"""Assignment 04: convolution and pooling.

First compute the output sizes of convolution and max-pooling layers exactly as PyTorch's
``Conv2d`` and ``MaxPool2d`` do (the sizes you meet in LeNet and AlexNet), rejecting
impossible arguments; then implement the forward passes of a convolution and a max-pool layer
on batches of images.

Rules for every function in this file:

* Only numpy is allowed. Using torch, scipy, jax or any other array library, or a routine that
  does the exercise for you (such as ``scipy.signal.*``), scores zero for each function that
  uses it, directly or through a helper.
* Array inputs are float32 or float64; float results must have the input's dtype. Watch
  NumPy 2's promotion rules: a float32 array times a ``np.float64`` scalar becomes float64,
  and ``np.zeros(shape)`` is float64 unless you pass a dtype.
* Never modify an input array in place.
* ``conv2d_forward`` and ``max_pool2d_forward`` are timed against PyTorch: they must be
  vectorized (a Python loop over every output pixel is far too slow).
* One mistake costs one exercise: a function that calls another function of this file is
  judged as if the one it calls were right, so reuse your own functions freely.

Check your work from the course root with ``.venv/bin/grade assignments/04_convolution``
(or run ``grade`` in this folder with the course's virtual environment activated).
"""

import numpy as np


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    """Output size of a 2-D convolution, as computed by PyTorch's ``Conv2d``.

    Args:
        h, w: input height and width (ints >= 1).
        kernel_size, stride, padding, dilation: each an int (used for both sides) or an
            ``(h, w)`` pair of ints.

    Returns:
        ``(h_out, w_out)``, a tuple of Python ints.

    Raises:
        ValueError: when an argument is out of range (kernel_size, stride or dilation < 1,
            padding < 0) or when an output side would be < 1 (the dilated kernel does not fit
            in the padded input).

    The output size of a side is the number of positions at which the (dilated) kernel fits
    entirely inside the padded input when moved by ``stride``.
    """
    raise NotImplementedError


def pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    """Output size of 2-D max pooling, as computed by PyTorch's ``MaxPool2d``.

    Args:
        h, w: input height and width (ints >= 1).
        kernel_size, stride, padding: each an int or an ``(h, w)`` pair of ints.
            ``stride=None`` means ``stride = kernel_size``.
        ceil_mode: round the number of window steps up instead of down; the last window must
            still *start* inside the input or the left padding (otherwise it is dropped).

    Returns:
        ``(h_out, w_out)``, a tuple of Python ints.

    Raises:
        ValueError: when kernel_size or stride < 1, padding < 0, padding > kernel_size / 2,
            or an output side would be < 1.
    """
    raise NotImplementedError


def conv2d_forward(x, w, b, stride=1, padding=0):
    """Forward pass of a 2-D convolution layer.

    Computes a cross-correlation, exactly like ``torch.nn.functional.conv2d`` (the kernel is
    *not* flipped):

        out[n, f, i, j] = b[f] + sum over c, p, q of
                          x_pad[n, c, i*stride + p, j*stride + q] * w[f, c, p, q]

    where ``x_pad`` is ``x`` with ``padding`` zeros added on every side of H and W.

    Args:
        x: input, shape (N, C, H, W).
        w: filters, shape (F, C, KH, KW).
        b: biases, shape (F,).
        stride: int, the same for both sides.
        padding: int, the same for both sides.

    Returns:
        ``out`` of shape (N, F, H', W'), dtype of ``x``.

    Timing-limited: must be vectorized.
    """
    raise NotImplementedError


def max_pool2d_forward(x, kernel_size, stride=None):
    """Forward pass of a 2-D max-pooling layer (no padding, floor mode).

    Args:
        x: input, shape (N, C, H, W).
        kernel_size: int, the window is kernel_size x kernel_size.
        stride: int, or None to mean ``stride = kernel_size``.

    Returns:
        ``out`` of shape (N, C, H', W'), each element the maximum over its window; dtype of
        ``x``.

    Timing-limited: must be vectorized.
    """
    raise NotImplementedError
