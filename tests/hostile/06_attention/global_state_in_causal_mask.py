"""Hostile (harmless): every causal_mask call switches process-wide torch state (torch.set_default_dtype(torch.float64), torch.set_grad_enabled(False), torch.manual_seed(0), torch.set_num_threads(1)) and returns the correct mask; that state must not leak out of causal_mask's own worker into other exercises, or into how the worker builds inputs and upstream gradients, so every exercise keeps full marks.

expect: full
"""
import torch


def causal_mask(L, device=None):
    torch.set_default_dtype(torch.float64)
    torch.set_grad_enabled(False)
    torch.manual_seed(0)
    torch.set_num_threads(1)
    return torch.ones(L, L, dtype=torch.bool, device=device).tril()
