"""Hostile: json.py, traceback.py, tempfile.py, linecache.py and pickle.py ship beside the submission (importing any of them writes SHADOW_STDLIB_WAS_IMPORTED and raises ImportError), to catch a worker or grader that puts the submission's directory on sys.path and then imports one of these lazily; this complete, correct module keeps full marks everywhere and the marker never appears.

composition: whole
expect: full
absent: SHADOW_STDLIB_WAS_IMPORTED
"""
import numpy as np


def sigmoid(x):
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_backward(dout, x):
    s = sigmoid(x)
    return dout * s * (1 - s)


def relu(x):
    return np.maximum(x, 0)


def relu_backward(dout, x):
    return np.where(x > 0, dout, 0)


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, x * alpha).astype(np.asarray(x).dtype, copy=False)


def tanh(x):
    return np.tanh(x)


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape, dtype=np.float64)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + h
        f_plus = f(x)
        x[index] = saved - h
        f_minus = f(x)
        x[index] = saved
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad
