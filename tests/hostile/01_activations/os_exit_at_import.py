"""Hostile: the module calls os._exit(0) while it is imported, ending the worker at once with status 0 (no exception, no cleanup, no result); every exercise scores zero with a message naming the exit.

expect: * = 0 ~ exit
"""
import os

os._exit(0)
