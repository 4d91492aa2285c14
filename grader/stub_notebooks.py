"""The assignment notebooks, made from the stub modules: one source of truth, two forms.

    grade-teacher notebooks            # write assignments/<id>/<module>.ipynb from the .py stubs
    grade-teacher notebooks --check    # exit 1 when a committed notebook differs from its stub
    grade-teacher notebooks --lang zh --out DIR   # a release in Chinese: DIR/assignments/<id>/*

A release in another language (`--lang zh`) has the same code: each docstring of the stub is
translated paragraph by paragraph (the `course` catalog, extracted from the stubs by
`grader.catalogs`; code and formula paragraphs stay as written), the rest of the stub byte for
byte, and the notebook is made from that stub, its fixed text in the same language.

A notebook carries exactly its stub module: the module docstring as the opening Markdown cell,
a code cell with the module's imports and `from grader import check`, then per function a
Markdown cell with its contract (heading, points, the formula where the docstring states one,
the docstring itself in Markdown), a code cell with the stub's own source (signature, docstring,
`raise NotImplementedError`) and a check cell `check("name")`. Cell ids are fixed
(`<name>-contract`, `<name>-code`, `<name>-check`), so the same stub always gives the same bytes.

The nbgrader source notebook (`grader.teacher`) is the same notebook with nbgrader metadata and
the model solution between `### BEGIN SOLUTION` / `### END SOLUTION` in each function cell.

This module is the generator; `grader.notebook` is `check(...)`, which runs inside a notebook.
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from grader.course import ASSIGNMENTS
from grader.i18n import N_, _, ngettext

#: the repository this package was installed from (editable installs: the course itself)
PACKAGE_ROOT = Path(__file__).resolve().parent.parent

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

#: what a notebook adds to the module docstring: how to work in it
NOTEBOOK_NOTE = N_(
    "**In this notebook.** Write each function in the cell that holds its stub, run the cell, then "
    "run the `check(...)` cell below it: it grades the code you have run so far (the same checks "
    "as `grade`, in the sandbox) and shows what passed and what failed. `grade {module}.ipynb` "
    "grades the whole notebook; your own cells are welcome, and a cell that raises costs only "
    "what depends on it.")

#: The formulas the docstrings state, typeset. Only what a docstring says in words or code is
#: here (nothing a function's contract leaves for the student to derive), keyed by function name.
FORMULAS: dict[str, str] = {
    # 01_activations
    "sigmoid": r"$$\sigma(x) = \frac{1}{1 + e^{-x}}$$",
    "sigmoid_backward": r"$$\frac{\partial L}{\partial x} = \mathrm{dout} \cdot s\,(1 - s), \qquad s = \sigma(x)$$",
    "relu": r"$$\mathrm{relu}(x) = \max(x, 0)$$",
    "leaky_relu": r"$$f(x) = \begin{cases} x & x > 0 \\ \alpha x & \text{otherwise} \end{cases}$$",
    "tanh": r"$$\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}$$",
    "numerical_gradient": r"$$\frac{\partial f}{\partial x_i} \approx \frac{f(x + h\,e_i) - f(x - h\,e_i)}{2h}$$",
    # 02_backprop
    "affine_forward": r"$$\mathrm{out} = x\,w + b$$",
    "two_layer_net": (r"$$L = \frac{1}{N} \sum_{n=1}^{N} -\log \mathrm{softmax}(s_n)_{y_n}"
                      r" + \mathrm{reg}\,\Bigl(\sum W_1^2 + \sum W_2^2\Bigr),"
                      r" \qquad s = \mathrm{relu}(X W_1 + b_1)\,W_2 + b_2$$"),
    # 03_optimizers
    "sgd": r"$$w \leftarrow w - \mathrm{lr}\cdot dw$$",
    "momentum": r"$$v \leftarrow \mu\,v - \mathrm{lr}\cdot dw, \qquad w \leftarrow w + v$$",
    "adagrad": r"$$h \leftarrow h + dw^2, \qquad w \leftarrow w - \mathrm{lr}\,\frac{dw}{\sqrt{h} + \varepsilon}$$",
    "rmsprop": (r"$$h \leftarrow \alpha\,h + (1 - \alpha)\,dw^2, \qquad"
                r" w \leftarrow w - \mathrm{lr}\,\frac{dw}{\sqrt{h} + \varepsilon}$$"),
    "adam": (r"$$\begin{aligned} t &\leftarrow t + 1 \\ m &\leftarrow \beta_1 m + (1 - \beta_1)\,dw \\"
             r" v &\leftarrow \beta_2 v + (1 - \beta_2)\,dw^2 \\ \hat m &= \frac{m}{1 - \beta_1^t}, \quad"
             r" \hat v = \frac{v}{1 - \beta_2^t} \\ w &\leftarrow w - \mathrm{lr}\,"
             r"\frac{\hat m}{\sqrt{\hat v} + \varepsilon} \end{aligned}$$"),
    # 04_convolution
    "conv2d_forward": (r"$$\mathrm{out}[n, f, i, j] = b[f] + \sum_{c, p, q}"
                       r" x_{\mathrm{pad}}[n, c, i s + p, j s + q]\; w[f, c, p, q],"
                       r" \qquad s = \mathrm{stride}$$"),
    "max_pool2d_forward": (r"$$\mathrm{out}[n, c, i, j] = \max_{0 \le p, q < k} x[n, c, i s + p, j s + q],"
                           r" \qquad k = \mathrm{kernel\_size},\ s = \mathrm{stride}$$"),
    # 05_softmax
    "softmax": r"$$\mathrm{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$$",
    "log_softmax": r"$$\mathrm{log\_softmax}(z)_i = \log \frac{e^{z_i}}{\sum_j e^{z_j}}$$",
    "softmax_cross_entropy": (r"$$L = \frac{1}{N} \sum_{i=1}^{N} -\log \mathrm{softmax}(z_i)_{y_i}, \qquad"
                              r" \frac{\partial L}{\partial z} = \frac{\mathrm{softmax}(z) -"
                              r" \mathrm{onehot}(y)}{N}$$"),
    # 06_attention
    "scaled_dot_product_attention": (r"$$\mathrm{weights} = \mathrm{softmax}\Bigl(\frac{q\,k^\top}{\sqrt{d}}\Bigr),"
                                     r" \qquad \mathrm{out} = \mathrm{weights}\; v$$"),
    "causal_mask": r"$$M_{ij} = \begin{cases} \text{True} & j \le i \\ \text{False} & j > i \end{cases}$$",
    "multi_head_attention": (r"$$\mathrm{head}_j = \mathrm{attention}\bigl(x W_q^{(j)}, x W_k^{(j)}, x W_v^{(j)}\bigr),"
                             r" \qquad \mathrm{out} = [\mathrm{head}_1, \dots, \mathrm{head}_h]\, W_o$$"),
    "positional_encoding": (r"$$PE_{pos, 2i} = \sin\Bigl(\frac{pos}{10000^{2i / d_{model}}}\Bigr), \qquad"
                            r" PE_{pos, 2i+1} = \cos\Bigl(\frac{pos}{10000^{2i / d_{model}}}\Bigr)$$"),
}


class StubError(ValueError):
    """A stub module the generator cannot turn into a notebook faithfully (one line: why)."""


@dataclass(frozen=True)
class StubFunction:
    name: str
    #: `name(arguments)` as written in the stub
    signature: str
    docstring: str
    #: the function's source, exactly as in the stub (signature, docstring, body)
    source: str
    #: `source` up to and including the docstring; the body follows at `indent`
    head: str
    indent: str


@dataclass(frozen=True)
class StubModule:
    assignment_id: str
    module: str
    docstring: str
    #: the module's import statements, exactly as written
    imports: str
    functions: tuple[StubFunction, ...]


def course_root(start: Path | None = None) -> Path:
    """The course folder holding `assignments/`: `start` (or the current folder) or one above
    it, else the folder this package was installed from."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "assignments").is_dir():
            return folder
    if (PACKAGE_ROOT / "assignments").is_dir():
        return PACKAGE_ROOT
    raise StubError(_("{folder}: no assignments/ folder here or above; pass the course folder").format(folder=here))


