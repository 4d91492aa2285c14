"""Hostile (class 7, files that outlive grading): at import every worker writes a file into /dev/shm and /var/tmp (world-writable places shared with the host today) and into /tmp; the functions themselves are correct. After the fix a worker can write nowhere that outlives it, so every exercise keeps full marks and neither file exists once grading is over. (A file left by a run against an unfixed grader must be removed by hand before rerunning: it belongs to a worker uid in a sticky directory.)

expect: full
absent: /dev/shm/rt_survivor_activations
absent: /var/tmp/rt_survivor_activations
"""
import os

for _folder in ("/dev/shm", "/var/tmp", "/tmp"):
    try:
        with open(os.path.join(_folder, "rt_survivor_activations"), "w") as _fh:
            _fh.write("written by a worker during grading\n")
    except OSError:
        pass
