"""Mutation operators: realistic student mistakes, written as rewrites of a model solution's AST.

`mutants(source, ...)` applies every operator at every place it fits in the module's top-level
functions, one change per mutant, and returns each distinct result as a `Mutant` (its whole
source, and a diff against the model). The operators follow the mistakes students really make
(see CHECKING.md): swapped or dropped terms, a wrong operator, off-by-one sizes and strict vs
non-strict comparisons, a wrong axis or a missing keepdims, a dropped transpose, changed
constants (eps, 0.5 * reg, an argument ignored for its default), float64 buffers, in-place
updates of the inputs, a Python loop in place of a vectorized kernel, a dropped max-shift.

Nothing here runs the code: a mutant is only text until `grader.audit.run` grades it in the
sandbox.
"""

from __future__ import annotations

import ast
import copy
import difflib
from dataclasses import dataclass, field
from typing import Callable, Iterator

#: an operator's proposals for one node: (replacement, what the mistake is). A replacement is an
#: expression node, or a list of statements where the node is a statement.
Proposal = tuple["ast.AST | list[ast.stmt]", str]


@dataclass(frozen=True)
class FunctionInfo:
    """What operators know of the top-level function they rewrite."""

    name: str
    params: frozenset[str]
    #: parameters with a float default, and that default (e.g. eps=1e-8)
    float_defaults: dict[str, float]
    #: the function (or a function it serves) is timing-limited: a Python loop is a mistake here
    timed: bool
    #: the assignment's array library: "numpy" or "torch"
    backend: str


@dataclass(frozen=True)
class Operator:
    """A kind of mistake: `propose(node, info)` lists the rewrites of `node` that make it."""

    name: str
    propose: Callable[[ast.AST, FunctionInfo], list[Proposal]]
    #: the rewrite keeps every value (a loop instead of a kernel): only a timing check can
    #: catch it, and it is never counted as equivalent to the model
    keeps_values: bool = False


@dataclass(frozen=True)
class Mutant:
    """One mistake made in one place of a model solution."""

    id: str
    function: str
    operator: str
    description: str
    line: int
    source: str
    diff: str
    keeps_values: bool = False
    #: the exercises whose grade this mutant can change (filled in by `grader.audit.run`)
    exercises: tuple[str, ...] = field(default=())


# ---------------------------------------------------------------------------- helpers


def _text(node: ast.AST) -> str:
    try:
        return ast.unparse(node)
    except Exception:  # noqa: BLE001 - a node unparse cannot write: name it by its kind
        return type(node).__name__


def _called_name(node: ast.AST) -> str:
    """'max' for np.max(...), x.max(...), torch.max(...); '' when `node` is not a call."""
    if not isinstance(node, ast.Call):
        return ""
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _module_call(node: ast.AST, names: tuple[str, ...], modules: tuple[str, ...] = ("np", "numpy", "torch")) -> bool:
    """`node` is `np.NAME(...)` (or torch.NAME) for one of `names`."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in names
            and isinstance(node.func.value, ast.Name) and node.func.value.id in modules)


def _is_number(node: ast.AST, kind: type) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is kind


def _constant_value(node: ast.AST) -> object:
    """The value of a constant, -1 included (a UnaryOp in the AST); `...` when not a constant."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
            and isinstance(node.operand.value, (int, float)):
        return -node.operand.value
    return ...


def _number(value: float | int | None) -> ast.expr:
    if isinstance(value, (int, float)) and value < 0:
        return ast.UnaryOp(ast.USub(), ast.Constant(-value))
    return ast.Constant(value)


_MAX_CALLS = ("max", "amax", "logsumexp")


def _contains_max(node: ast.AST) -> bool:
    return any(_called_name(n) in _MAX_CALLS for n in ast.walk(node))


# ---------------------------------------------------------------------------- the operators


def _swapped_operands(node: ast.AST, info: FunctionInfo) -> list[Proposal]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Sub, ast.Div, ast.MatMult, ast.Pow, ast.FloorDiv)):
        return [(ast.BinOp(node.right, node.op, node.left), f"swapped the operands of `{_text(node)}`")]
    return []


