"""Hostile: the module spins forever while it is being imported, so no function can ever be called: every exercise must score zero with a time-limit message, and grading must still finish.

expect: * = 0 ~ time limit|timed out|timeout
"""
while True:
    pass
