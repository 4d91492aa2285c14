"""The student stubs agree with the student contract (SYLLABUS.md), read statically with ast.

The expected signatures are copied verbatim from the tables of the SYLLABUS (which lives
outside this repository, so CI cannot read it): when the SYLLABUS changes, change them here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: assignment folder -> (stub module, the signatures of its SYLLABUS table, in order)
SYLLABUS = {
    "01_activations": ("activations.py", [
        "sigmoid(x)",
        "sigmoid_backward(dout, x)",
        "relu(x)",
        "relu_backward(dout, x)",
        "leaky_relu(x, alpha=0.01)",
        "tanh(x)",
        "numerical_gradient(f, x, h=1e-5)",
    ]),
    "02_backprop": ("backprop.py", [
        "affine_forward(x, w, b)",
        "affine_backward(dout, cache)",
        "relu_forward(x)",
        "relu_backward(dout, cache)",
        "two_layer_net(X, y, params, reg=0.0)",
    ]),
    "03_optimizers": ("optimizers.py", [
        "sgd(w, dw, state, lr=1e-2)",
        "momentum(w, dw, state, lr=1e-2, mu=0.9)",
        "adagrad(w, dw, state, lr=1e-2, eps=1e-10)",
        "rmsprop(w, dw, state, lr=1e-2, alpha=0.99, eps=1e-8)",
        "adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8)",
    ]),
    "04_convolution": ("convolution.py", [
        "conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1)",
        "pool2d_output_size(h, w, kernel_size, stride=None, padding=0, ceil_mode=False)",
        "conv2d_forward(x, w, b, stride=1, padding=0)",
        "max_pool2d_forward(x, kernel_size, stride=None)",
    ]),
    "05_softmax": ("softmax.py", [
        "softmax(logits, axis=-1)",
        "log_softmax(logits, axis=-1)",
        "softmax_cross_entropy(logits, labels)",
    ]),
    "06_attention": ("attention.py", [
        "scaled_dot_product_attention(q, k, v, mask=None)",
        "causal_mask(L, device=None)",
        "self_attention(x, w_q, w_k, w_v, causal=False)",
        "multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False)",
        "positional_encoding(seq_len, d_model)",
    ]),
}

#: functions whose output is bounded by 1: the SYLLABUS's absolute tolerance floor applies
BOUNDED_OUTPUTS = {"01_activations": ["sigmoid", "tanh"], "05_softmax": ["softmax"]}

FUNCTIONS = [(assignment, signature) for assignment, (_, signatures) in SYLLABUS.items()
             for signature in signatures]

#: the wording the grader contradicts: it accepts tiny bounded outputs rounded to 0
ROUND_TO_ZERO_BAN = re.compile(
    r"\bnot\s+(?:be\s+)?(?:rounded|round|flushed|flush)\s+(?:down\s+)?to\s+(?:0|zero)\b"
    r"|\bmust\s+not\s+(?:be\s+)?(?:rounded|round|underflow)"
    r"|\bnever\s+(?:be\s+)?(?:rounded|round)\s+to\s+(?:0|zero)\b"
    r"|\btiny\s+(?:results|values|outputs)[^.]*\bmust\s+be\s+accurate",
    re.IGNORECASE)


def _module(assignment: str) -> ast.Module:
    module, _ = SYLLABUS[assignment]
    return ast.parse((ROOT / "assignments" / assignment / module).read_text())


def _functions(assignment: str) -> dict[str, ast.FunctionDef]:
    return {node.name: node for node in _module(assignment).body if isinstance(node, ast.FunctionDef)}


def _flat(text: str | None) -> str:
    """A docstring on one line, runs of whitespace made single spaces."""
    return " ".join((text or "").split())


def _shape(arguments: ast.arguments) -> list[tuple[str, object]]:
    """[(name, default)] of plain positional-or-keyword arguments; anything else is listed as
    such, so that it differs from every SYLLABUS signature (which has none)."""
    shape: list[tuple[str, object]] = [("/" + a.arg, None) for a in arguments.posonlyargs]
    plain = arguments.args
    defaults = [None] * (len(plain) - len(arguments.defaults)) + list(arguments.defaults)
    for arg, default in zip(plain, defaults):
        shape.append((arg.arg, "<none>" if default is None else ast.literal_eval(default)))
    if arguments.vararg:
        shape.append(("*" + arguments.vararg.arg, None))
    shape += [("*, " + a.arg, None) for a in arguments.kwonlyargs]
    if arguments.kwarg:
        shape.append(("**" + arguments.kwarg.arg, None))
    return shape


def _expected(signature: str) -> tuple[str, list[tuple[str, object]]]:
    node = ast.parse(f"def {signature}: pass").body[0]
    assert isinstance(node, ast.FunctionDef)
    return node.name, _shape(node.args)


def _all_docstrings(assignment: str) -> dict[str, str]:
    tree = _module(assignment)
    docs = {"<module>": ast.get_docstring(tree) or ""}
    docs.update({name: ast.get_docstring(node) or "" for name, node in _functions(assignment).items()})
    return docs


@pytest.mark.parametrize("assignment,signature", FUNCTIONS)
def test_every_syllabus_function_is_in_its_stub_with_the_syllabus_signature(assignment, signature):
    name, expected = _expected(signature)
    functions = _functions(assignment)
    assert name in functions, f"{assignment}: {name} is missing"
    assert _shape(functions[name].args) == expected, f"{assignment}: {name} differs from `{signature}`"
    assert not functions[name].decorator_list, f"{assignment}: {name} is decorated"


@pytest.mark.parametrize("assignment,signature", FUNCTIONS)
def test_every_stub_has_a_docstring_and_only_raises_not_implemented(assignment, signature):
    name, _ = _expected(signature)
    node = _functions(assignment)[name]
    assert ast.get_docstring(node), f"{assignment}: {name} has no docstring"
    body = node.body[1:]
    assert len(body) == 1 and isinstance(body[0], ast.Raise), f"{assignment}: {name}'s body is not one raise"
    raised = body[0].exc
    if isinstance(raised, ast.Call):
        raised = raised.func
    assert isinstance(raised, ast.Name) and raised.id == "NotImplementedError", f"{assignment}: {name}"


@pytest.mark.parametrize("assignment", sorted(SYLLABUS))
def test_module_docstring_states_the_one_mistake_rule(assignment):
    doc = _flat(ast.get_docstring(_module(assignment)))
    assert "One mistake costs one exercise" in doc, assignment
    rule = "calls another function of this file is judged as if the one it calls were right"
    assert rule in doc, assignment


@pytest.mark.parametrize("assignment", sorted(SYLLABUS))
def test_module_docstring_names_the_command_the_readme_installs(assignment):
    doc = _flat(ast.get_docstring(_module(assignment)))
    command = f".venv/bin/grade assignments/{assignment}"
    assert command in doc, assignment
    assert (ROOT / "assignments" / assignment).is_dir()
    # `grade` with no argument is only offered together with the venv that puts it on PATH
    assert "Run ``grade`` in this folder to check your work" not in doc


@pytest.mark.parametrize("assignment", sorted(SYLLABUS))
def test_no_stub_claims_tiny_values_must_not_round_to_zero(assignment):
    for where, doc in _all_docstrings(assignment).items():
        found = ROUND_TO_ZERO_BAN.search(_flat(doc))
        assert found is None, f"{assignment}: {where} says {found.group(0)!r}; the SYLLABUS floor allows it"
    text = (ROOT / "assignments" / assignment / SYLLABUS[assignment][0]).read_text()
    assert ROUND_TO_ZERO_BAN.search(_flat(text)) is None, f"{assignment}: a comment forbids rounding to 0"


@pytest.mark.parametrize("wording", [
    "tiny results such as sigmoid(-30.0) (about 9.4e-14) must be accurate, not rounded to 0.",
    "Small outputs must not be rounded to zero.",
    "values must never round to 0",
])
def test_round_to_zero_detector_catches_the_old_wording(wording):
    assert ROUND_TO_ZERO_BAN.search(_flat(wording)) is not None


@pytest.mark.parametrize("assignment,function", [(a, f) for a, fs in BOUNDED_OUTPUTS.items() for f in fs])
def test_bounded_outputs_state_the_absolute_tolerance_floor(assignment, function):
    doc = _flat(_all_docstrings(assignment)[function])
    assert "bounded by 1" in doc and "eps" in doc and "rounding" in doc, f"{assignment}: {function}"
    module_doc = _flat(ast.get_docstring(_module(assignment)))
    assert "smallest normal number count as zero" in module_doc, assignment
    assert "absolute floor of a few eps" in module_doc, assignment


def test_sigmoid_backward_says_it_must_be_stable_for_all_finite_x():
    doc = _flat(_all_docstrings("01_activations")["sigmoid_backward"])
    assert re.search(r"\bstable for all finite x\b", doc, re.IGNORECASE), doc


@pytest.mark.parametrize("assignment", [a for a in sorted(SYLLABUS) if a != "06_attention"])
def test_numpy_stubs_state_the_dtype_inplace_and_ban_rules(assignment):
    doc = _flat(ast.get_docstring(_module(assignment)))
    assert "a float32 array times a ``np.float64`` scalar" in doc and "becomes float64" in doc, assignment
    assert "in place" in doc, assignment
    assert "Only numpy is allowed" in doc and "scores zero for each function that uses it" in doc, assignment


def test_attention_stub_states_device_dtype_autograd_and_bans():
    doc = _flat(ast.get_docstring(_module("06_attention")))
    for phrase in ("float32 or float64", "CPU or CUDA", "device and dtype", "autograd",
                   "torch.nn.functional.scaled_dot_product_attention", "torch.nn.MultiheadAttention",
                   "torch.nn.functional.multi_head_attention_forward", "torch.nn.Transformer*"):
        assert phrase in doc, phrase


@pytest.mark.parametrize("function", ["conv2d_output_size", "pool2d_output_size"])
def test_size_functions_document_their_value_errors(function):
    doc = _flat(_all_docstrings("04_convolution")[function])
    assert "ValueError" in doc and "padding < 0" in doc and "output side would be < 1" in doc, function
    if function == "pool2d_output_size":
        assert "padding > kernel_size / 2" in doc
