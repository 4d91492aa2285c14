"""The worker: the only code that runs beside student code, inside the sandbox.

It loads the student's module from source text and answers requests from the grader, one at a
time, on its socket: call a function on given arguments, keep a result for later, return the
arguments' state after a call, run autograd backward through a result. Whatever student code
does, the worker answers with plain data (see `wire`); the grader trusts none of it beyond
"this is what the student's function produced".

Stand-ins: a call may name other functions of the student's module to replace while it runs
(one mistake costs one exercise: a caller is judged as if what it calls were right). Each such
name then points at a proxy that asks the grader, over the same socket, for the correct
result; no reference code ever enters this process. Torch stand-ins are autograd functions
whose backward asks the grader for the vector-Jacobian product.
"""

from __future__ import annotations

import builtins
import re
import socket
import sys
import traceback
import types
from typing import Any

import numpy as np

from grader.sandbox import fixtures, wire

MAX_MESSAGE = 2_000
_ABSENT = object()


def _safe_text(value: Any, limit: int = MAX_MESSAGE) -> str:
    try:
        text = BaseException.__str__(value) if isinstance(value, BaseException) else str(value)
    except BaseException:  # noqa: BLE001 - a student's __str__ may raise anything
        text = "<message could not be read>"
    return text if len(text) <= limit else text[:limit] + "..."


_BUILTINS = dict(vars(builtins))


def restore_builtins() -> None:
    """Undo a submission's changes to builtins (a lying `isinstance` or `abs`) before the
    worker itself runs again; the worker's own code must not lean on patchable names."""
    current = vars(builtins)
    for name, value in _BUILTINS.items():
        if current.get(name) is not value:
            current[name] = value


#: bound before any student code runs: replacing `np.errstate` at import cannot blind the recorder
_ERRSTATE = np.errstate



def _line_counter(count: list) -> Any:
    """A trace function counting the lines of Python run (in any frame, a loop's repeated
    line each time round): a loop over the batch makes the count grow with the batch."""

    def local(frame: Any, event: str, arg: Any) -> Any:
        if event == "line":
            count[0] += 1
        return local

    return lambda frame, event, arg: local


class _BannedModuleStub(types.ModuleType):
    """Stands in for a banned library that is not installed, so `import scipy` at the top of a
    file does not sink the whole submission: only functions that use it lose (statically)."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _BannedModuleStub(f"{self.__name__}.{name}")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise ImportError(f"{self.__name__} is not allowed in this assignment")


class _InertStub(types.ModuleType):
    """Stands in for a display library that is not installed here (matplotlib, tqdm, IPython...),
    so a plot or a progress bar in a student's file does nothing instead of sinking the whole
    submission. Calls return their first argument when it is iterable (`tqdm(range(n))`), or
    another stand-in (`fig, ax = plt.subplots()` unpacks into two)."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _InertStub(f"{self.__name__}.{name}")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.__name__.endswith("trange"):
            return range(*args)
        if args and not isinstance(args[0], (_InertStub, str)) and hasattr(type(args[0]), "__iter__"):
            return args[0]
        return _InertStub(f"{self.__name__}()")

    def __iter__(self) -> Any:
        return iter((_InertStub(f"{self.__name__}[0]"), _InertStub(f"{self.__name__}[1]")))

    def __getitem__(self, key: Any) -> Any:
        return _InertStub(f"{self.__name__}[]")

    def __setitem__(self, key: Any, value: Any) -> None:  # plt.rcParams["figure.figsize"] = ...
        pass

    def __len__(self) -> int:
        return 0

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: Any) -> bool:
        return False


#: libraries students import for plots, progress bars and notebooks; when not installed they
#: import as inert stand-ins (never banned, never graded)
DISPLAY_LIBRARIES = frozenset({"matplotlib", "seaborn", "tqdm", "IPython", "ipywidgets", "plotly",
                               "google.colab"})


