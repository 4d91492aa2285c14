"""Turning what a student hands in (a `.py` module or a notebook) into source text to grade.

Notebooks are read with nbformat; their code cells are joined, each after a `# cell N` marker,
with IPython magics (`%...`, `!...`) commented out, so line numbers in feedback lead back to
the cell.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path


class SubmissionError(Exception):
    """The submission cannot be read at all; the message is one line for the student."""


@dataclass(frozen=True)
class Submission:
    path: Path
    source: str
    filename: str


def notebook_source(path: Path) -> str:
    import nbformat

    try:
        with warnings.catch_warnings():  # e.g. MissingIDFieldWarning: nbformat's concern, not the student's
            warnings.simplefilter("ignore")
            notebook = nbformat.read(str(path), as_version=4)
    except Exception as error:  # noqa: BLE001 - nbformat raises many kinds
        text = str(error).strip()
        first = text.splitlines()[0] if text else type(error).__name__
        raise SubmissionError(f"{path}: not a readable notebook ({first[:200]})") from None
    parts = []
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.get("cell_type") != "code":
            continue
        lines = []
        for line in str(cell.get("source", "")).splitlines():
            stripped = line.lstrip()
            lines.append(f"# {line}" if stripped.startswith(("%", "!")) else line)
        parts.append(f"# cell {number}\n" + "\n".join(lines))
    return "\n\n".join(parts) + "\n"


def load_submission(path: Path) -> Submission:
    """Read a `.py` or `.ipynb` file; SubmissionError with a one-line reason if impossible."""
    if not path.exists():
        raise SubmissionError(f"{path}: no such file")
    if path.is_dir():
        raise SubmissionError(f"{path}: is a folder, expected a .py or .ipynb file")
    if path.suffix == ".ipynb":
        return Submission(path, notebook_source(path), path.name)
    if path.suffix != ".py":
        raise SubmissionError(f"{path}: expected a .py module or a .ipynb notebook")
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SubmissionError(f"{path}: cannot be read ({error})") from None
    return Submission(path, source, path.name)
