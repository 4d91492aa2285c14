"""causal_mask from The Annotated Transformer's `subsequent_mask`: torch.triu(torch.ones(...))
made without device=, so the mask is always on the CPU, whatever device is asked for. Only a
device check shows it; on a CPU-only machine the grader asks for PyTorch's data-less "meta"
device, and the message must say that meta stands in for a GPU.

expect: causal_mask.keeps_device ~ meta \\(PyTorch's device without data, standing in here for a GPU
"""

import torch


def subsequent_mask(size):
    attn_shape = (1, size, size)
    mask = torch.triu(torch.ones(attn_shape), diagonal=1).type(torch.uint8)
    return mask == 0


def causal_mask(L, device=None):
    return subsequent_mask(L)[0]
