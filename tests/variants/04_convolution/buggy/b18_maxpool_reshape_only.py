"""Max pool by the reshape trick only: correct for stride == kernel_size, but the stride
argument is never used (overlapping pools come out wrong).

expect: max_pool2d_forward ~ stride|overlap|reshape
"""


def max_pool2d_forward(x, kernel_size, stride=None):
    N, C, H, W = x.shape
    k = kernel_size
    Ho, Wo = H // k, W // k
    x = x[:, :, : Ho * k, : Wo * k]
    return x.reshape(N, C, Ho, k, Wo, k).max(axis=(3, 5))