def _dropped_max_shift(node: ast.AST, info: FunctionInfo) -> list[Proposal]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) and _contains_max(node.right):
        return [(node.left, f"dropped the max-shift `- {_text(node.right)}`")]
    return []


def _dropped_term(node: ast.AST, info: FunctionInfo) -> list[Proposal]:
    if not isinstance(node, ast.BinOp):
        return []
    if isinstance(node.op, ast.Sub) and _contains_max(node.right):
        return []  # the dropped max-shift, named as such
    if isinstance(node.op, (ast.Add, ast.Mult)):
        return [(node.left, f"dropped `{_text(node.right)}` from `{_text(node)}`"),
                (node.right, f"dropped `{_text(node.left)}` from `{_text(node)}`")]
    if isinstance(node.op, (ast.Sub, ast.Div)):
        return [(node.left, f"dropped `{_text(node.right)}` from `{_text(node)}`")]
    return []


def _wrong_operator(node: ast.AST, info: FunctionInfo) -> list[Proposal]:
    swaps = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult}
    if isinstance(node, ast.BinOp) and type(node.op) in swaps:
        new = ast.BinOp(node.left, swaps[type(node.op)](), node.right)
        return [(new, f"`{_text(new)}` in place of `{_text(node)}`")]
    return []


def _off_by_one(node: ast.AST, info: FunctionInfo) -> list[Proposal]:
    if _is_number(node, int):
        return [(ast.Constant(node.value + delta), f"{node.value + delta} in place of {node.value}")
                for delta in (1, -1)]
    flips = {ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Lt: ast.LtE, ast.LtE: ast.Lt}
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in flips:
        new = ast.Compare(node.left, [flips[type(node.ops[0])]()], node.comparators)
        return [(new, f"`{_text(new)}` in place of `{_text(node)}`")]
    return []


_AXIS_WORDS = ("axis", "dim")
_AXIS_VALUES: tuple[int | None, ...] = (0, 1, -1, None)


def _wrong_axis(node: ast.AST, info: FunctionInfo) -> list[Proposal]:
    if not isinstance(node, ast.Call):
        return []
    proposals: list[Proposal] = []
    for index, keyword in enumerate(node.keywords):
        value = _constant_value(keyword.value)
        if keyword.arg in _AXIS_WORDS and value is not ... and not isinstance(value, bool):
            for other in _AXIS_VALUES:
                if other != value and not (other is None and keyword.arg == "dim"):
                    new = copy.deepcopy(node)
                    new.keywords[index] = ast.keyword(keyword.arg, _number(other))
                    proposals.append((new, f"{keyword.arg}={other} in place of {keyword.arg}={value}"))
        if keyword.arg in ("keepdims", "keepdim") and value is True:
            new = copy.deepcopy(node)
            del new.keywords[index]
            proposals.append((new, f"dropped {keyword.arg}=True from `{_text(node)}`"))
    return proposals


def _dropped_transpose(node: ast.AST, info: FunctionInfo) -> list[Proposal]:
    if isinstance(node, ast.Attribute) and node.attr in ("T", "mT") and isinstance(node.ctx, ast.Load):
        return [(node.value, f"dropped the transpose in `{_text(node)}`")]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ("transpose", "swapaxes", "permute", "t"):
        if isinstance(node.func.value, ast.Name) and node.func.value.id in ("np", "numpy", "torch"):
            if node.args:
                return [(node.args[0], f"dropped the transpose in `{_text(node)}`")]
            return []
        return [(node.func.value, f"dropped the transpose in `{_text(node)}`")]
    return []


def _changed_floats(value: float) -> list[float]:
    if value == 0.5:
        return [1.0]
    if value == 2.0:
        return [1.0]
    if value == 0.0 or value == 1.0:
        return []
    if 0 < abs(value) < 1e-3:
        return [value * 10, value / 10]
    return [value * 2, value / 2]


