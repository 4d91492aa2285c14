"""A student's file with the plotting and progress-bar habits of a notebook: matplotlib, tqdm and
IPython (none installed in the grader) imported at the top, a plot drawn at import time, and
tqdm wrapped around numerical_gradient's loop. The display libraries import as inert
stand-ins, so the functions are graded as usual.

expect: full
"""
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display
from tqdm import tqdm, trange

xs = np.linspace(-5, 5, 11)
fig, ax = plt.subplots(figsize=(4, 3))
ax.plot(xs, sigmoid(xs), label="sigmoid")  # noqa: F821 - the model solution's, above
ax.legend()
with plt.style.context("ggplot"):
    plt.show()
display(xs)
for _ in trange(2):
    pass


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in tqdm(list(np.ndindex(x.shape)), desc="grad", leave=False):
        old = x[i]
        x[i] = old + h
        fp = f(x)
        x[i] = old - h
        fm = f(x)
        x[i] = old
        grad[i] = (fp - fm) / (2 * h)
    return grad
