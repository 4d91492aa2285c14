"""Causal mask that ignores its device argument: always built on the CPU.

expect: causal_mask ~ device|cuda|cpu|meta
"""

import torch


def causal_mask(L, device=None):
    return torch.tril(torch.ones(L, L, dtype=torch.bool))
