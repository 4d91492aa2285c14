"""sigmoid through the tanh identity 0.5 * (1 + tanh(x / 2)): warning-free, exact in
arithmetic, and named by the issue as a correct form. Its only weakness is cancellation in
1 + tanh(x/2) for very negative x (absolute error ~1e-16 on outputs of size <= 1), which the
grader's tolerance (relative to the function's natural output scale of 1) accepts.

expect: full
"""
import numpy as np


def sigmoid(x):
    return 0.5 * (1 + np.tanh(0.5 * x))


def sigmoid_backward(dout, x):
    # written without calling sigmoid, so only sigmoid loses marks
    z = np.exp(-np.abs(x))
    return dout * z / (1 + z) ** 2

