"""two_layer_net: exp(scores) without subtracting the row max: overflows (inf/inf = nan)
as soon as a logit exceeds ~88.7 (float32) / ~709.8 (float64).

expect: two_layer_net ~ overflow|stab|max|large|finite|nan|inf
"""
import numpy as np


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    hidden = np.maximum(0, X.dot(W1) + b1)
    scores = hidden.dot(W2) + b2
    exp_scores = np.exp(scores)
    sum_exp = np.sum(exp_scores, axis=1, keepdims=True)
    probs = exp_scores / sum_exp
    loss = np.mean(np.log(sum_exp[:, 0]) - scores[range(N), y])
    loss += reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dscores = probs.copy()
    dscores[range(N), y] -= 1
    dscores /= N
    dhidden = dscores.dot(W2.T)
    dhidden[hidden <= 0] = 0
    return loss, {'W1': X.T.dot(dhidden) + 2 * reg * W1, 'b1': dhidden.sum(axis=0),
                  'W2': hidden.T.dot(dscores) + 2 * reg * W2, 'b2': dscores.sum(axis=0)}