class _StubFinder:
    """Last on sys.meta_path: imports `modules` (dotted names allowed) that no real finder
    found as instances of `stub` (with their parents and submodules)."""

    def __init__(self, modules: frozenset[str], stub: type = _BannedModuleStub) -> None:
        self.modules = modules
        self.stub = stub

    def _covers(self, name: str) -> bool:
        for module in self.modules:
            if name == module or module.startswith(name + "."):
                return True
            # a submodule only below a stand-in: a real package's missing submodule (torch
            # probing for optional parts) must fail to import as usual
            if name.startswith(module + ".") and (self.stub is _BannedModuleStub
                                                  or isinstance(sys.modules.get(module), self.stub)):
                return True
        return False

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        import importlib.machinery

        if self._covers(name):
            return importlib.machinery.ModuleSpec(name, self)
        return None

    def create_module(self, spec: Any) -> types.ModuleType:
        module = self.stub(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        pass


class BannedCall(RuntimeError):
    pass


def _banned_stand_in(name: str, original: Any) -> Any:
    """What a banned torch routine is replaced with: raises when used, with a clear message."""
    message = f"{name} is not allowed in this assignment (banned)"

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise BannedCall(message)

    if isinstance(original, type):  # a class stays subclassable; making one raises
        return type(original.__name__, (), {"__init__": refuse, "__doc__": message})
    refuse.__name__ = name.rsplit(".", 1)[-1]
    refuse.default = refuse  # torch.ops.aten.X.default
    return refuse


def install_guards(words: tuple[str, ...]) -> None:
    """Replace every torch routine whose name contains one of `words` (a banned fused kernel
    such as scaled_dot_product_attention), in every namespace a submission could reach it
    from: torch, torch.nn, torch.nn.functional, torch._C._nn, torch._C._VariableFunctions and
    the dispatcher's torch.ops.aten. The grader's own reference runs in another process."""
    if not words:
        return
    import torch
    import torch.nn.functional
    import torch.nn.modules.activation
    import torch.nn.modules.transformer

    # the same test as `any(word.lower() in name.lower() for word in words)`, in one regex
    # search: it runs on every name of every torch module (about 45,000) in every worker
    pattern = re.compile("|".join(re.escape(word.lower()) for word in words))

    def banned(name: str) -> bool:
        return pattern.search(name.lower()) is not None

    # first the originals themselves (the names below are then replaced as well)
    _refuse_at_dispatcher(torch, banned)
    _refuse_python_routines(torch, banned)

    namespaces = {"torch": torch, "torch.nn": torch.nn, "torch.nn.functional": torch.nn.functional,
                  "torch._C._nn": torch._C._nn, "torch._C._VariableFunctions": torch._C._VariableFunctions,
                  "torch.nn.modules.activation": torch.nn.modules.activation,
                  "torch.nn.modules.transformer": torch.nn.modules.transformer}
    for prefix, namespace in namespaces.items():
        for name in dir(namespace):
            if banned(name) and not name.startswith("__"):
                try:
                    setattr(namespace, name, _banned_stand_in(f"{prefix}.{name}", getattr(namespace, name)))
                except (AttributeError, TypeError):
                    pass
    for op in torch._C._dispatch_get_all_op_names():
        namespace, _, name = op.partition("::")
        name = name.split(".")[0]
        if namespace == "aten" and banned(name):
            setattr(torch.ops.aten, name, _banned_stand_in(f"torch.ops.aten.{name}", None))


DISPATCH_KEYS = ("CompositeImplicitAutograd", "CompositeExplicitAutograd", "CPU", "CUDA", "Meta",
                 "Autograd", "AutogradCPU", "AutogradCUDA", "AutogradMeta")


def _refuse_at_dispatcher(torch: Any, banned: Any) -> None:
    """Every banned aten operator raises at the dispatcher itself, whatever route reached it
    (a Python namespace, torch.ops, the JIT's operator registry, inference mode, meta tensors).

    The registrations are made on a raw dispatcher handle (not a `torch.library.Library`,
    whose `_destroy()` undoes them) that no Python object refers to: its reference is leaked
    on purpose, so the registrations live as long as the worker and nothing can reach them."""
    import ctypes
    import warnings

    handle = torch._C._dispatch_library("IMPL", "aten", "", "<grader: banned operators>", 0)
    with warnings.catch_warnings():  # "overriding a previously registered kernel": the point
        warnings.simplefilter("ignore")
        for op in sorted(set(torch._C._dispatch_get_all_op_names())):
            namespace, _, name = op.partition("::")
            if namespace != "aten" or not banned(name):
                continue
            refuse = _banned_stand_in(f"aten::{name}", None)
            for key in DISPATCH_KEYS:
                try:
                    handle.impl(name, key, refuse, False)
                except (RuntimeError, ValueError):
                    pass  # not a key this operator can take
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(handle))
    del handle


