"""Hostile (class 8, dodging the device check; red team): causal_mask always builds its mask on the CPU through a torch factory fetched by a computed name, and first calls .item() on a tensor, which the meta device (the stand-in for a GPU) cannot do, so the meta run shows nothing. The fallback's static scan counts getattr(torch, <computed name>) as a route to the CPU: causal_mask loses its device points and every other exercise keeps full marks.

expect: causal_mask ~ CPU|device
"""
import torch


def causal_mask(L, device=None):
    n = int(torch.tensor(L, device=device).item())
    make = getattr(torch, "on" + "es")
    return make(n, n, dtype=torch.bool).tril()