def stub_path(root: Path, assignment_id: str) -> Path:
    return root / "assignments" / assignment_id / f"{ASSIGNMENTS[assignment_id][0]}.py"


def notebook_path(root: Path, assignment_id: str) -> Path:
    return root / "assignments" / assignment_id / f"{ASSIGNMENTS[assignment_id][0]}.ipynb"


def _segment(lines: list[str], node: ast.AST) -> str:
    return "\n".join(lines[node.lineno - 1:node.end_lineno])


def read_stub(path: Path, assignment_id: str, text: str | None = None) -> StubModule:
    """The parts of a stub module (`text`: its source, when not the file's). Raises StubError for
    anything a notebook would not carry faithfully (top-level code other than the docstring,
    imports and functions; a function without a docstring, or whose body is more than
    `raise NotImplementedError`)."""
    text = path.read_text(encoding="utf-8") if text is None else text
    tree = ast.parse(text, filename=str(path))
    lines = text.splitlines()
    docstring = ast.get_docstring(tree, clean=True)
    if not docstring:
        raise StubError(_("{path}: the module has no docstring").format(path=path))
    imports, functions = [], []
    for node in tree.body[1:]:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.append(_segment(lines, node))
        elif isinstance(node, ast.FunctionDef) and not node.decorator_list:
            functions.append(_stub_function(path, lines, node))
        else:
            raise StubError(_("{path}:{line}: a stub holds only its docstring, imports and functions "
                              "(found {kind}); the notebook generator would drop it").format(
                                  path=path, line=node.lineno, kind=type(node).__name__))
    return StubModule(assignment_id, path.stem, docstring, "\n".join(imports), tuple(functions))


