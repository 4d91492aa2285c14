"""Hostile: conv2d_output_size raises ValueError for every argument, valid or not, so it "rejects impossible arguments" perfectly without computing a single size. A function that always raises does not do the job at all: the job gate fails, raises_value_error is not run and earns nothing, and conv2d_output_size scores zero; the other exercises keep full marks.

expect: conv2d_output_size = 0 ~ does not do the job at all: raised ValueError
"""


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    raise ValueError("output size would be < 1")
