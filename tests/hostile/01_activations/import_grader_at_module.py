"""Hostile: the module imports the grader at module level (`from grader import sandbox`, `import grader`) and, if that works, overwrites every function attribute of the grader modules it can reach with one answering True; a module that needs the grader cannot be loaded, so every exercise scores zero with a message about the forbidden import.

expect: * = 0 ~ not allowed|banned|forbidden|import|grader
"""
import sys

from grader import sandbox  # noqa: F401
import grader  # noqa: F401


def _yes(*args, **kwargs):
    return True


for _name, _module in list(sys.modules.items()):
    if _name == "grader" or _name.startswith("grader."):
        for _attr, _value in list(vars(_module).items()):
            if callable(_value) and not _attr.startswith("__"):
                try:
                    setattr(_module, _attr, _yes)
                except (AttributeError, TypeError):
                    pass
