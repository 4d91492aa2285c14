"""Static analysis of a submission's source: which functions use banned APIs.

Runs in the grader's process on the AST only; the student's code is never executed here. A
function is *tainted* when its body names a banned module or routine (through any import
alias), imports one, uses dynamic code (`__import__`, `importlib`, `exec`, `eval`), or calls
another top-level function or class that is tainted. Only tainted functions lose their points:
an unused `import scipy` at the top of the file costs nothing.
"""

from __future__ import annotations

import ast
from collections import ChainMap, deque
from dataclasses import dataclass, field
from typing import Any, Sequence

from grader.i18n import N_, _
from grader.spec import BannedPolicy


class Reason(str):
    """Why something is banned, in the words a student reads (in the language of the run), with
    what the analysis itself needs to know about it: the words are never read back."""

    #: it tampers with the grader (dynamic code, the interpreter's internals, the grader's modules)
    tampering: bool = False
    #: it already says which helper module it is in
    in_helper_module: bool = False
    #: it already says which helper function it comes through
    through_helper: bool = False


def banned_reason(text: str, like: object = None, **flags: bool) -> Reason:
    """`text` as a Reason with the flags of `like` (the reason it was made from) and `flags`."""
    made = Reason(text)
    for flag in ("tampering", "in_helper_module", "through_helper"):
        setattr(made, flag, flags.get(flag, getattr(like, flag, False)))
    return made


#: Never allowed in any submission, with why: reaching the grader, loading code behind its back,
#: or reaching past Python into the process (the sandbox refuses these at run time too; the
#: static ban is what names them in the report)
ALWAYS_BANNED_REASONS = {
    "grader": N_("code outside your submission"), "reference": N_("code outside your submission"),
    "importlib": N_("code outside your submission"), "pickle": N_("loads code behind the grader's back"),
    "marshal": N_("loads code behind the grader's back"), "ctypes": N_("reaches past Python into the process"),
    "gc": N_("reaches objects that are not yours"), "subprocess": N_("starts programs outside your submission"),
    "builtins": N_("reaches Python's machinery behind the grader's back"),
}
#: the interpreter's own machinery: frames, the module table, import hooks, code objects. No
#: exercise needs them; they are how code reaches the grader's objects in its process.
INTERNAL_PATHS = frozenset({"sys.modules", "sys._getframe", "sys._current_frames", "sys.meta_path",
                            "sys.path_hooks", "sys.path_importer_cache", "sys.settrace", "sys.setprofile",
                            "sys.addaudithook",
                            # frames by other names: the grader's own locals are one frame away
                            "inspect.stack", "inspect.currentframe", "inspect.getouterframes",
                            "inspect.getinnerframes", "inspect.trace", "inspect.getargvalues",
                            "inspect.getframeinfo", "inspect.getgeneratorlocals", "inspect.getcoroutinelocals",
                            "inspect.getclosurevars", "traceback.walk_stack", "traceback.walk_tb"})
INTERNAL_ATTRIBUTES = frozenset({"__subclasses__", "__globals__", "__code__", "__closure__", "__builtins__",
                                 "f_back", "f_locals", "f_globals", "f_builtins", "tb_frame", "gi_frame",
                                 "cr_frame", "__loader__", "__spec__"})
ALWAYS_BANNED_MODULES = frozenset(ALWAYS_BANNED_REASONS)
DYNAMIC_CODE = frozenset({"__import__", "exec", "eval", "compile", "__builtins__"})
#: key under which the module's `from X import *` modules are listed among its aliases
_STARS = "*"
#: what a file Python itself cannot parse for its depth is told (the parser's own limits:
#: 200 nested brackets, then its stack, then the depth of the tree it builds)
TOO_DEEP = N_("expressions nested too deeply for Python to read; split them into smaller statements")


