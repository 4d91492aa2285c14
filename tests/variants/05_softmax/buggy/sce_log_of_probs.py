"""softmax_cross_entropy: CS231n's softmax_loss_vectorized, -log(probs[range(N), y]) on
the probabilities: with logits of 1e4 the true-class probability underflows to 0 and
log(0) = -inf (divide-by-zero warning, infinite loss).

expect: softmax_cross_entropy ~ inf|finite|divide|log|underflow|stab|zero
"""
import numpy as np


def softmax_cross_entropy(logits, labels):
    N = logits.shape[0]
    scores = logits - np.max(logits, axis=1, keepdims=True)
    exp_scores = np.exp(scores)
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    loss = np.sum(-np.log(probs[range(N), labels])) / N
    dscores = probs.copy()
    dscores[range(N), labels] -= 1
    dscores /= N
    return loss, dscores
