"""Hostile: the module raises KeyboardInterrupt while it is imported; the grader must not mistake it for the user pressing Ctrl-C and stop: every exercise scores zero with a message naming the interrupt, and the report is still produced.

expect: * = 0 ~ interrupt
"""
raise KeyboardInterrupt
