"""Positional encoding whose exponent is 2i/d with i already stepping 0, 2, 4, ...: the
frequencies fall off twice as fast as the contract's 10000^(2i/d_model).

expect: positional_encoding ~ exponent|frequenc|2i|2 ?[*] ?i|step
"""

import torch


def positional_encoding(seq_len, d_model):
    pe = torch.zeros(seq_len, d_model)
    pos = torch.arange(seq_len, dtype=torch.float32).unsqueeze(1)
    i = torch.arange(0, d_model, 2, dtype=torch.float32)
    angle = pos / torch.pow(10000.0, 2 * i / d_model)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle)
    return pe
