"""Hostile (harmless to correct code): at import the module calls torch.set_grad_enabled(False), as inference notebooks often do; the functions themselves are correct and differentiable, and the grader must decide grad mode for each call itself rather than inherit the student's, so every exercise keeps full marks.

expect: full
"""
import torch

torch.set_grad_enabled(False)
