"""Turning what a student hands in (a `.py` module or a notebook) into source text to grade.

Notebooks are read with nbformat; their code cells are kept one by one (the worker runs them in
order, as Jupyter does, so a failing cell costs only what depends on it) and joined for the
static checks, each after a `# cell N` marker. IPython syntax becomes plain Python that runs no
shell command (`cell_python`).

Only regular files are read, never through a symbolic link (a `softmax.py` linked to the model
solution must not be graded as the student's), without blocking (a named pipe handed in as a
submission must not stall a class), and only up to a size a real submission never reaches
(parsing a huge file in the grader's process costs gigabytes).
"""

from __future__ import annotations

import ast
import errno
import os
import re
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from grader.i18n import _

if TYPE_CHECKING:
    from grader.helper_modules import Helpers

#: the most source code (a .py file, or a notebook's code cells) graded
MAX_SOURCE_BYTES = 1_000_000
#: the largest notebook file read (outputs such as plots make notebooks much bigger than their code)
MAX_NOTEBOOK_BYTES = 20_000_000


class SubmissionError(Exception):
    """The submission cannot be read at all; the message is one line for the student."""


@dataclass(frozen=True)
class Submission:
    """What is graded: the code (`source`, a notebook's code cells joined, each after a
    `# cell N` marker, for the static checks) and, for a notebook, its code cells one by one
    (`cells`: (cell number, Python code)), run in order as Jupyter would."""

    path: Path
    source: str
    filename: str
    cells: tuple[tuple[int, str], ...] = ()
    #: where the student's own helper modules lie (the file's folder), or None: none to import
    helper_folder: Path | None = None
    #: the helper modules already read from `helper_folder` (`with_helpers`): grading then reads
    #: nothing from disk, so the submission can be graded on another machine (a Dask worker)
    helpers: "Helpers | None" = None
    #: what the student should know about how the file was read (an encoding other than UTF-8)
    notices: tuple[str, ...] = ()


def with_helpers(submission: Submission, own_module: str) -> Submission:
    """`submission` with the helper modules it imports read now (none without a helper folder):
    everything grading needs, in memory, and the same helpers as grading it from disk."""
    from dataclasses import replace

    from grader.helper_modules import Helpers, helper_modules

    helpers = helper_modules(submission.helper_folder, submission.source, own_module) \
        if submission.helper_folder is not None else Helpers()
    return replace(submission, helpers=helpers)


#: cell magics whose body runs as the student's Python in the kernel's namespace (Jupyter times
#: or captures it); any other cell magic (`%%bash`, `%%writefile`, `%%timeit`, whose definitions
#: do not persist) is commented out whole
PYTHON_CELL_MAGICS = ("%%time", "%%capture", "%%prun")
#: `x = !cmd` and `x = %magic ...`: an assignment from the shell or a magic
_ASSIGNED_MAGIC = re.compile(r"^(\s*)([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)\s*=\s*([!%])")