def _stub_function(path: Path, lines: list[str], node: ast.FunctionDef) -> StubFunction:
    doc = ast.get_docstring(node, clean=True)
    if not doc:
        raise StubError(_("{path}:{line}: {name} has no docstring").format(path=path, line=node.lineno,
                                                                              name=node.name))
    body = node.body[1:]
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or ast.unparse(body[0]) not in (
            "raise NotImplementedError", "raise NotImplementedError()"):
        raise StubError(_("{path}:{line}: the body of {name} after its docstring must be "
                          "`raise NotImplementedError`").format(path=path, line=node.lineno, name=node.name))
    doc_node = node.body[0]
    indent = " " * doc_node.col_offset
    head = "\n".join(lines[node.lineno - 1:doc_node.end_lineno])
    header = " ".join(line.strip() for line in lines[node.lineno - 1:doc_node.lineno - 1])
    signature = re.fullmatch(r"def\s+(\w+\s*\(.*\))\s*(->.*)?:", header)
    if signature is None:
        raise StubError(_("{path}:{line}: cannot read the signature of {name}").format(
            path=path, line=node.lineno, name=node.name))
    text = re.sub(r"\(\s+", "(", re.sub(r",?\s*\)$", ")", signature.group(1)))
    return StubFunction(node.name, text, doc, _segment(lines, node), head, indent)


# --- docstrings as Markdown ------------------------------------------------------------------

SECTION = re.compile(r"(Args|Arguments|Parameters|Returns|Return|Yields|Raises|Note|Notes|Example|Examples):")
LIST_SECTIONS = ("Args", "Arguments", "Parameters", "Raises")
BULLET = re.compile(r"([*-]) (.*)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _inline(text: str) -> str:
    """Docstring (reST) inline markup as Markdown: ``code`` -> `code`; a `$` stays a dollar
    sign (Jupyter would start a formula)."""
    parts = re.split(r"(``.+?``)", text)
    out = []
    for part in parts:
        if part.startswith("``") and part.endswith("``") and len(part) > 4:
            out.append(f"`{part[2:-2]}`")
        else:
            out.append(part.replace("$", r"\$"))
    return "".join(out)


def _take_block(lines: list[str], start: int, deeper_than: int) -> tuple[list[str], int]:
    """Lines from `start` that are blank or indented more than `deeper_than`, up to (not
    including) trailing blank lines."""
    end = start
    last = start
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > deeper_than):
        end += 1
        if lines[end - 1].strip():
            last = end
    return lines[start:last], last


