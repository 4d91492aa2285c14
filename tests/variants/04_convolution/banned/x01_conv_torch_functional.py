"""conv2d_forward handed to torch.nn.functional.conv2d (torch is not allowed in the numpy
assignments). torch is imported at module level but only conv2d_forward uses it: the other
three exercises are graded as usual.

expect: conv2d_forward = 0 ~ torch|not allowed|banned|forbidden
"""

import numpy as np
import torch
import torch.nn.functional as F


def conv2d_forward(x, w, b, stride=1, padding=0):
    out = F.conv2d(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b),
                   stride=stride, padding=padding)
    return out.numpy()
