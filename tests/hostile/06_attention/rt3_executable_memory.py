"""Hostile (class 3/7, machine code of the student's own; red team): causal_mask asks for an anonymous page that is writable and executable (mmap with PROT_EXEC), the first step to running hand-written machine code that makes raw system calls or rewrites the worker's guards. Workers get no executable memory but mapped library files: causal_mask scores zero and the other exercises keep full marks.

expect: causal_mask = 0 ~ not permitted|PermissionError
"""
import mmap

import torch


def causal_mask(L, device=None):
    page = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
    page.write(b"\xc3")  # ret
    return torch.ones(L, L, dtype=torch.bool, device=device).tril()
