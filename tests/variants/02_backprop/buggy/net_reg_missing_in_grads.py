"""two_layer_net: the regularization is in the loss but missing from dW1 and dW2.

expect: two_layer_net ~ reg|regulari|penalty|weight decay
"""
import numpy as np


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    N = X.shape[0]
    hidden = np.maximum(0, X.dot(W1) + b1)
    scores = hidden.dot(W2) + b2
    scores = scores - np.max(scores, axis=1, keepdims=True)
    log_probs = scores - np.log(np.sum(np.exp(scores), axis=1, keepdims=True))
    loss = -np.sum(log_probs[range(N), y]) / N + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dscores = np.exp(log_probs)
    dscores[range(N), y] -= 1
    dscores /= N
    grads = {'W2': hidden.T.dot(dscores), 'b2': np.sum(dscores, axis=0)}
    dhidden = dscores.dot(W2.T)
    dhidden[hidden <= 0] = 0
    grads['W1'] = X.T.dot(dhidden)
    grads['b1'] = np.sum(dhidden, axis=0)
    return loss, grads
