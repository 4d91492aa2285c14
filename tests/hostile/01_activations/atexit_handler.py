"""Hostile: at import the module registers an atexit handler that writes forged results.json / grade.json files (working directory, its parent, $PWD), prints a fake "PASSED" report and then sleeps 10 s; a worker's exit is not grading (ideally it is killed, never run down through atexit), the functions are correct, so every exercise keeps full marks and no such file appears.

expect: full
absent: results.json
absent: ../results.json
absent: grade.json
"""
import atexit
import json
import os
import time

_FAKE = json.dumps({"score": 10.0, "max_score": 10.0, "output": "PASSED"})


def _on_exit():
    dirs = [".", ".."] + [os.environ[k] for k in ("PWD", "OLDPWD") if os.environ.get(k)]
    for d in dirs:
        for name in ("results.json", "grade.json"):
            try:
                with open(os.path.join(d, name), "w") as fh:
                    fh.write(_FAKE)
            except OSError:
                pass
    for fd in (1, 2):
        try:
            os.write(fd, (_FAKE + "\nPASSED\n").encode())
        except OSError:
            pass
    time.sleep(10)


atexit.register(_on_exit)
