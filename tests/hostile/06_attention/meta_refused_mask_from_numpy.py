r"""Hostile: causal_mask builds the mask with numpy and returns torch.from_numpy(...), always on the CPU whatever `device` says, and raises TypeError when asked for the meta device (where the check would see the CPU result), hoping a non-device error on meta passes as "meta cannot do that". It must not: the CPU run of the same case works, so the error is a dodge, and the code's route to the CPU (torch.from_numpy) fails keeps_device; the mask itself is right, so only keeps_device fails.

expect: causal_mask.keeps_device ~ meta.*route to the CPU.*from_numpy
"""
import numpy as np
import torch


def causal_mask(L, device=None):
    if str(device) == "meta":
        raise TypeError("unsupported device type")
    return torch.from_numpy(np.tril(np.ones((L, L), dtype=bool)))
