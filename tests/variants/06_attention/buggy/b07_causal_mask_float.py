"""Causal mask returned as a float tensor of 0/1 (torch.tril(torch.ones(L, L))) instead of
bool.

expect: causal_mask ~ bool|dtype|float
"""

import torch


def causal_mask(L, device=None):
    return torch.tril(torch.ones(L, L, device=device))
