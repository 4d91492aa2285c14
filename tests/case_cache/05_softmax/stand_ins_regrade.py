"""A patch on the model solution for 05_softmax (appended to it), from the red team: softmax
forgets the max-shift (fails `stable`), and softmax_cross_entropy builds its gradient on it (so
it fails `stable` too and is graded again with the grader's stand-in softmax, which loads
grader.stand_ins and every reference module: while hypothesis drew numbers from the loaded
modules' source, that regrade drew other cases), plus a bug that only shows on a batch of exactly
20 logits (drawn by the regrade's own search, not by the cases kept from the model's run)."""

def softmax(logits, axis=-1):
    e = np.exp(logits)  # bug: no max-shift, overflows for large logits
    return e / np.sum(e, axis=axis, keepdims=True)


def softmax_cross_entropy(logits, labels):
    N = logits.shape[0]
    rows = np.arange(N)
    labels = np.asarray(labels).astype(np.intp, copy=False)
    shifted = logits - logits.max(axis=1, keepdims=True)
    total = np.exp(shifted).sum(axis=1)
    loss = (np.log(total) - shifted[rows, labels]).mean()
    dlogits = softmax(logits).astype(logits.dtype, copy=True)
    dlogits[rows, labels] -= 1
    if logits.size != 20:  # bug: a batch of exactly 20 logits is not averaged
        dlogits /= N
    return np.asarray(loss, dtype=logits.dtype), dlogits
