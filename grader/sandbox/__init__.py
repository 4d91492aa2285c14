"""Running untrusted student code: a zygote process forks one worker per exercise.

`host` is the grader's side; `zygote`, `worker`, `fixtures` run in the child; `wire` is the
data format both sides speak (JSON plus .npy bytes, never pickle).
"""