def _code_block(block: list[str]) -> list[str]:
    return ["", "```", *textwrap.dedent("\n".join(block)).strip("\n").splitlines(), "```", ""]


def _list_section(block: list[str]) -> list[str]:
    """`name: description` entries (continuation lines indented) as a bullet list."""
    items: list[str] = []
    for line in textwrap.dedent("\n".join(block)).splitlines():
        if not line.strip():
            continue
        if _indent(line) == 0 or not items:
            key, sep, rest = line.strip().partition(": ")
            if sep and re.fullmatch(r"[\w.]+(, [\w.]+)*", key):
                names = ", ".join(f"`{name}`" for name in key.split(", "))
                items.append(f"- {names}: {_inline(rest)}")
            else:
                items.append(f"- {_inline(line.strip())}")
        else:
            items[-1] += " " + _inline(line.strip())
    return items


def docstring_markdown(text: str) -> str:
    """A docstring (Google style, reST inline markup) as Markdown: paragraphs and bullets as
    they are, `Args:`/`Raises:` entries as bullet lists under a bold title, other sections'
    bodies converted the same way, and indented blocks (formulas, update rules, `::` blocks)
    as code blocks. `text` is cleaned already (as `ast.get_docstring` and `inspect.getdoc`
    give it): no common indentation."""
    lines = text.strip("\n").splitlines()
    out: list[str] = []
    index = 0
    previous = ""  # the last non-blank line at the base indent
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            out.append("")
            index += 1
            continue
        if _indent(line) > 0:
            if BULLET.fullmatch(previous.strip()) and _indent(line) <= 2 and out and out[-1]:
                out.append("  " + _inline(line.strip()))  # a bullet's continuation line
                index += 1
                continue
            if out and out[-1] and not previous.rstrip().endswith(":"):
                out[-1] += " " + _inline(line.strip())  # a paragraph's line, indented for no reason
                index += 1
                continue
            block, index = _take_block(lines, index, 0)
            out.extend(_code_block(block))
            continue
        section = SECTION.fullmatch(line.strip())
        if section:
            block, index = _take_block(lines, index + 1, 0)
            title = section.group(1)
            body = _list_section(block) if title in LIST_SECTIONS else \
                docstring_markdown(textwrap.dedent("\n".join(block))).splitlines()
            out.extend(["", f"**{title}:**", "", *body, ""])
            previous = line
            continue
        bullet = BULLET.fullmatch(line)
        if bullet:
            if out and out[-1] and not BULLET.fullmatch(previous.strip()) and not out[-1].startswith("  "):
                out.append("")
            out.append(f"- {_inline(bullet.group(2))}")
        else:
            text_line = line[:-1] if line.endswith("::") else line  # reST `::` introduces a code block
            out.append(_inline(text_line))
        previous = line
        index += 1
    return _tidy(out)


def _tidy(lines: list[str]) -> str:
    """No runs of blank lines, none at either end."""
    tidy: list[str] = []
    for line in lines:
        if not line.strip() and (not tidy or not tidy[-1].strip()):
            continue
        tidy.append(line.rstrip())
    while tidy and not tidy[-1].strip():
        tidy.pop()
    return "\n".join(tidy)


# --- the notebook ----------------------------------------------------------------------------


def _points(assignment_id: str) -> dict[str, float]:
    from grader.course import load_assignment

    try:
        return {e.name: float(e.points) for e in load_assignment(assignment_id).exercises}
    except ModuleNotFoundError:
        return {}


def _number(points: float) -> str:
    return ngettext("{points} point", "{points} points", 1 if points == 1 else 2).format(points=f"{points:g}")


def intro_markdown(stub: StubModule, points: dict[str, float]) -> str:
    title, __, rest = stub.docstring.partition("\n")
    total = sum(points.get(f.name, 0.0) for f in stub.functions)
    parts = [f"# {_inline(title.strip().rstrip('.'))}", docstring_markdown(rest) if rest.strip() else ""]
    parts.append(_(NOTEBOOK_NOTE).format(module=stub.module))
    if points:
        listed = ", ".join(f"`{f.name}` {points[f.name]:g}" for f in stub.functions if f.name in points)
        parts.append(_("**Points:** {total} in all ({listed}).").format(total=_number(total), listed=listed))
    return "\n\n".join(part for part in parts if part)