#: torch modules holding Python implementations of banned routines that load lazily: imported
#: before the guards go up, so their routines are refused too
LAZY_ROUTINE_MODULES = ("torch.nn.attention", "torch.nn.attention.flex_attention",
                        "torch._higher_order_ops.flex_attention", "torch._decomp.decompositions")


def _refuse_python_routines(torch: Any, banned: Any) -> None:
    """Banned routines written in Python (F.multi_head_attention_forward, flex attention's
    dense math, the Transformer modules' forward, decompositions) raise from their own code
    object, in every torch module loaded, so every reference to them raises however it was
    obtained (a saved alias, gc, a module's __dict__)."""
    import importlib

    for name in LAZY_ROUTINE_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - absent in this torch version
            pass

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("this PyTorch routine is not allowed in this assignment (banned)")

    def swap(function: Any) -> None:
        code = getattr(function, "__code__", None)
        if code is None:
            return
        replacement = refuse.__code__ if not code.co_freevars else _refusal_with_cells(code.co_freevars)
        try:
            function.__code__ = replacement
        except (TypeError, ValueError, AttributeError):
            pass

    def swap_class(cls: type, seen: set) -> None:
        """Every method of a banned class and of every subclass, whatever they are called
        (`_forward_impl` as much as `forward`): no way into its code is left."""
        if cls in seen:
            return
        seen.add(cls)
        for value in list(vars(cls).values()):
            if isinstance(value, (staticmethod, classmethod)):
                value = value.__func__
            elif isinstance(value, property):
                for accessor in (value.fget, value.fset, value.fdel):
                    swap(accessor)
                continue
            swap(value)
        for subclass in type.__subclasses__(cls):
            swap_class(subclass, seen)

    seen: set = set()
    for module_name, module in list(sys.modules.items()):
        if not (module_name == "torch" or module_name.startswith("torch.")) or type(module) is not types.ModuleType:
            continue
        names = vars(module)
        if not banned("\n".join(names)):  # one search per module (no word spans a line): most have no hit
            continue
        for name, value in list(names.items()):
            if not banned(name) or name.startswith("__"):
                continue
            if isinstance(value, type) and value.__module__.startswith("torch"):
                swap_class(value, seen)
            elif isinstance(value, types.FunctionType):
                swap(value)


def _refusal_with_cells(names: tuple[str, ...]) -> Any:
    """A refusing code object with exactly the free variables `names` (a method using super()
    has `__class__`), so it can stand in for a closure's code; a plain refusal if the compiler
    orders them otherwise."""
    body = "".join(f"    {name} = None\n" for name in names)
    uses = ", ".join(names)
    source = (f"def outer():\n{body}    def refuse(*args, **kwargs):\n        ({uses},)\n"
              "        raise RuntimeError('this PyTorch routine is not allowed in this assignment (banned)')\n"
              "    return refuse\n")
    namespace: dict = {}
    exec(compile(source, "<grader: banned routine>", "exec"), namespace)  # noqa: S102 - our own text
    code = namespace["outer"]().__code__
    return code if code.co_freevars == names else None


def _library_sources() -> frozenset[str]:
    """The source and cached bytecode files of every module loaded now."""
    import importlib.util

    found = set()
    realpath = _realpath_by_folder()
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith((".py", ".pyc")):
            continue
        found.add(realpath(path))
        if path.endswith(".py"):
            try:
                found.add(realpath(importlib.util.cache_from_source(path)))
            except (NotImplementedError, ValueError):
                pass
    return frozenset(found)


def _realpath_by_folder() -> Any:
    """`os.path.realpath`, resolving each folder once: thousands of modules share a few hundred
    folders (torch's), and resolving a path costs a system call per part of it. For an absolute
    path whose folder resolves to a path R that resolves to itself (no link, loop or unreadable
    part left in it), resolving the path is resolving its last part in R, which is what
    `os.path.realpath` would do after walking R again; anything else goes to `os.path.realpath`."""
    import os

    folders: dict[str, str | None] = {}

    def realpath(path: str) -> str:
        folder, name = os.path.split(path)
        if not os.path.isabs(path) or name in ("", ".", "..") or not folder:
            return os.path.realpath(path)
        if folder not in folders:
            real = os.path.realpath(folder)
            folders[folder] = real if os.path.realpath(real) == real else None
        real = folders[folder]
        if real is None:
            return os.path.realpath(path)
        joined = os.path.join(real, name)
        return os.path.realpath(joined) if os.path.islink(joined) else joined

    return realpath


