"""Hostile: the module segfaults (ctypes.string_at(0)) while it is imported, so nothing can be graded: every exercise scores zero with a crash message, and the grader itself must survive.

expect: * = 0 ~ crash|segmentation|signal|SIGSEGV|ctypes|not allowed|banned
"""
import ctypes

ctypes.string_at(0)
