"""Hostile: sigmoid reads address 0 through ctypes.string_at(0), killing its process with SIGSEGV; the crash must cost sigmoid only (zero, with a crash/signal message, or a ban of ctypes) and the other exercises keep full marks.

expect: sigmoid = 0 ~ crash|segmentation|signal|SIGSEGV|ctypes|not allowed|banned
"""
import ctypes


def sigmoid(x):
    ctypes.string_at(0)
    return x