def refuse_reloading(modules: set[str]) -> None:
    """Audit hook (it cannot be removed) for what torch and numpy never need while computing
    and a submission could use to get round the guards: loading a module of `modules` (those
    loaded when the guards went up) a second time, reading or executing the code of a loaded
    module again under another name (a fresh copy of torch.nn.functional would carry unguarded
    routines), gc's walks of the heap, and ctypes."""
    import os

    refused = frozenset({"gc.get_objects", "gc.get_referrers", "gc.get_referents", "ctypes.dlopen",
                         "ctypes.dlsym", "ctypes.dlsym/handle", "ctypes.call_function"})
    sources = _library_sources()

    def loaded_source(path: Any) -> bool:
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        return isinstance(path, str) and path.endswith((".py", ".pyc")) and os.path.realpath(path) in sources

    def hook(event: str, args: tuple) -> None:
        if event == "import" and args and args[0] in modules:
            raise ImportError(f"{args[0]} cannot be loaded a second time while being graded")
        if event == "open" and args and loaded_source(args[0]):
            raise PermissionError(f"{args[0]}: the libraries' own code cannot be read while being graded")
        if event == "exec" and args and loaded_source(getattr(args[0], "co_filename", None)):
            raise ImportError("a loaded library's code cannot be run a second time while being graded")
        if event in refused:
            raise RuntimeError(f"{event} is not allowed while being graded")

    sys.addaudithook(hook)


def warm_up_torch() -> None:
    """Import torch and run, once in the zygote, what loads lazily on first use (the meta
    device's kernels alone import ~800 modules, about 1 s): every forked worker inherits it."""
    import torch
    import torch.nn.functional  # noqa: F401

    for device in ("cpu", "meta"):
        x = torch.ones(2, 3, 4, device=device, dtype=torch.float64, requires_grad=device == "cpu")
        mask = torch.ones(3, 3, dtype=torch.bool, device=device).tril()
        out = torch.softmax((x @ x.transpose(-2, -1) / 2.0).masked_fill(~mask, float("-inf")), dim=-1) @ x
        if device == "cpu":
            out.sum().backward()


def torch_state() -> tuple | None:
    """Torch's global state that changes results and is the module's to choose: the default
    dtype and default device its import left."""
    torch = wire.loaded_torch()
    if torch is None or not hasattr(torch, "get_default_dtype"):
        return None
    device = torch.get_default_device() if hasattr(torch, "get_default_device") else None
    return torch.get_default_dtype(), device


def reset_torch_state(state: tuple | None) -> None:
    """Start a call from `state` (the module's own choice at import, e.g. float64 by default) so
    one call cannot change the next, with grad mode on whatever the import chose: results must be
    differentiable, so `torch.set_grad_enabled(False)` in an inference cell must not fail them."""
    torch = wire.loaded_torch()
    if torch is None or state is None:
        return
    dtype, device = state
    torch.set_grad_enabled(True)
    torch.set_default_dtype(dtype)
    if device is not None and hasattr(torch, "set_default_device") and torch.get_default_device() != device:
        torch.set_default_device(None if device.type == "cpu" else device)


class _HelperFinder:
    """After every real finder: the submission's own helper modules, imported from the source
    text the grader read beside the file (see `grader.helper_modules`), never from disk."""

    def __init__(self, helpers: dict[str, dict]) -> None:
        self.helpers = helpers

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        import importlib.machinery

        helper = self.helpers.get(name)
        if helper is None:
            return None
        spec = importlib.machinery.ModuleSpec(name, self, origin=helper["filename"],
                                              is_package=bool(helper["package"]))
        spec.has_location = True
        return spec

    def create_module(self, spec: Any) -> None:
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        helper = self.helpers[module.__name__]
        module.__file__ = helper["filename"]
        if helper["package"]:
            module.__path__ = []
        exec(compile(helper["source"], helper["filename"], "exec"), module.__dict__)  # noqa: S102


