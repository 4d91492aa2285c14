"""Andrew Ng's deeplearning.ai layout inside the functions: examples as COLUMNS (A = X.T,
Z1 = W1.T @ A0 + b1[:, None]), m = number of examples, dZ2 = (A2 - Y) / m, dW = dZ @ A_prev.T,
db = np.sum(dZ, axis=1, keepdims=True); everything transposed back (and db flattened with
.ravel()) to the contract's shapes at the end.

expect: full
"""
import numpy as np


def affine_forward(x, w, b):
    A_prev = x.T                      # (D, N)
    Z = w.T @ A_prev + b[:, None]     # (M, N)
    return Z.T, (A_prev, w)


def affine_backward(dout, cache):
    A_prev, w = cache
    dZ = dout.T                       # (M, N)
    dW = (dZ @ A_prev.T).T            # (D, M)
    db = np.sum(dZ, axis=1, keepdims=True).ravel()
    dA_prev = (w @ dZ).T              # (N, D)
    return dA_prev, dW, db


def relu_forward(x):
    A = np.maximum(0, x)
    return A, x


def relu_backward(dout, cache):
    Z = cache
    dZ = np.array(dout, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def two_layer_net(X, y, params, reg=0.0):
    W1, b1, W2, b2 = params['W1'], params['b1'], params['W2'], params['b2']
    m = X.shape[0]
    C = W2.shape[1]
    A0 = X.T
    Z1 = W1.T @ A0 + b1.reshape(-1, 1)
    A1 = np.maximum(0, Z1)
    Z2 = W2.T @ A1 + b2.reshape(-1, 1)          # (C, m)
    Z2 = Z2 - np.max(Z2, axis=0, keepdims=True)
    logA2 = Z2 - np.log(np.sum(np.exp(Z2), axis=0, keepdims=True))
    A2 = np.exp(logA2)
    Y = np.zeros((C, m), dtype=A2.dtype)
    Y[y, np.arange(m)] = 1
    cost = -np.sum(Y * logA2) / m
    cost = cost + reg * (np.sum(np.square(W1)) + np.sum(np.square(W2)))

    dZ2 = (A2 - Y) / m
    dW2 = (dZ2 @ A1.T).T + 2 * reg * W2
    db2 = np.sum(dZ2, axis=1, keepdims=True)
    dA1 = W2 @ dZ2
    dZ1 = dA1 * (Z1 > 0)
    dW1 = (dZ1 @ A0.T).T + 2 * reg * W1
    db1 = np.sum(dZ1, axis=1, keepdims=True)
    grads = {'W1': dW1, 'b1': db1.ravel(), 'W2': dW2, 'b2': db2.ravel()}
    return cost, grads
