"""two_layer_net builds the network in torch and lets autograd compute the gradients
(torch inside a numpy exercise).

expect: two_layer_net = 0 ~ torch|autograd|not allowed|banned|forbidden|numpy only
"""
import numpy as np
import torch


def two_layer_net(X, y, params, reg=0.0):
    p = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    h = torch.relu(torch.from_numpy(X) @ p['W1'] + p['b1'])
    scores = h @ p['W2'] + p['b2']
    loss = torch.nn.functional.cross_entropy(scores, torch.from_numpy(np.asarray(y, dtype=np.int64)))
    loss = loss + reg * ((p['W1'] ** 2).sum() + (p['W2'] ** 2).sum())
    loss.backward()
    return loss.item(), {k: v.grad.numpy() for k, v in p.items()}
