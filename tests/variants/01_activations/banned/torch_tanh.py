"""tanh round-trips through torch (torch inside a numpy exercise is not allowed).

expect: tanh = 0 ~ torch|not allowed|banned|forbidden|numpy only
"""
import numpy as np
import torch


def tanh(x):
    return torch.tanh(torch.from_numpy(np.asarray(x))).numpy()
