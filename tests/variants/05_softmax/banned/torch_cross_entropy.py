"""softmax_cross_entropy computes the loss with torch.nn.functional.cross_entropy and the
gradient with autograd (torch inside a numpy exercise).

expect: softmax_cross_entropy = 0 ~ torch|not allowed|banned|forbidden|numpy only
"""
import numpy as np
import torch
import torch.nn.functional as F


def softmax_cross_entropy(logits, labels):
    t = torch.tensor(logits, requires_grad=True)
    loss = F.cross_entropy(t, torch.as_tensor(labels, dtype=torch.long))
    loss.backward()
    return loss.item(), t.grad.numpy()
