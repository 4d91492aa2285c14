"""Hostile (harmless): at import the module calls torch.set_default_dtype(torch.float64) and torch.manual_seed(0); the functions take their dtype from their inputs (positional_encoding below pins float32 as the contract says), and the worker must build inputs and upstream gradients with explicit dtypes, so every exercise keeps full marks.

expect: full
"""
import torch

torch.set_default_dtype(torch.float64)
torch.manual_seed(0)


def positional_encoding(seq_len, d_model):
    position = torch.arange(seq_len, dtype=torch.float64).unsqueeze(1)
    exponent = torch.arange(0, d_model, 2, dtype=torch.float64) / d_model
    angle = position / torch.pow(torch.tensor(10000.0, dtype=torch.float64), exponent)
    pe = torch.empty(seq_len, d_model, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle)
    return pe.to(torch.float32)