@dataclass
class StaticReport:
    syntax_error: str | None = None
    functions: set[str] = field(default_factory=set)
    banned_uses: dict[str, str] = field(default_factory=dict)
    #: False for a file of nothing but blank lines, comments and docstrings
    has_code: bool = True
    #: the names each top-level function or class mentions (its body, defaults, decorators)
    uses: dict[str, set[str]] = field(default_factory=dict)
    #: module-level names bound to something banned (`expit = scipy.special.expit`)
    tainted_names: dict[str, str] = field(default_factory=dict)
    #: what the top-level code does that no submission may (it costs every function), or None
    tampering: str | None = None

    def reaches(self, name: str) -> set[str]:
        """The top-level functions `name` may call, directly or through its helpers."""
        reached, todo = set(), [name]
        while todo:
            for used in self.uses.get(todo.pop(), ()):
                if used in self.uses and used not in reached and used != name:
                    reached.add(used)
                    todo.append(used)
        return reached


def _import_aliases(node: ast.AST) -> dict[str, str]:
    """Local name -> full dotted path for every import statement directly in `node`'s body."""
    aliases: dict[str, str] = {}
    for child in ast.walk(node):
        if isinstance(child, ast.Import):
            for alias in child.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    aliases[top] = top
        elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
            for alias in child.names:
                if alias.name == "*":
                    aliases[f"*{child.module}"] = child.module
                else:
                    aliases[alias.asname or alias.name] = f"{child.module}.{alias.name}"
    return aliases


def _dotted(node: ast.AST) -> list[str] | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return None


