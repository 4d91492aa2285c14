"""Assignment 06: attention (PyTorch).

Implement the building blocks of the Transformer: scaled dot-product attention, the causal
mask, single-head and multi-head self-attention, and the sinusoidal positional encoding.

Rules for every function in this file:

* This assignment uses PyTorch. Inputs are torch tensors, float32 or float64, on CPU or CUDA;
  results must stay on the inputs' device and dtype, and must be differentiable by autograd
  (no ``.detach()``, ``.numpy()`` or in-place tricks that break the graph).
* Banned: ``torch.nn.functional.scaled_dot_product_attention``,
  ``torch.nn.MultiheadAttention``, ``torch.nn.functional.multi_head_attention_forward`` and
  the ``torch.nn.Transformer*`` modules. ``torch.softmax`` and matrix products are allowed.
* ``...`` in a shape means any number of leading batch dimensions, including none.
* Timing-limited functions are timed against PyTorch: use batched matrix products over all
  batch entries at once (a Python loop over batch entries or positions is far too slow).
* One mistake costs one exercise: a function that calls another function of this file is
  judged as if the one it calls were right, so reuse your own functions freely.

Check your work from the course root with ``.venv/bin/grade assignments/06_attention``
(or run ``grade`` in this folder with the course's virtual environment activated).
"""

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    """Scaled dot-product attention.

    Args:
        q: queries, shape (..., Lq, d).
        k: keys, shape (..., Lk, d).
        v: values, shape (..., Lk, dv).
        mask: None, or a bool tensor broadcastable to (..., Lq, Lk); True means "this query
            may attend to this key", False means it may not. Every query keeps at least one
            key it may attend to.

    Returns:
        ``(out, weights)``:
        * ``weights``, shape (..., Lq, Lk): softmax over the last axis of q k^T / sqrt(d),
          with masked-out positions getting weight 0;
        * ``out``, shape (..., Lq, dv): the weighted sum of the values.

    Timing-limited.
    """
    raise NotImplementedError


def causal_mask(L, device=None):
    """Causal (look-ahead) mask.

    Args:
        L: sequence length.
        device: the torch device to create the mask on (None: the default device).

    Returns:
        Bool tensor of shape (L, L), True on and below the diagonal: position i may attend to
        positions 0..i only.
    """
    raise NotImplementedError


def self_attention(x, w_q, w_k, w_v, causal=False):
    """Single-head self-attention.

    Args:
        x: inputs, shape (B, L, D).
        w_q, w_k, w_v: projection matrices, each shape (D, d).
        causal: if True, each position attends only to itself and earlier positions.

    Returns:
        Tensor of shape (B, L, d): scaled dot-product attention (scale 1/sqrt(d)) of the
        queries ``x @ w_q``, keys ``x @ w_k`` and values ``x @ w_v``.
    """
    raise NotImplementedError


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    """Multi-head self-attention, without biases.

    Args:
        x: inputs, shape (B, L, D).
        w_q, w_k, w_v, w_o: matrices, each shape (D, D).
        num_heads: number of heads h; D is divisible by h.
        causal: if True, each position attends only to itself and earlier positions.

    Returns:
        Tensor of shape (B, L, D).

    The last dimension of ``x @ w_q`` (and likewise of ``x @ w_k`` and ``x @ w_v``) is split
    into ``num_heads`` contiguous chunks of size D / h: head j uses columns
    ``j*D/h : (j+1)*D/h``. Each head is scaled dot-product attention with scale
    1/sqrt(D / h). The heads' outputs are concatenated in order along the last dimension
    (back to size D), then multiplied by ``w_o``.

    Timing-limited.
    """
    raise NotImplementedError


def positional_encoding(seq_len, d_model):
    """Sinusoidal positional encoding of "Attention Is All You Need".

    Args:
        seq_len: number of positions.
        d_model: encoding size, an even number.

    Returns:
        float32 tensor of shape (seq_len, d_model) with, for pos in [0, seq_len) and
        i in [0, d_model / 2)::

            PE[pos, 2i]     = sin(pos / 10000 ** (2i / d_model))
            PE[pos, 2i + 1] = cos(pos / 10000 ** (2i / d_model))
    """
    raise NotImplementedError
