"""Positional encoding computed with numpy (float64) and converted with torch.from_numpy:
the tensor comes back float64, not float32.

expect: positional_encoding ~ float32|float64|dtype
"""

import numpy as np
import torch


def positional_encoding(seq_len, d_model):
    pos = np.arange(seq_len)[:, np.newaxis]
    i = np.arange(0, d_model, 2)[np.newaxis, :]
    angle = pos / np.power(10000, i / d_model)
    pe = np.zeros((seq_len, d_model))
    pe[:, 0::2] = np.sin(angle)
    pe[:, 1::2] = np.cos(angle)
    return torch.from_numpy(pe)