def _named_attribute(node: ast.AST, local: Any) -> tuple[str, str] | None:
    """`getattr(sys, "modules")` (or setattr, delattr, hasattr) as ("modules", "sys.modules"):
    an attribute named by a string is the attribute itself (the path is "" when the object is
    not an imported name)."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "delattr", "hasattr") and len(node.args) >= 2):
        return None
    name = node.args[1]
    if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
        return None
    parts = _dotted(node.args[0])
    path = ".".join([local[parts[0]]] + parts[1:] + [name.value]) if parts and parts[0] in local else ""
    return name.value, path


class _Judge:
    def __init__(self, policy: BannedPolicy, helper_taints: dict[str, str] | None = None) -> None:
        self.policy = policy
        self.modules = policy.modules | ALWAYS_BANNED_MODULES
        #: "module.name" -> reason, for what the submission's helper modules define with banned code
        self.helper_taints = helper_taints or {}
        #: helper module -> the reason of the first tainted name in it (for `import module`)
        self.tainted_modules: dict[str, str] = {}
        for name, reason in self.helper_taints.items():
            parts = name.split(".")
            for end in range(1, len(parts)):
                self.tainted_modules.setdefault(".".join(parts[:end]), reason)

    def path_reason(self, path: str, whole_module: bool = False) -> str | None:
        """Why `path` (a dotted name) is banned, or None. `whole_module`: an import of a helper
        module with anything banned in it counts (its names are not known where it is used)."""
        if path in self.helper_taints:
            return self.helper_taints[path]
        if whole_module and path in self.tainted_modules:
            return self.tainted_modules[path]
        parts = path.split(".")
        if ".".join(parts[:2]) in INTERNAL_PATHS:
            return banned_reason(_("`{path}` (the interpreter's internals)").format(path=path), tampering=True)
        if parts[0] in self.modules:
            return banned_reason(_("`{path}` (the {library} library)").format(path=path, library=parts[0])) \
                if parts[0] not in ALWAYS_BANNED_MODULES else \
                banned_reason(f"`{path}` ({_(ALWAYS_BANNED_REASONS[parts[0]])})",
                       tampering=ALWAYS_BANNED_REASONS[parts[0]] in _TAMPERING_REASONS)
        if self.policy.within and parts[0] == self.policy.within:
            for part in parts[1:]:
                if part in self.policy.names or part.startswith(self.policy.prefixes or ("\0",)):
                    return banned_reason(f"`{path}`")
        return None

    def node_reason(self, node: ast.AST, aliases: dict[str, str]) -> str | None:
        """Why this function/statement body is banned on its own, or None."""
        own = _import_aliases(node)
        local = ChainMap(own, aliases)  # not a copy: a file with thousands of imports and functions stays linear
        star_modules = [m for k, m in own.items() if k.startswith("*")]
        star_modules += aliases.get(_STARS, ())
        for module in star_modules:
            reason = self.path_reason(module)
            if reason:
                return reason
        for child in ast.walk(node):
            named = _named_attribute(child, local)
            if named is not None:
                attribute, path = named
                if attribute in INTERNAL_ATTRIBUTES:
                    return banned_reason(_("`.{attribute}` (the interpreter's internals)").format(attribute=attribute),
                                  tampering=True)
                reason = self.path_reason(path) if path else None
                if reason:
                    return reason
            if isinstance(child, ast.Import):
                for alias in child.names:
                    reason = self.path_reason(alias.name, whole_module=True)
                    if reason:
                        return reason
            elif isinstance(child, ast.ImportFrom):
                module = child.module or ""
                reason = self.path_reason(module) or next(
                    (r for a in child.names for r in [self.path_reason(f"{module}.{a.name}", a.name == "*")] if r), None)
                if reason:
                    return reason
            elif isinstance(child, ast.Name) and child.id in DYNAMIC_CODE:
                return banned_reason(_("`{name}` (dynamic code execution)").format(name=child.id), tampering=True)
            elif isinstance(child, ast.Attribute) and child.attr in INTERNAL_ATTRIBUTES:
                return banned_reason(_("`.{attribute}` (the interpreter's internals)").format(attribute=child.attr),
                              tampering=True)
            elif isinstance(child, (ast.Attribute, ast.Name)):
                parts = _dotted(child)
                if parts and parts[0] in local:
                    reason = self.path_reason(".".join([local[parts[0]]] + parts[1:]))
                    if reason:
                        return reason
            elif isinstance(child, ast.Constant) and isinstance(child.value, str):
                if child.value in self.policy.names or child.value.split(".")[0] in self.modules - {"grader"}:
                    if child.value in self.policy.names or "." in child.value or child.value in self.modules:
                        return banned_reason(_("the name {name} as a string").format(name=repr(child.value)))
        return None


#: what top-level code may not touch: reaching the grader or the worker's own objects. Narrower
#: than what functions may not use: a notebook's cells run at import too, and `gc.collect()`,
#: `pickle.load(...)` or `importlib.reload(...)` there are a student's housekeeping, not tampering.
TAMPERING_MODULES = frozenset({"grader", "reference", "ctypes", "builtins"})
HEAP_WALKS = frozenset({"gc.get_objects", "gc.get_referrers", "gc.get_referents"})


def _tampering_reason(node: ast.AST, aliases: dict) -> str | None:
    local = ChainMap(_import_aliases(node), aliases)
    for child in ast.walk(node):
        if isinstance(child, ast.Name) and child.id in DYNAMIC_CODE:
            return banned_reason(_("`{name}` (dynamic code execution)").format(name=child.id), tampering=True)
        if isinstance(child, ast.Attribute) and child.attr in INTERNAL_ATTRIBUTES:
            return banned_reason(_("`.{attribute}` (the interpreter's internals)").format(attribute=child.attr),
                          tampering=True)
        named = _named_attribute(child, local)
        if named is not None and named[0] in INTERNAL_ATTRIBUTES:
            return banned_reason(_("`.{attribute}` (the interpreter's internals)").format(attribute=named[0]),
                          tampering=True)
        if named is not None and named[1]:
            paths = [named[1]]
        elif isinstance(child, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in child.names] if isinstance(child, ast.Import) else [child.module or ""]
            paths = names
        elif isinstance(child, (ast.Attribute, ast.Name)):
            parts = _dotted(child)
            paths = [".".join([local[parts[0]]] + parts[1:])] if parts and parts[0] in local else []
        else:
            continue
        for path in paths:
            if ".".join(path.split(".")[:2]) in INTERNAL_PATHS:
                return banned_reason(_("`{path}` (the interpreter's internals)").format(path=path), tampering=True)
            if path in HEAP_WALKS:
                return banned_reason(f"`{path}` ({_(ALWAYS_BANNED_REASONS['gc'])})", tampering=True)
            top = path.split(".")[0]
            if top in TAMPERING_MODULES:
                return banned_reason(f"`{path}` ({_(ALWAYS_BANNED_REASONS[top])})", tampering=True)
    return None


#: the reasons of modules whose use tampers with the grader, not just uses a banned library
#: (a reason says so in `Reason.tampering`: its words are in the language of the run)
_TAMPERING_REASONS = frozenset(ALWAYS_BANNED_REASONS[m] for m in TAMPERING_MODULES)


def _top_level_calls_of_tampering(tree: ast.Module, reasons: dict[str, str]) -> str | None:
    """A top-level statement that uses a definition whose own code tampers (`_setup()` where
    `_setup` runs `exec`): it runs at import, before every function."""
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import,
                                  ast.ImportFrom)) or _is_main_guard(statement):
            continue
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and node.id in reasons \
                    and getattr(reasons[node.id], "tampering", False):
                return banned_reason(_("{reason} through `{name}`, used").format(reason=reasons[node.id], name=node.id),
                              reasons[node.id])
    return None


def _is_main_guard(statement: ast.stmt) -> bool:
    """`if __name__ == "__main__":`: a student's own tests, never run when graded."""
    test = statement.test if isinstance(statement, ast.If) else None
    return isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"