def cell_python(code: str) -> str:
    """A code cell as plain Python that runs nothing but the student's Python, line for line
    (line numbers stay those of the cell):

    - a `%%time`-like cell: its body as it is (the magic line blanked); any other cell magic
      commented out whole;
    - `%time stmt` at the top level: `stmt`, which Jupyter runs (and later cells may use);
    - any other line magic, `!cmd` or help line (`x?`): `pass`; `x = !cmd` gives `x = []`,
      `x = %magic` gives `x = None`.

    Hand-written rather than IPython's transformer on purpose: that one takes minutes on a cell
    of a few thousand magic lines (in the grader's own process), and its output calls
    `get_ipython()`, a name the student's code can rebind to run the magics' text as code.
    """
    lines = code.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].lstrip().startswith("%%"):
        if lines[first].split()[0] not in PYTHON_CELL_MAGICS:
            return "\n".join(f"# {line}" for line in lines) + "\n"
        lines[first] = ""
    out = []
    for line in lines:
        stripped = line.lstrip()
        indent = line[:len(line) - len(stripped)]
        assigned = _ASSIGNED_MAGIC.match(line)
        if line.startswith("%time ") or line.startswith("%time\t"):
            out.append(line[len("%time"):].lstrip())
        elif assigned:
            out.append(f"{assigned.group(1)}{assigned.group(2)} = {'[]' if assigned.group(3) == '!' else 'None'}")
        elif stripped.startswith(("%", "!", "?")) or (stripped.endswith("?") and not stripped.startswith("#")
                                                      and stripped.rstrip("?").replace(".", "").isidentifier()):
            out.append(f"{indent}pass")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def without_checks(code: str) -> str:
    """A cell's code without the notebook's own calls to the grader: top-level `from grader
    import check` (or `import grader`) and `check(...)` statements, replaced by `None` or
    blank lines (line and column numbers stay). They grade the notebook from inside Jupyter;
    graded in the sandbox, where the grader is absent, they would only fail. A statement that
    shares a line with another is left as it is: blanking it could turn code Jupyter reads as
    a string into code."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return code
    lines = code.splitlines()
    shared = _lines_shared(tree.body)
    for statement in tree.body:
        span = range(statement.lineno - 1, statement.end_lineno or statement.lineno)
        if not _is_grader_call(statement) or any(index in shared for index in span):
            continue
        for index in span:
            lines[index] = lines[index][:statement.col_offset] + "None" if index == span.start else ""
    return "\n".join(lines) + "\n"


def _lines_shared(statements: list[ast.stmt]) -> set[int]:
    """Line indexes (0-based) that hold more than one top-level statement."""
    seen: dict[int, int] = {}
    for statement in statements:
        for index in range(statement.lineno - 1, statement.end_lineno or statement.lineno):
            seen[index] = seen.get(index, 0) + 1
    return {index for index, count in seen.items() if count > 1}


def _is_grader_call(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.ImportFrom):
        return (statement.module or "").split(".")[0] == "grader" and statement.level == 0
    if isinstance(statement, ast.Import):
        return all(alias.name.split(".")[0] == "grader" for alias in statement.names)
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        function = statement.value.func
        return (isinstance(function, ast.Name) and function.id == "check") or \
            (isinstance(function, ast.Attribute) and function.attr == "check"
             and isinstance(function.value, ast.Name) and function.value.id == "grader")
    return False


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.3g} MB"


def _is_within(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:
        return False


def read_regular_file(path: Path, limit: int, within: Path | None = None) -> bytes:
    """The bytes of `path`, which must be a regular file (not a link, pipe, device or folder)
    of at most `limit` bytes and, when `within` is given, really lie inside that folder."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if os.path.islink(path) or error.errno == errno.ELOOP:
            raise SubmissionError(_('{path}: is a symbolic link; hand in the file itself').format(path=path)) from None
        if error.errno == errno.ENOENT:
            raise SubmissionError(_('{path}: no such file').format(path=path)) from None
        raise SubmissionError(_('{path}: cannot be read ({strerror})').format(path=path, strerror=error.strerror)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise SubmissionError(_('{path}: is a folder, expected a .py or .ipynb file').format(path=path))
        if not stat.S_ISREG(info.st_mode):
            raise SubmissionError(_('{path}: is not a regular file (a pipe, socket or device); hand in the file itself').format(path=path))
        if info.st_size > limit:
            raise SubmissionError(_('{path}: is {size}, more than the {megabytes} a submission may be').format(path=path, size=_megabytes(info.st_size), megabytes=_megabytes(limit)))
        if within is not None:
            try:
                real = os.readlink(f"/proc/self/fd/{fd}")  # the file actually opened
            except OSError:
                real = os.path.realpath(path)
            folder = os.path.realpath(within)
            if not _is_within(real, folder):
                raise SubmissionError(_('{path}: lies outside {within} (through a symbolic link); hand in the file itself').format(path=path, within=within))
        chunks, size = [], 0
        while size <= limit:
            try:
                chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            except OSError as error:
                raise SubmissionError(_('{path}: cannot be read ({strerror})').format(path=path, strerror=error.strerror)) from None
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise SubmissionError(_('{path}: is more than the {megabytes} a submission may be').format(path=path, megabytes=_megabytes(limit)))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _decode(path: Path, data: bytes) -> str:
    return decode_text(path, data)[0]


def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """A file's text, and a notice ("" if none) when it was not UTF-8: a byte-order mark is
    dropped, UTF-16 with its mark is read (Notepad's "Unicode"), and a file that is not UTF-8 is
    read as GB18030 (a superset of GBK, what many Chinese Windows editors save in) when it is
    that. SubmissionError, with the first undecodable byte's line, when it is neither."""
    if data.startswith(b"\xef\xbb\xbf"):  # a byte-order mark, as some editors on Windows write
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), _("{file} is saved as UTF-16; it was read as such. Save it as UTF-8.") \
                .format(file=path.name)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError as error:
        try:
            return data.decode("gb18030"), _(
                "{file} is not UTF-8; it was read as GBK (GB18030), the encoding many Chinese Windows "
                "editors save in. Save it as UTF-8 so that every character is read as you wrote it."
            ).format(file=path.name)
        except UnicodeDecodeError:
            pass
        line = data[:error.start].count(b"\n") + 1
        raise SubmissionError(_("{path}: is not UTF-8 text (byte 0x{byte:02x} on line {line}); save it as UTF-8")
                              .format(path=path, byte=data[error.start], line=line)) from None


