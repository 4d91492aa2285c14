"""Causal mask with the wrong triangle: True on and above the diagonal (each position sees
the future).

expect: causal_mask ~ upper|lower|triangle|diagonal|future|transpos
"""

import torch


def causal_mask(L, device=None):
    return torch.triu(torch.ones(L, L, dtype=torch.bool, device=device))
