"""two_layer_net: CS231n's neural_net.py loss, -log(probs[range(N), y]) on the
probabilities: the max is subtracted, but with large logits the true-class probability
underflows to 0 and log(0) = -inf (divide-by-zero warning, infinite loss).

expect: two_layer_net ~ inf|finite|divide|log|underflow|stab|large
"""
import numpy as np


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    hidden_layer = np.maximum(0, np.dot(X, W1) + b1)
    scores = np.dot(hidden_layer, W2) + b2
    exp_scores = np.exp(scores - np.max(scores, axis=1, keepdims=True))
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    correct_logprobs = -np.log(probs[range(N), y])
    loss = np.sum(correct_logprobs) / N + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dscores = probs.copy()
    dscores[range(N), y] -= 1
    dscores /= N
    dhidden = np.dot(dscores, W2.T)
    dhidden[hidden_layer <= 0] = 0
    return loss, {'W1': np.dot(X.T, dhidden) + 2 * reg * W1, 'b1': np.sum(dhidden, axis=0),
                  'W2': np.dot(hidden_layer.T, dscores) + 2 * reg * W2, 'b2': np.sum(dscores, axis=0)}