def notebook_source(path: Path, within: Path | None = None) -> tuple[str, tuple[tuple[int, str], ...]]:
    """A notebook's code: joined (see `Submission.source`) and cell by cell."""
    import nbformat

    text = _decode(path, read_regular_file(path, MAX_NOTEBOOK_BYTES, within))
    try:
        with warnings.catch_warnings():  # e.g. MissingIDFieldWarning: nbformat's concern, not the student's
            warnings.simplefilter("ignore")
            notebook = nbformat.reads(text, as_version=4)
    except Exception as error:  # noqa: BLE001 - nbformat raises many kinds (RecursionError too)
        text = str(error).strip()
        first = text.splitlines()[0] if text else type(error).__name__
        raise SubmissionError(_('{path}: not a readable notebook ({value})').format(path=path, value=first[:200])) from None
    cells = []
    try:
        for number, cell in enumerate(notebook.cells, start=1):
            if cell.get("cell_type") == "code":
                cells.append((number, without_checks(cell_python(str(cell.get("source", ""))))))
    except Exception as error:  # noqa: BLE001 - a notebook that validates loosely but is not one
        raise SubmissionError(_('{path}: not a readable notebook ({kind})').format(path=path, kind=type(error).__name__)) from None
    source = "\n\n".join(f"# cell {number}\n{code}" for number, code in cells) + "\n"
    if len(source.encode("utf-8", "surrogatepass")) > MAX_SOURCE_BYTES:
        raise SubmissionError(_('{path}: its code cells hold more than the {megabytes} of code a submission may be').format(path=path, megabytes=_megabytes(MAX_SOURCE_BYTES)))
    return source, tuple(cells)


def load_submission(path: Path, within: Path | None = None, helpers: bool = True) -> Submission:
    """Read a `.py` or `.ipynb` file; SubmissionError with a one-line reason if impossible.

    The file itself must be a regular file (a symbolic link is refused, not followed) and, when
    `within` is given (a student's folder), really lie inside that folder. `helpers`: modules
    beside the file are the student's own and may be imported (not so for a file handed in
    straight into a class folder, beside other students' files).
    """
    folder = path.parent if helpers else None
    if not os.path.lexists(path):
        raise SubmissionError(_('{path}: no such file').format(path=path))
    if path.suffix not in (".py", ".ipynb"):
        raise SubmissionError(_('{path}: expected a .py module or a .ipynb notebook').format(path=path))
    if path.suffix == ".ipynb":
        source, cells = notebook_source(path, within)
        return Submission(path, source, path.name, cells, folder)
    source, notice = decode_text(path, read_regular_file(path, MAX_SOURCE_BYTES, within))
    return Submission(path, source, path.name, helper_folder=folder, notices=(notice,) if notice else ())
