"""Hostile (class 9, harmless: state reset to the import's, not to the grader's defaults nor left as a call left it): at import the module sets torch.set_default_dtype(torch.float64); self_attention builds its scale from the default dtype, torch.rsqrt(torch.tensor(float(d))), exact under that state, and then, sloppily, sets the default dtype back to float32 before returning, so a worker that never resets would run every later call with a float32 scale, and a worker that resets to the grader's defaults (float32, today) runs every call so. After the fix each call starts from the state the import left (float64 here), so every exercise keeps full marks; today self_attention is judged a float32 leak on its float64 example with d = 5.

expect: full
"""
import torch

torch.set_default_dtype(torch.float64)


def self_attention(x, w_q, w_k, w_v, causal=False):
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    scale = torch.rsqrt(torch.tensor(float(q.shape[-1]))).to(x.device)
    scores = (q @ k.transpose(-2, -1)) * scale
    if causal:
        L = x.shape[-2]
        keep = torch.ones(L, L, dtype=torch.bool, device=x.device).tril()
        scores = scores.masked_fill(~keep, float("-inf"))
    out = torch.softmax(scores, dim=-1) @ v
    torch.set_default_dtype(torch.float32)  # the sloppy part: the state drifts after each call
    return out