def _changed_constant(node: ast.AST, info: FunctionInfo) -> list[Proposal]:
    proposals: list[Proposal] = []
    if _is_number(node, float):
        for other in _changed_floats(node.value):
            proposals.append((ast.Constant(other), f"{other!r} in place of {node.value!r}"))
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in info.float_defaults:
        default = info.float_defaults[node.id]
        proposals.append((ast.Constant(default), f"the default {default!r} hard-coded in place of `{node.id}`"))
        if 0 < default < 1e-3:
            proposals.append((ast.Constant(1e-7), f"1e-7 hard-coded in place of `{node.id}`"))
        proposals.append((ast.BinOp(ast.Constant(0.5), ast.Mult(), ast.Name(node.id, ast.Load())),
                          f"`0.5 * {node.id}` in place of `{node.id}`"))
    return proposals


_LIKE = {"zeros_like": "zeros", "ones_like": "ones", "empty_like": "empty"}


def _float64_buffer(node: ast.AST, info: FunctionInfo) -> list[Proposal]:
    if not isinstance(node, ast.Call):
        return []
    proposals: list[Proposal] = []
    if info.backend == "numpy" and _module_call(node, tuple(_LIKE), ("np", "numpy")) and node.args \
            and not node.keywords:
        new = ast.Call(ast.Attribute(ast.Name(node.func.value.id, ast.Load()), _LIKE[node.func.attr], ast.Load()),
                       [ast.Attribute(node.args[0], "shape", ast.Load())], [])
        proposals.append((new, f"a float64 buffer `{_text(new)}` in place of `{_text(node)}`"))
    if info.backend == "numpy" and isinstance(node.func, ast.Name) and node.func.id == "float" and len(node.args) == 1:
        new = ast.Call(ast.Attribute(ast.Name("np", ast.Load()), "float64", ast.Load()), node.args, [])
        proposals.append((new, f"a numpy float64 scalar `{_text(new)}` in place of `{_text(node)}`"))
    dtype_at = [i for i, k in enumerate(node.keywords) if k.arg == "dtype"]
    if dtype_at and _called_name(node) in ("zeros", "ones", "empty", "full", "asarray", "array", "arange"):
        new = copy.deepcopy(node)
        del new.keywords[dtype_at[0]]
        proposals.append((new, f"dropped the dtype from `{_text(node)}`"))
    if isinstance(node.func, ast.Attribute) and node.func.attr in ("astype", "to") \
            and not (isinstance(node.func.value, ast.Name) and node.func.value.id in ("np", "numpy", "torch")):
        proposals.append((node.func.value, f"dropped the conversion `{_text(node)}`"))
    return proposals


_IN_PLACE_UFUNCS = ("maximum", "minimum", "exp", "log", "sqrt", "tanh", "abs", "add", "subtract", "multiply", "divide")
_TORCH_IN_PLACE = ("masked_fill", "tril", "triu", "mul", "div", "add", "sub", "exp", "clamp")


def _param_binop(node: ast.AST, info: FunctionInfo) -> bool:
    return (isinstance(node, ast.BinOp) and isinstance(node.left, ast.Name) and node.left.id in info.params
            and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)))


def _in_place(node: ast.AST, info: FunctionInfo) -> list[Proposal]:
    proposals: list[Proposal] = []
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and _param_binop(node.value, info):
        value = node.value
        param = value.left.id
        update = ast.AugAssign(ast.Name(param, ast.Store()), value.op, value.right)
        proposals.append(([update, ast.Assign(node.targets, ast.Name(param, ast.Load()))],
                          f"`{_text(update)}` updates the input in place"))
    if isinstance(node, ast.Return) and node.value is not None:
        items = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
        for index, item in enumerate(items):
            if _param_binop(item, info):
                param = item.left.id
                returned = copy.deepcopy(node.value)
                if isinstance(returned, ast.Tuple):
                    returned.elts[index] = ast.Name(param, ast.Load())
                else:
                    returned = ast.Name(param, ast.Load())
                update = ast.AugAssign(ast.Name(param, ast.Store()), item.op, item.right)
                proposals.append(([update, ast.Return(returned)],
                                  f"`{_text(update)}` updates the input in place"))
    if isinstance(node, ast.Call) and info.backend == "numpy" and _module_call(node, _IN_PLACE_UFUNCS, ("np", "numpy")) \
            and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id in info.params \
            and not any(k.arg == "out" for k in node.keywords):
        new = copy.deepcopy(node)
        new.keywords.append(ast.keyword("out", ast.Name(node.args[0].id, ast.Load())))
        proposals.append((new, f"`{_text(new)}` writes into the input"))
    if isinstance(node, ast.Call) and _module_call(node, ("where",), ("np", "numpy")) and len(node.args) == 3 \
            and isinstance(node.args[1], ast.Name) and node.args[1].id in info.params \
            and _constant_value(node.args[2]) == 0:
        # np.where(cond, dout, 0) -> dout[~(cond)] = 0; dout   (course code's `dout[mask] = 0`)
        param = node.args[1].id
        setitem = ast.Call(ast.Attribute(ast.Name(param, ast.Load()), "__setitem__", ast.Load()),
                           [ast.UnaryOp(ast.Invert(), node.args[0]), ast.Constant(0)], [])
        new = ast.Subscript(ast.Tuple([setitem, ast.Name(param, ast.Load())], ast.Load()), ast.Constant(1), ast.Load())
        proposals.append((new, f"`{param}[~({_text(node.args[0])})] = 0` zeroes the input in place"))
    if isinstance(node, ast.Call) and info.backend == "torch" and isinstance(node.func, ast.Attribute) \
            and node.func.attr in _TORCH_IN_PLACE and isinstance(node.func.value, ast.Name) \
            and node.func.value.id != "torch":
        new = copy.deepcopy(node)
        new.func.attr += "_"
        proposals.append((new, f"`{_text(new)}` works in place"))
    return proposals