def install_helpers(helpers: list) -> None:
    found = {str(h["name"]): {"filename": str(h["filename"]), "source": str(h["source"]),
                              "package": bool(h.get("package"))} for h in helpers}
    if found:  # before the search of sys.path, as Python puts the script's own folder first
        import importlib.machinery

        at = next((i for i, f in enumerate(sys.meta_path) if f is importlib.machinery.PathFinder), len(sys.meta_path))
        sys.meta_path.insert(at, _HelperFinder(found))


def install_stubs(modules: frozenset[str]) -> None:
    """Banned modules import as stubs whether installed or not (before every real finder: the
    real library is never loaded; in an isolated sandbox its files are not even there), and
    display libraries that are not installed as inert stand-ins (after every real finder)."""
    if modules:
        for name in list(sys.modules):
            if name.split(".")[0] in modules:
                del sys.modules[name]
        sys.meta_path.insert(0, _StubFinder(modules))
    sys.meta_path.append(_StubFinder(DISPLAY_LIBRARIES - modules, _InertStub))


class _NotebookShell:
    """`get_ipython()` for a notebook graded outside Jupyter: IPython rewrites magics and shell
    lines into calls on it (see `grader.submission.cell_python`, which has already turned
    `%time stmt` into plain code). Nothing runs: no shell command, no timing loop, no display;
    `x = !cmd` gives an empty list."""

    def __init__(self, namespace: dict) -> None:
        self._namespace = namespace

    def getoutput(self, *args: Any, **kwargs: Any) -> list:
        return []

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: None


class StandInError(RuntimeError):
    """The grader could not compute a stand-in's result (arguments outside its contract)."""


_STAND_IN_FUNCTION: Any = None


def _stand_in_function(torch: Any) -> Any:
    """An autograd function whose forward and backward are answered by the grader: `ask`
    (first argument of `apply`) is `ask(grads or None)`, returning the outputs or the
    gradients of the tensor arguments, in the order they were handed to `apply`."""
    global _STAND_IN_FUNCTION
    if _STAND_IN_FUNCTION is None:
        class StandIn(torch.autograd.Function):
            @staticmethod
            def forward(ctx: Any, ask: Any, *tensors: Any) -> Any:
                ctx.ask = ask
                value = ask(None)
                outputs = value if isinstance(value, tuple) else (value,)
                ctx.mark_non_differentiable(*[o for o in outputs if isinstance(o, torch.Tensor)
                                              and not o.is_floating_point()])
                return value

            @staticmethod
            def backward(ctx: Any, *grads: Any) -> Any:
                return (None,) + tuple(ctx.ask(grads))

        _STAND_IN_FUNCTION = StandIn
    return _STAND_IN_FUNCTION


