"""Hostile (harmless): at import the module changes the worker's working directory to "/"; the worker must not rely on relative paths after loading student code, and the functions are correct, so every exercise keeps full marks.

expect: full
"""
import os

os.chdir("/")
