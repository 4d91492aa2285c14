r"""The Annotated Transformer's subsequent_mask copied as it is: attn_shape = (1, size, size),
so the mask is (1, L, L) where the contract says (L, L) (it broadcasts inside attention, so
self-attention still works, but the function's result has the wrong shape).

expect: causal_mask ~ shape|\(1, |dimension
"""

import torch


def causal_mask(L, device=None):
    attn_shape = (1, L, L)
    subsequent_mask = torch.triu(torch.ones(attn_shape, device=device), diagonal=1).type(torch.uint8)
    return subsequent_mask == 0
