"""One module per assignment, each defining `ASSIGNMENT`: the exercises, declared as data."""