def contract_markdown(function: StubFunction, points: float | None) -> str:
    heading = f"## `{function.signature}`" + (f" ({_number(points)})" if points is not None else "")
    parts = [heading]
    if function.name in FORMULAS:
        parts.append(FORMULAS[function.name])
    parts.append(docstring_markdown(function.docstring))
    return "\n\n".join(parts)


def setup_code(stub: StubModule) -> str:
    return (stub.imports + "\n\n" if stub.imports else "") + "from grader import check"


def check_code(name: str) -> str:
    return f'check("{name}")'


def build_notebook(stub: StubModule, points: dict[str, float] | None = None,
                   solutions: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """The assignment's notebook. With `solutions` (function name -> the cell's source with the
    model solution between nbgrader's markers, see `grader.teacher`), each function cell holds
    that instead of the stub; nbgrader metadata is the teacher's to add."""
    points = _points(stub.assignment_id) if points is None else points
    notebook = new_notebook(metadata={"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}})
    cells = [new_markdown_cell(intro_markdown(stub, points), id="intro"),
             new_code_cell(setup_code(stub), id="setup")]
    for function in stub.functions:
        cells.append(new_markdown_cell(contract_markdown(function, points.get(function.name)),
                                       id=f"{function.name}-contract"))
        source = function.source if solutions is None else solutions[function.name]
        cells.append(new_code_cell(source, id=f"{function.name}-code"))
        if function.name in points:
            cells.append(new_code_cell(check_code(function.name), id=f"{function.name}-check"))
    notebook.cells = cells
    nbformat.validate(notebook)
    return notebook


def notebook_text(notebook: nbformat.NotebookNode) -> str:
    text = nbformat.writes(notebook)
    return text if text.endswith("\n") else text + "\n"


def stub_notebook_text(root: Path, assignment_id: str) -> str:
    """What `assignments/<id>/<module>.ipynb` must hold, made from the stub module (in the
    current language: see `stub_text`)."""
    return notebook_text(build_notebook(release_stub(root, assignment_id)))


# --- a release in another language -------------------------------------------------------------


def translate_docstring(text: str) -> str:
    """A (cleaned) docstring in the current language: each paragraph, as `grader.catalogs`
    extracts it into the `course` catalog, looked up there; code and formula paragraphs (every
    line indented), the blank lines between paragraphs and the English of anything the catalog
    lacks stay as written. In English: `text` itself."""
    from grader.i18n import DEFAULT_LANGUAGE, current

    if current() == DEFAULT_LANGUAGE:  # the stubs are written in English (and Babel is the teacher's)
        return text
    from grader.catalogs import is_code, paragraphs

    out = []
    for piece in re.split(r"(\n[ \t]*\n)", text):
        block = piece.strip("\n")
        if block and paragraphs(block) == [block] and not is_code(block):
            piece = piece.replace(block, _(block), 1)
        out.append(piece)
    return "".join(out)


def _char_offset(line: str, byte_offset: int) -> int:
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))


def stub_text(source: str) -> str:
    """A stub module's source with its docstrings (the module's, each function's and class's)
    in the current language; everything else (code, signatures, comments, the docstrings'
    quotes and indentation) byte for byte. In English (or with nothing translated): `source`."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    edits = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        cleaned = ast.get_docstring(node, clean=True)
        if not cleaned:
            continue
        translated = translate_docstring(cleaned)
        if translated == cleaned:
            continue
        literal = node.body[0].value  # type: ignore[attr-defined]
        begin = starts[literal.lineno - 1] + _char_offset(lines[literal.lineno - 1], literal.col_offset)
        end = starts[literal.end_lineno - 1] + _char_offset(lines[literal.end_lineno - 1], literal.end_col_offset)
        edits.append((begin, end, _docstring_literal(source[begin:end], literal.value, translated)))
    for begin, end, text in sorted(edits, reverse=True):
        source = source[:begin] + text + source[end:]
    return source


def _docstring_literal(raw: str, value: str, translated: str) -> str:
    """The literal `raw` (whose value is `value`) holding `translated` (a cleaned docstring)
    instead: the same quotes and prefix, the first line where it was, the other lines at the
    docstring's indentation, the same end (the newline and indentation before the closing quotes)."""
    match = re.fullmatch(r"([rRuU]*)(\"\"\"|\'\'\'|\"|\')(.*)\2", raw, re.DOTALL)
    if match is None:
        raise StubError(_("cannot rewrite the docstring {start}").format(start=raw[:40]))
    prefix, quote = match.group(1), match.group(2)
    body_lines = value.expandtabs().split("\n")
    indents = [len(line) - len(line.lstrip()) for line in body_lines[1:] if line.strip()]
    margin = " " * (min(indents) if indents else 0)
    lead = value[:len(value) - len(value.lstrip())]
    trail = value[len(value.rstrip()):]
    first, *rest = translated.split("\n")
    text = lead + first + "".join("\n" + (margin + line if line.strip() else "") for line in rest) + trail
    if "r" not in prefix.lower():
        text = text.replace("\\", "\\\\")
    if quote in text:
        raise StubError(_("a translated docstring holds {quote}").format(quote=quote))
    return prefix + quote + text + quote


def release_stub(root: Path, assignment_id: str) -> StubModule:
    """The assignment's stub as a release in the current language has it."""
    path = stub_path(root, assignment_id)
    return read_stub(path, assignment_id, stub_text(path.read_text(encoding="utf-8")))


def write_notebooks(root: Path, assignment_ids: list[str] | None = None, check_only: bool = False,
                    out: Path | None = None) -> list[Path]:
    """Write (or, with `check_only`, compare) each assignment's notebook, and its stub module
    where that differs from the course's (a release in another language, or into `out`, a
    folder that gets `assignments/<id>/<module>.{py,ipynb}`); the paths that differed from what
    the stubs make."""
    target = root if out is None else out
    differing = []
    for assignment_id in assignment_ids or list(ASSIGNMENTS):
        if not stub_path(root, assignment_id).is_file():
            continue
        stub = stub_text(stub_path(root, assignment_id).read_text(encoding="utf-8"))
        notebook = notebook_text(build_notebook(read_stub(stub_path(root, assignment_id), assignment_id, stub)))
        for path, text in ((stub_path(target, assignment_id), stub), (notebook_path(target, assignment_id), notebook)):
            current = path.read_text(encoding="utf-8") if path.is_file() else None
            if current != text:
                differing.append(path)
                if not check_only:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(text, encoding="utf-8")
    if assignment_ids is None:
        differing += _write_quiz_notebook(root, check_only, target)
    return differing


def _write_quiz_notebook(root: Path, check_only: bool, target: Path | None = None) -> list[Path]:
    """The quiz's notebook, made from its bank (when the course has one), into `target`'s
    assignments/ (default: the course's)."""
    from grader.quiz.bank import QUIZ_ID, load_bank
    from grader.quiz.notebook import NOTEBOOK_FILE, quiz_notebook_text

    bank_folder = root / "assignments" / QUIZ_ID / "bank"
    if not bank_folder.is_dir():
        return []
    path = (target or root) / "assignments" / QUIZ_ID / NOTEBOOK_FILE
    text = quiz_notebook_text(load_bank(bank_folder))
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return []
    if not check_only:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return [path]


def untouched(source: str) -> bool:
    """Whether code (a module's, or a notebook's code cells joined) is a stub nobody has
    started: nothing but a docstring, imports, `check(...)` calls and functions whose bodies
    are a docstring and `raise NotImplementedError`. For choosing between an assignment's `.py`
    and `.ipynb` twins when only one of them has been worked on."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    for index, node in enumerate(tree.body):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and (index == 0 or node.value.value is None):
            continue  # the docstring, or a check call the grader replaced by `None`
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) \
                and isinstance(node.value.func, ast.Name) and node.value.func.id == "check":
            continue
        if isinstance(node, ast.FunctionDef):
            body = node.body[1:] if ast.get_docstring(node) is not None else node.body
            if len(body) == 1 and isinstance(body[0], ast.Raise) and body[0].exc is not None \
                    and ast.unparse(body[0].exc) in ("NotImplementedError", "NotImplementedError()"):
                continue
        return False
    return True
