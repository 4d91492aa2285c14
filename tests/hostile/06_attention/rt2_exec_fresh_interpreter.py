"""Hostile (class 3, a fresh interpreter has no guards; red team): scaled_dot_product_attention writes its inputs to a file, starts a new Python (subprocess reached by computed names) that imports torch unguarded and runs the fused F.scaled_dot_product_attention, and reads the answer back. Workers cannot start programs at all (seccomp refuses execve): scaled_dot_product_attention scores zero and the other exercises keep full marks.

expect: scaled_dot_product_attention = 0 ~ not permitted|PermissionError|not allowed
"""
import os
import sys as _sys

import numpy as np
import torch

_CHILD = """
import sys, numpy as np, torch
d = np.load(sys.argv[1])
q, k, v = (torch.from_numpy(d[n]) for n in "qkv")
out = torch.nn.functional.scaled_dot_product_attention(q, k, v)
w = torch.softmax(q @ k.transpose(-2, -1) / q.shape[-1] ** 0.5, dim=-1)
np.savez(sys.argv[2], out=out.numpy(), w=w.numpy())
"""


def scaled_dot_product_attention(q, k, v, mask=None):
    load = vars(np)["__built" + "ins__"]["__imp" + "ort__"]
    run = getattr(load("sub" + "process"), "run")
    here = os.getcwd()
    np.savez(os.path.join(here, "in.npz"), q=q.detach().numpy(), k=k.detach().numpy(), v=v.detach().numpy())
    run([_sys.executable, "-c", _CHILD, os.path.join(here, "in.npz"), os.path.join(here, "out.npz")], check=True)
    got = np.load(os.path.join(here, "out.npz"))
    return torch.from_numpy(got["out"]), torch.from_numpy(got["w"])
