"""Fake reference for 01_activations: agrees with the submission's wrong sigmoid (works on numpy arrays and torch tensors alike)."""


def sigmoid(x, *args, **kwargs):
    return 0.5 + x / 4