_LOOP_UNARY = ("exp", "log", "sqrt", "tanh", "abs")


def _python_loop(node: ast.AST, info: FunctionInfo) -> list[Proposal]:
    if not info.timed:
        return []
    if isinstance(node, ast.Call) and _module_call(node, _LOOP_UNARY) and len(node.args) == 1 and not node.keywords:
        new = ast.Call(ast.Name("_audit_rows", ast.Load()), [node.func, node.args[0]], [])
        return [(new, f"`{_text(node)}` computed one row at a time in a Python loop")]
    if isinstance(node, ast.Call) and _module_call(node, ("softmax",), ("torch",)) and len(node.args) == 1 \
            and [(k.arg, _constant_value(k.value)) for k in node.keywords] == [("dim", -1)]:
        new = ast.Call(ast.Name("_audit_rows", ast.Load()), [node.func, node.args[0]], node.keywords)
        return [(new, f"`{_text(node)}` computed one row at a time in a Python loop")]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
        new = ast.Call(ast.Name("_audit_matmul", ast.Load()), [node.left, node.right], [])
        return [(new, f"`{_text(node)}` computed in a Python loop over its longest axis")]
    if isinstance(node, ast.Call) and _module_call(node, ("einsum",)) and node.args \
            and isinstance(node.args[0], ast.Constant) and "..." not in str(node.args[0].value):
        new = ast.Call(ast.Name("_audit_einsum", ast.Load()), [node.func] + node.args, node.keywords)
        return [(new, f"`{_text(node)}` computed in a Python loop over its largest output axis")]
    return []


OPERATORS: tuple[Operator, ...] = (
    Operator("dropped_max_shift", _dropped_max_shift),
    Operator("swapped_operands", _swapped_operands),
    Operator("dropped_term", _dropped_term),
    Operator("wrong_operator", _wrong_operator),
    Operator("off_by_one", _off_by_one),
    Operator("wrong_axis", _wrong_axis),
    Operator("dropped_transpose", _dropped_transpose),
    Operator("changed_constant", _changed_constant),
    Operator("float64_buffer", _float64_buffer),
    Operator("in_place", _in_place),
    Operator("python_loop", _python_loop, keeps_values=True),
)

