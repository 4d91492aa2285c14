"""CS231n's neural-net case study, stabilized: exp_scores of the shifted scores, probs by
row sums, the loss from log-probabilities (never log of probs), dscores = probs with
probs[np.arange(N), y] -= 1, then / N.

expect: full
"""
import numpy as np


def softmax_cross_entropy(logits, labels):
    num_examples = logits.shape[0]
    scores = logits - np.max(logits, axis=1, keepdims=True)
    exp_scores = np.exp(scores)
    sum_exp = np.sum(exp_scores, axis=1, keepdims=True)
    probs = exp_scores / sum_exp
    correct_logprobs = np.log(sum_exp[:, 0]) - scores[np.arange(num_examples), labels]
    loss = np.sum(correct_logprobs) / num_examples
    dscores = probs
    dscores[np.arange(num_examples), labels] -= 1
    dscores /= num_examples
    return loss, dscores
