"""Fixed phrases the sandbox's worker sends in English (it does not know the language), said in
the language of the message they go into, on the host's side."""

from __future__ import annotations

import re

from grader.i18n import DEFAULT_LANGUAGE, _, current

#: the worker's description of where an error was raised (`Worker.describe`): "line 12, in f: y = 1/x",
#: "cell 4, line 2, in f: ...", "line 3: def f(:" for a syntax error
_WHERE = re.compile(r"(?:cell (?P<cell>[^,]+), )?line (?P<line>\d+)(?:, in (?P<function>[^:]+))?: (?P<code>.*)", re.S)


def where_words(where: str) -> str:
    """The worker's `where` in the current language (the student's code in it as it is)."""
    found = _WHERE.fullmatch(where or "")
    if current() == DEFAULT_LANGUAGE or found is None:
        return where
    if found["function"] is not None:
        text = _("line {line}, in {function}: {code}").format(line=found["line"], function=found["function"],
                                                              code=found["code"])
    else:
        text = _("line {line}: {code}").format(line=found["line"], code=found["code"])
    return _("cell {cell}, {where}").format(cell=found["cell"], where=text) if found["cell"] is not None else text