def _top_level_tampering(tree: ast.Module, aliases: dict) -> str | None:
    """Why the code run at import (outside definitions, imports and the `__main__` block)
    tampers with what no submission may touch (see TAMPERING_MODULES), or None. Libraries an
    assignment bans are not this function's business: used at import they fail at run time
    for every function anyway."""
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import,
                                  ast.ImportFrom)) or _is_main_guard(statement):
            continue
        reason = _tampering_reason(statement, aliases)
        if reason:
            return reason
    return None


def helper_taints(helpers: Sequence[Any], policy: BannedPolicy) -> tuple[dict[str, str], str | None]:
    """What the submission's helper modules (`grader.helper_modules.HelperModule`) define or
    import with banned code, as {"module.name": reason}, and the first tampering their top-level
    code does (it runs when the submission imports them), or None. A helper that imports
    another inherits its taints: passes repeat until nothing changes (one per link at most)."""
    taints: dict[str, str] = {}
    tampering = None
    for __ in range(len(helpers) + 1):
        before = dict(taints)
        for helper in helpers:
            package = helper.name if helper.package else helper.name.rpartition(".")[0]
            report = analyse(helper.source, policy, taints=before, package=package)
            where = _(" in your helper module `{file}`").format(file=helper.filename)
            for name, why in {**report.tainted_names, **report.banned_uses}.items():
                taints[f"{helper.name}.{name}"] = why if getattr(why, "in_helper_module", False) else \
                    banned_reason(why + where, why, in_helper_module=True)
            if report.tampering and tampering is None:
                tampering = banned_reason(report.tampering + where, report.tampering, in_helper_module=True)
        if taints == before:
            break
    return taints, tampering


def analyse(source: str, policy: BannedPolicy, helpers: Sequence[Any] = (),
            taints: dict[str, str] | None = None, package: str = "") -> StaticReport:
    """Which functions of `source` use what `policy` bans, directly, through a helper function
    or through a helper module beside the file (`helpers`). Never raises: a file Python cannot
    read (a syntax error, nesting deeper than its parser allows, null bytes) comes back as
    `syntax_error`, a one-line reason, so one student's file never stops a class."""
    try:
        if helpers:
            taints, tampering = helper_taints(helpers, policy)
            report = _analyse(source, policy, taints, package)
            if tampering and not report.syntax_error:
                report.banned_uses = {name: tampering for name in report.functions}
            return report
        return _analyse(source, policy, taints, package)
    except (RecursionError, MemoryError):
        return StaticReport(syntax_error=_(TOO_DEEP))
    except Exception as error:  # noqa: BLE001 - nothing in a student's file may crash the grader
        return StaticReport(syntax_error=_("Python cannot read this file ({error})").format(
            error=f"{type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else ''}"))


