"""Adam delegated to torch.optim.Adam (torch is not allowed in the numpy assignments): the
optimizer object is rebuilt from the state dict on each call. Only adam uses torch.

expect: adam = 0 ~ torch|not allowed|banned|forbidden
"""

import numpy as np
import torch


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    p = torch.nn.Parameter(torch.from_numpy(np.array(w, copy=True)))
    opt = torch.optim.Adam([p], lr=lr, betas=(beta1, beta2), eps=eps)
    if "torch_state" in state:
        opt.load_state_dict(state["torch_state"])
    p.grad = torch.from_numpy(np.array(dw, copy=True))
    opt.step()
    state["torch_state"] = opt.state_dict()
    return p.detach().numpy(), state