#: the loop helpers a `python_loop` mutant calls, appended to its source (one per backend: a
#: numpy assignment's sandbox has no torch)
LOOP_HELPERS = {
    "numpy": '''

def _audit_rows(function, x, **options):
    """function(x) one row (last axis) at a time: the values of the vectorized call, slowly."""
    import numpy as _np
    x = _np.asarray(x)
    if x.ndim == 0:
        return function(x, **options)
    if x.ndim == 1:  # one element at a time
        return _np.stack([function(value, **options) for value in x]) if x.size else function(x, **options)
    rows = x.reshape(-1, x.shape[-1])
    return _np.stack([function(row, **options) for row in rows]).reshape(x.shape[:-1] + (-1,))


def _audit_matmul(a, b):
    """a @ b in a Python loop over its longest axis: one row of a at a time, or (as a loop over
    the examples computes X.T @ d) one term of the inner sum at a time."""
    import numpy as _np
    a, b = _np.asarray(a), _np.asarray(b)
    if a.ndim < 2:
        return a @ b
    if b.ndim < 2:
        return _np.stack([a[..., i, :] @ b for i in range(a.shape[-2])], axis=-1)
    if a.shape[-1] > a.shape[-2]:
        total = a[..., :, 0:1] @ b[..., 0:1, :]
        for i in range(1, a.shape[-1]):
            total = total + a[..., :, i:i + 1] @ b[..., i:i + 1, :]
        return total
    return _np.concatenate([a[..., i:i + 1, :] @ b for i in range(a.shape[-2])], axis=-2)


def _audit_einsum(einsum, spec, *operands, **options):
    """einsum(spec, *operands) in a Python loop over its largest output axis."""
    import numpy as _np
    inputs, output = spec.replace(" ", "").split("->")
    terms = inputs.split(",")
    sizes = {}
    for term, operand in zip(terms, operands):
        sizes.update(zip(term, _np.shape(operand)))
    letter = max(output, key=lambda name: sizes.get(name, 0)) if output else ""
    if not letter or any(term.count(letter) > 1 for term in terms):
        return einsum(spec, *operands, **options)
    inner = ",".join(term.replace(letter, "") for term in terms) + "->" + output.replace(letter, "")
    parts = [einsum(inner, *[_np.take(op, i, axis=term.index(letter)) if letter in term else op
                             for term, op in zip(terms, operands)], **options) for i in range(sizes[letter])]
    return _np.stack(parts, axis=output.index(letter))
''',
    "torch": '''

def _audit_rows(function, x, **options):
    """function(x) one row (last axis) at a time: the values of the vectorized call, slowly."""
    import torch as _torch
    if x.dim() < 2:
        return function(x, **options)  # torch.softmax of one row: there is no row to loop over
    rows = x.reshape(-1, x.shape[-1])
    return _torch.stack([function(row, **options) for row in rows]).reshape(x.shape[:-1] + (-1,))


def _audit_matmul(a, b):
    """a @ b in a Python loop over its longest axis: one row of a at a time, or (as a loop over
    the examples computes X.T @ d) one term of the inner sum at a time."""
    import torch as _torch
    if a.dim() < 2:
        return a @ b
    if b.dim() < 2:
        return _torch.stack([a[..., i, :] @ b for i in range(a.shape[-2])], dim=-1)
    if a.shape[-1] > a.shape[-2]:
        total = a[..., :, 0:1] @ b[..., 0:1, :]
        for i in range(1, a.shape[-1]):
            total = total + a[..., :, i:i + 1] @ b[..., i:i + 1, :]
        return total
    return _torch.cat([a[..., i:i + 1, :] @ b for i in range(a.shape[-2])], dim=-2)


def _audit_einsum(einsum, spec, *operands, **options):
    """einsum(spec, *operands) in a Python loop over its largest output axis."""
    import torch as _torch
    inputs, output = spec.replace(" ", "").split("->")
    terms = inputs.split(",")
    sizes = {}
    for term, operand in zip(terms, operands):
        sizes.update(zip(term, operand.shape))
    letter = max(output, key=lambda name: sizes.get(name, 0)) if output else ""
    if not letter or any(term.count(letter) > 1 for term in terms):
        return einsum(spec, *operands, **options)
    inner = ",".join(term.replace(letter, "") for term in terms) + "->" + output.replace(letter, "")
    parts = [einsum(inner, *[op.select(term.index(letter), i) if letter in term else op
                             for term, op in zip(terms, operands)], **options) for i in range(sizes[letter])]
    return _torch.stack(parts, dim=output.index(letter))
''',
}


# ---------------------------------------------------------------------------- applying them