def _absolute_imports(tree: ast.Module, package: str) -> None:
    """`from .util import x` inside helper package `package` read as `from package.util import x`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            parts = package.split(".") if package else []
            base = parts[:len(parts) - (node.level - 1)] if node.level - 1 <= len(parts) else []
            node.module = ".".join(base + ([node.module] if node.module else []))
            node.level = 0


def _analyse(source: str, policy: BannedPolicy, taints: dict[str, str] | None = None,
             package: str = "") -> StaticReport:
    report = StaticReport()
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        if "too many nested" in str(error.msg) or "too complex" in str(error.msg):
            report.syntax_error = _(TOO_DEEP)
            return report
        line = _("line {line}: ").format(line=error.lineno) if error.lineno else ""
        report.syntax_error = f"{line}{error.msg}"
        return report
    except ValueError as error:  # null bytes, on Pythons that do not call it a SyntaxError
        report.syntax_error = str(error).splitlines()[0][:200] if str(error) else _("unreadable source")
        return report
    report.has_code = any(not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant))
                          for statement in tree.body)
    if package:
        _absolute_imports(tree, package)
    judge = _Judge(policy, taints)
    aliases: dict = _import_aliases(ast.Module(body=[s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))],
                                               type_ignores=[]))
    aliases[_STARS] = [m for k, m in aliases.items() if k.startswith("*")]
    for star in aliases[_STARS]:  # the banned names a helper's star import brings in
        for name in judge.helper_taints:
            rest = name[len(star) + 1:] if name.startswith(star + ".") else ""
            if rest and "." not in rest and not rest.startswith("_"):
                aliases.setdefault(rest, name)
    # Module-level names bound to something banned (`expit = scipy.special.expit`).
    tainted_names: dict[str, str] = {}
    definitions: dict[str, ast.AST] = {}

    def define(name: str, node: ast.AST) -> None:
        # every definition a name ever had counts (`_keep = _impl` then a new `_impl`: the
        # first one still runs); `sigmoid = make()` uses what `make` uses
        definitions[name] = node if name not in definitions else ast.Module(body=[definitions[name], node],
                                                                            type_ignores=[])

    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            define(statement.name, statement)
        elif isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            reason = judge.node_reason(statement.value, aliases)
            for target in targets:
                if isinstance(target, ast.Name):
                    if reason:
                        tainted_names[target.id] = reason
                    else:
                        define(target.id, statement.value)
    # Names imported at module level from something banned (`from scipy.special import softmax`,
    # or a helper's banned function): an exercise imported rather than defined is judged too.
    for name, path in aliases.items():
        if name != _STARS and not name.startswith("*") and name not in definitions and name not in tainted_names:
            reason = judge.path_reason(path)
            if reason:
                tainted_names[name] = reason
    report.functions = set(definitions)
    reasons = {name: judge.node_reason(node, aliases) for name, node in definitions.items()}
    reasons = {name: reason for name, reason in reasons.items() if reason}
    imported = {alias.asname or alias.name for statement in tree.body if isinstance(statement, ast.ImportFrom)
                for alias in statement.names}
    reasons.update({name: reason for name, reason in tainted_names.items() if name in imported})
    report.tainted_names = dict(tainted_names)
    tampering = _top_level_tampering(tree, aliases) or _top_level_calls_of_tampering(tree, reasons)
    report.tampering = tampering
    if tampering:
        reasons = {name: banned_reason(_("{reason} in your file's top-level code, which runs before every function").format(
                   reason=tampering), tampering) for name in definitions}
    uses = {name: {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} for name, node in definitions.items()}
    report.uses = uses

    def inherited(name: str) -> str | None:
        """The reason `name` is tainted through what it uses, or None."""
        for used in sorted(uses[name]):
            if used in tainted_names:
                return tainted_names[used]
            if used in reasons and used != name:
                return banned_reason(_("{reason} through your helper `{name}`").format(reason=reasons[used], name=used),
                              reasons[used], through_helper=True) \
                    if not getattr(reasons[used], "through_helper", False) else reasons[used]
        return None

    # Taint spreads from callee to caller: a worklist over who uses whom, so a long chain of
    # helpers costs one visit each (not one pass over the file per link).
    callers: dict[str, set[str]] = {}
    for name, names in uses.items():
        for used in names:
            if used != name and used in definitions:
                callers.setdefault(used, set()).add(name)
    queue = deque(sorted(reasons))
    for name in sorted(uses):
        if name not in reasons:
            reason = inherited(name)
            if reason:
                reasons[name] = reason
                queue.append(name)
    while queue:
        done = queue.popleft()
        for caller in sorted(callers.get(done, ())):
            if caller not in reasons:
                reasons[caller] = inherited(caller) or reasons[done]
                queue.append(caller)
    report.banned_uses = reasons
    return report
