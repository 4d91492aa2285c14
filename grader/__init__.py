"""A grader for deep-learning course assignments.

Kept import-light on purpose: the sandbox's zygote imports `grader.sandbox` before it
isolates itself, and must not pull in torch, the reference or the checks.
"""
