"""A patch on the model solution for 05_softmax (appended to it), from the red team: softmax
with a "fast path" for big inputs that normalises over everything. Caught by the cases of some
process states and not others while hypothesis drew numbers from the loaded modules' source; a
course run's kept cases must be what a run of this file alone would draw."""

def softmax(logits, axis=-1):
    if logits.size > 250:  # "fast path" for big inputs, with a bug: normalises over everything
        e = np.exp(logits - np.max(logits))
        return e / np.sum(e)
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)