def _function_info(func: ast.FunctionDef, timed: frozenset[str], backend: str) -> FunctionInfo:
    args = func.args
    positional = args.posonlyargs + args.args
    names = {a.arg for a in positional + args.kwonlyargs}
    defaults: dict[str, float] = {}
    for arg, default in zip(positional[len(positional) - len(args.defaults):], args.defaults):
        if _is_number(default, float):
            defaults[arg.arg] = default.value
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        if default is not None and _is_number(default, float):
            defaults[arg.arg] = default.value
    return FunctionInfo(func.name, frozenset(names), defaults, func.name in timed, backend)


def _sites(func: ast.FunctionDef) -> list[ast.AST]:
    """The nodes of `func` an operator may rewrite, in a fixed order: its body and its
    defaults (not its docstring, annotations or decorators)."""
    skip: set[int] = set()
    for node in ast.walk(func):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body = node.body
                if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                        and isinstance(body[0].value.value, str):
                    skip.update(id(n) for n in ast.walk(body[0]))
                for item in node.decorator_list + ([node.returns] if node.returns else []):
                    skip.update(id(n) for n in ast.walk(item))
            for arg in ast.walk(node.args):
                if isinstance(arg, ast.arg) and arg.annotation is not None:
                    skip.update(id(n) for n in ast.walk(arg.annotation))
        if isinstance(node, ast.JoinedStr):  # messages: a changed word is no mistake in the maths
            skip.update(id(n) for n in ast.walk(node) if n is not node)
        if isinstance(node, ast.Raise):
            skip.update(id(n) for n in ast.walk(node) if n is not node)
    return [node for node in ast.walk(func) if id(node) not in skip and node is not func]


def _replace(root: ast.AST, target: ast.AST, replacement: ast.AST | list[ast.stmt]) -> bool:
    for parent in ast.walk(root):
        for name, value in ast.iter_fields(parent):
            if value is target:
                if isinstance(replacement, list):
                    return False  # statements only replace a statement in a list
                setattr(parent, name, replacement)
                return True
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if item is target:
                        value[index:index + 1] = replacement if isinstance(replacement, list) else [replacement]
                        return True
    return False


def _diff(before: str, after: str, name: str) -> str:
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), f"model/{name}", f"mutant/{name}",
                                 lineterm="", n=1)
    return "\n".join(lines)


def mutants(source: str, *, filename: str, backend: str, timed: frozenset[str] = frozenset(),
            functions: frozenset[str] | None = None,
            operators: tuple[Operator, ...] = OPERATORS) -> list[Mutant]:
    """Every distinct single-change mutant of `source`'s top-level functions.

    `timed`: functions where a Python loop is a mistake (only there does `python_loop` apply).
    `functions`: only these top-level functions are mutated (None: all). A rewrite that leaves
    the module's code unchanged, repeats an earlier mutant or does not compile is skipped.
    Deterministic: the same source gives the same mutants, with the same ids, in the same order.
    """
    tree = ast.parse(source)
    model = ast.unparse(tree)
    seen = {model}
    found: list[Mutant] = []
    for position, func in enumerate(tree.body):
        if not isinstance(func, ast.FunctionDef) or (functions is not None and func.name not in functions):
            continue
        info = _function_info(func, timed, backend)
        sites = _sites(func)
        for site_index, site in enumerate(sites):
            for operator in operators:
                for choice, (_, description) in enumerate(operator.propose(site, info)):
                    mutated = copy.deepcopy(tree)
                    target = _sites(mutated.body[position])[site_index]
                    replacement = operator.propose(target, info)[choice][0]
                    if not _replace(mutated.body[position], target, replacement):
                        continue
                    ast.fix_missing_locations(mutated)
                    try:
                        text = ast.unparse(mutated)
                        compile(text, filename, "exec")
                    except (SyntaxError, ValueError, TypeError, RecursionError):
                        continue
                    if text in seen:
                        continue
                    seen.add(text)
                    number = sum(1 for m in found if m.function == func.name and m.operator == operator.name) + 1
                    full = text + (LOOP_HELPERS[backend] if operator.name == "python_loop" else "")
                    found.append(Mutant(f"{func.name}/{operator.name}/{number}", func.name, operator.name,
                                        description, getattr(site, "lineno", func.lineno), full,
                                        _diff(model, text, filename), operator.keeps_values))
    return found


def operator_names() -> Iterator[str]:
    return (operator.name for operator in OPERATORS)
