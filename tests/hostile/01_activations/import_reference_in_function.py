"""Hostile: sigmoid imports the grader's reference (`import reference.activations`) and returns its answer; importing the reference is banned by the static pass and the reference is hidden from the worker anyway, so sigmoid scores zero with a message about the forbidden import and the others keep full marks.

expect: sigmoid = 0 ~ not allowed|banned|forbidden|import|reference
"""


def sigmoid(x):
    import reference.activations

    return reference.activations.sigmoid(x)
