"""Hostile: conv2d_output_size returns a tuple subclass that holds (0, 0) but whose __iter__,
__getitem__, __len__, __eq__ and __repr__ all claim the right size. The worker reads a tuple
subclass through tuple's own methods, so the grader sees (0, 0): conv2d_output_size loses its
value marks and the other exercises keep full marks.

expect: conv2d_output_size ~ wrong|differ|expected|mismatch|size
"""
_honest_conv2d_output_size = conv2d_output_size  # noqa: F821 - the model solution's, above


class LyingSize(tuple):
    def __new__(cls, claimed):
        self = super().__new__(cls, (0, 0))
        self.claimed = tuple(claimed)
        return self

    def __iter__(self):
        return iter(self.claimed)

    def __getitem__(self, index):
        return self.claimed[index]

    def __len__(self):
        return len(self.claimed)

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = tuple.__hash__

    def __repr__(self):
        return repr(self.claimed)


def conv2d_output_size(*args, **kwargs):
    return LyingSize(_honest_conv2d_output_size(*args, **kwargs))