class Worker:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.module: types.ModuleType | None = None
        self.filename = "<submission>"
        self.source_lines: list[str] = []
        #: a notebook's cells, by the file name each was compiled under ("softmax.ipynb#cell4")
        self.cell_lines: dict[str, list[str]] = {}
        self.slots: dict[int, Any] = {}
        self.next_slot = 0
        self.fixtures_made: list[fixtures.CountingFunction] = []
        self.torch_state: tuple | None = None

    # ------------------------------------------------------------ errors

    def describe(self, error: BaseException) -> dict:
        """Type, message and the student's line where it was raised ("line 12, in f: ..." in
        a file, "cell 4, line 2, in f: ..." in a notebook), as plain strings."""
        where = ""
        try:
            for frame in reversed(traceback.extract_tb(error.__traceback__)):
                lines = self.cell_lines.get(frame.filename) if frame.filename != self.filename else self.source_lines
                if lines is not None and frame.lineno:
                    line = lines[frame.lineno - 1].strip() if 0 < frame.lineno <= len(lines) else ""
                    cell = frame.filename.rsplit("#cell", 1)[1] if "#cell" in frame.filename else ""
                    where = (f"cell {cell}, " if cell else "") + f"line {frame.lineno}, in {frame.name}: {line}"
                    where = where[:300]
                    break
        except BaseException:  # noqa: BLE001
            where = ""
        message = _safe_text(error)
        if type(error) in (SyntaxError, IndentationError, TabError) and error.filename:
            cell = str(error.filename).rsplit("#cell", 1)[1] if "#cell" in str(error.filename) else ""
            place = f"cell {cell}, " if cell else ("" if error.filename == self.filename else f"{error.filename}, ")
            where = where or (place + f"line {error.lineno}: {(error.text or '').strip()}")[:200]
            message = str(error.msg)[:300] if not place.endswith(".py, ") else \
                f"{str(error.msg)[:200]} ({place}line {error.lineno})"
        return {
            "type": wire._type_name(error),
            "message": message,
            "where": where,
            "not_implemented": isinstance(error, NotImplementedError),
        }

    # ------------------------------------------------------------ values

    def resolve(self, tree: dict, array: np.ndarray | None) -> Any:
        tag = tree["t"]
        if tag == "fixture":
            function = fixtures.make(str(tree["name"]))
            self.fixtures_made.append(function)
            return function
        if tag == "slot":
            value = self.slots[int(tree["slot"])]
            for key in tree.get("path", []):
                value = value[key]
            return value
        import torch  # tensors only reach torch exercises, whose zygote preloaded torch

        dtype = getattr(torch, str(tree["dtype"]).replace("torch.", ""))
        tensor = torch.from_numpy(np.array(array)).to(device=str(tree["device"]), dtype=dtype)
        if tree.get("requires_grad"):
            tensor.requires_grad_(True)
        return tensor

    def decode_call_arguments(self, header: dict, blobs: list[bytes]) -> tuple[list, dict]:
        args = wire.decode(header.get("args", {"t": "list", "items": []}), blobs, self.resolve)
        kwargs = wire.decode(header.get("kwargs", {"t": "dict", "items": {}}), blobs, self.resolve)
        return list(args), dict(kwargs)

    # ------------------------------------------------------------ stand-ins

    def ask_grader(self, name: str, args: list, kwargs: dict, grads: Any = None,
                   wrt: list | None = None) -> Any:
        """The correct result of `name` on these arguments (or, with `grads`, the gradients of
        the arguments at positions/keys `wrt`), computed by the grader."""
        torch = wire.loaded_torch()
        if torch is not None:  # a device or dtype travels by name (`causal_mask(L, device=x.device)`)
            def named(value: Any) -> Any:
                return str(value) if isinstance(value, (torch.device, torch.dtype)) else value

            args, kwargs = [named(a) for a in args], {k: named(v) for k, v in kwargs.items()}
        blobs: list[bytes] = []
        request = {"op": "stand_in", "function": name, "args": wire.encode(list(args), blobs),
                   "kwargs": wire.encode(dict(kwargs), blobs)}
        if grads is not None:
            request["grads"] = wire.encode(list(grads), blobs)
            request["wrt"] = list(wrt or [])
        wire.send_message(self.sock, request, blobs)
        answer, answer_blobs = wire.recv_message(self.sock)
        if not answer.get("ok"):
            kind = {"ValueError": ValueError, "TypeError": TypeError}.get(str(answer.get("type")), StandInError)
            raise kind(str(answer.get("message", ""))[:MAX_MESSAGE])
        return wire.decode(answer["value"], answer_blobs, self.resolve)

    def stand_in(self, name: str) -> Any:
        """A function that answers for the student's `name` with the grader's result."""
        worker = self

        def stand_in(*args: Any, **kwargs: Any) -> Any:
            torch = wire.loaded_torch()
            if torch is None or not torch.is_grad_enabled():
                return worker.ask_grader(name, list(args), kwargs)
            wrt = [i for i, a in enumerate(args) if isinstance(a, torch.Tensor) and a.requires_grad]
            wrt += [k for k, a in kwargs.items() if isinstance(a, torch.Tensor) and a.requires_grad]
            if not wrt:
                return worker.ask_grader(name, list(args), kwargs)
            inputs = [args[i] if isinstance(i, int) else kwargs[i] for i in wrt]

            def ask(grads: Any) -> Any:
                if grads is None:
                    return worker.ask_grader(name, list(args), kwargs)
                return worker.ask_grader(name, list(args), kwargs, grads=grads, wrt=wrt)

            return _stand_in_function(torch).apply(ask, *inputs)

        stand_in.__name__ = stand_in.__qualname__ = name
        return stand_in

    def swap_in_stand_ins(self, names: list) -> dict:
        """Point each of `names` in the student's module at a stand-in; returns what to restore."""
        saved: dict = {}
        namespace = self.module.__dict__
        for name in names:
            saved[name] = namespace.get(name, _ABSENT)
            namespace[name] = self.stand_in(name)
        return saved

    def restore(self, saved: dict) -> None:
        namespace = self.module.__dict__
        for name, value in saved.items():
            if value is _ABSENT:
                namespace.pop(name, None)
            else:
                namespace[name] = value

    # ------------------------------------------------------------ requests

    def load(self, header: dict) -> dict:
        install_helpers(list(header.get("helpers", [])))
        install_stubs(frozenset(str(m) for m in header.get("stub_modules", [])))
        install_guards(tuple(str(w) for w in header.get("guards", [])))
        refuse_reloading(set(sys.modules))
        self.filename = str(header["filename"])
        source = str(header["source"])
        self.source_lines = source.splitlines()
        module = types.ModuleType(str(header["module"]))
        module.__file__ = self.filename
        if header.get("cells") is not None:
            return self.run_cells(module, list(header["cells"]))
        try:
            code = compile(source, self.filename, "exec")
            sys.modules[module.__name__] = module
            exec(code, module.__dict__)  # noqa: S102 - running the student's module is the point
        except BaseException as error:  # noqa: BLE001 - SystemExit and KeyboardInterrupt too
            restore_builtins()
            return {"ok": False, "error": self.describe(error)}
        restore_builtins()
        self.module = module
        self.torch_state = torch_state()
        return {"ok": True}

    def run_cells(self, module: types.ModuleType, cells: list) -> dict:
        """Run a notebook's code cells in order in `module`, as Jupyter (and nbgrader's
        autograde) would: a cell that raises is recorded and the next one runs. The reply's
        value lists the cells that raised: number, type, message, where."""
        sys.modules[module.__name__] = module
        shell = _NotebookShell(module.__dict__)
        module.__dict__["get_ipython"] = lambda: shell
        module.__dict__["display"] = lambda *args, **kwargs: None  # Jupyter's own, without an import
        errors: list[dict] = []
        for cell in cells:
            number, code = int(cell["number"]), str(cell["source"])
            filename = f"{self.filename}#cell{number}"
            self.cell_lines[filename] = code.splitlines()
            try:
                exec(compile(code, filename, "exec"), module.__dict__)  # noqa: S102 - the student's cell
            except BaseException as error:  # noqa: BLE001 - SystemExit and KeyboardInterrupt too
                restore_builtins()
                if len(errors) < 20:
                    errors.append({"cell": number, **self.describe(error)})
        restore_builtins()
        self.module = module
        self.torch_state = torch_state()
        out: list[bytes] = []
        return {"ok": True, "value": wire.encode(errors, out)}

    def call(self, header: dict, blobs: list[bytes]) -> tuple[dict, list[bytes]]:
        """Call the student's function; the names in `stand_ins` answer from the grader meanwhile
        (the backward through the result included)."""
        names = [str(n) for n in header.get("stand_ins", []) if str(n) != str(header["function"])]
        saved = self.swap_in_stand_ins(names) if names and self.module is not None else {}
        try:
            return self._call(header, blobs)
        finally:
            self.restore(saved)

    def _call(self, header: dict, blobs: list[bytes]) -> tuple[dict, list[bytes]]:
        name = str(header["function"])
        function = self.module.__dict__.get(name) if self.module is not None else None
        if function is None:
            return {"ok": False, "error": {"type": "missing", "message": f"no function named {name}",
                                           "where": "", "not_implemented": False}}, []
        if not callable(function):
            return {"ok": False, "error": {"type": "not callable",
                                           "message": f"{name} is not a function",
                                           "where": "", "not_implemented": False}}, []
        self.fixtures_made = []
        args, kwargs = self.decode_call_arguments(header, blobs)
        fp_errors: list[str] = []

        def record(kind: str, flag: int) -> None:
            if len(fp_errors) < 8 and kind not in fp_errors:
                fp_errors.append(kind)

        torch = wire.loaded_torch()
        reset_torch_state(self.torch_state)
        lines = [0]
        try:
            with _ERRSTATE(call=record, over="call", divide="call", invalid="call", under="ignore"):
                if header.get("count_lines"):
                    sys.settrace(_line_counter(lines))
                try:
                    value = function(*args, **kwargs)
                finally:
                    if header.get("count_lines"):
                        sys.settrace(None)
                if torch is not None and torch.cuda.is_available() and torch.cuda.is_initialized():
                    torch.cuda.synchronize()
        except BaseException as error:  # noqa: BLE001
            restore_builtins()
            return {"ok": False, "error": self.describe(error), "fp_errors": fp_errors}, []
        restore_builtins()
        reply: dict = {"ok": True, "fp_errors": fp_errors,
                       "fixture_calls": [f.calls for f in self.fixtures_made]}
        if header.get("count_lines"):
            reply["lines"] = lines[0]
        out_blobs: list[bytes] = []
        if not header.get("discard"):
            reply["value"] = wire.encode(value, out_blobs)
        if header.get("return_args"):
            reply["args_after"] = wire.encode(list(args), out_blobs)
            reply["kwargs_after"] = wire.encode(dict(kwargs), out_blobs)
        if header.get("backward") is not None:
            reply["grads"] = self.backward(value, args, header["backward"], blobs, out_blobs)
        if header.get("keep"):
            self.slots[self.next_slot] = value
            reply["slot"] = self.next_slot
            self.next_slot += 1
        return reply, out_blobs

    def backward(self, value: Any, args: list, spec: dict, blobs: list[bytes],
                 out_blobs: list[bytes]) -> Any:
        """Run autograd from the chosen outputs with the grader's upstream gradients and
        return the gradient of each positional tensor argument that required one."""
        import torch

        try:
            outputs = []
            for path in spec["paths"]:
                selected = value
                for key in path:
                    selected = selected[key]
                outputs.append(selected)
            upstream = [wire.decode(tree, blobs, self.resolve) for tree in spec["upstream"]]
            usable = [(o, u) for o, u in zip(outputs, upstream)
                      if type(o) is torch.Tensor and o.requires_grad]
            if not usable:
                return {"t": "opaque", "type": "no output is connected to the inputs by autograd"}
            torch.autograd.backward([o for o, _ in usable], [u.to(o.dtype) for o, u in usable])
        except BaseException as error:  # noqa: BLE001
            return {"t": "opaque", "type": f"backward failed: {self.describe(error)['message']}"[:300]}
        grads = [a.grad if type(a) is torch.Tensor and a.requires_grad else None for a in args]
        return wire.encode(grads, out_blobs)

    def store(self, header: dict, blobs: list[bytes]) -> dict:
        value = wire.decode(header["value"], blobs, self.resolve)
        self.slots[self.next_slot] = value
        self.next_slot += 1
        return {"ok": True, "slot": self.next_slot - 1}

    def fetch(self, header: dict) -> tuple[dict, list[bytes]]:
        """Send back a kept value (e.g. a timed call's result, measured without its transfer)
        and forget it."""
        out_blobs: list[bytes] = []
        value = self.slots.pop(int(header["slot"]))
        return {"ok": True, "value": wire.encode(value, out_blobs)}, out_blobs

    def serve(self) -> None:
        while True:
            try:
                header, blobs = wire.recv_message(self.sock)
            except (wire.WireError, OSError):
                return
            op = header.get("op")
            out_blobs: list[bytes] = []
            try:
                if op == "load":
                    reply = self.load(header)
                elif op == "call":
                    reply, out_blobs = self.call(header, blobs)
                elif op == "store":
                    reply = self.store(header, blobs)
                elif op == "fetch":
                    reply, out_blobs = self.fetch(header)
                elif op == "release":
                    for slot in header.get("slots", []):
                        self.slots.pop(slot, None)
                    reply = {"ok": True}
                elif op == "exit":
                    return
                else:
                    reply = {"ok": False, "error": {"type": "protocol", "message": f"unknown op {op}",
                                                    "where": "", "not_implemented": False}}
            except BaseException as error:  # noqa: BLE001 - keep serving whatever happened
                reply = {"ok": False, "error": self.describe(error)}
                out_blobs = []
            try:
                wire.send_message(self.sock, reply, out_blobs)
            except (OSError, ValueError, TypeError):
                try:
                    wire.send_message(self.sock, {"ok": False, "error": {
                        "type": "unsendable", "message": "the result could not be sent back",
                        "where": "", "not_implemented": False}})
                except OSError:
                    return
