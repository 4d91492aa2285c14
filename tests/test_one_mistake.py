"""One mistake costs one exercise (SYLLABUS): a function that calls another function of the
same file is judged as if the function it calls were right, and the report names the callee.

Each file in tests/one_mistake/ is a realistic submission whose callee is wrong and whose
caller is right on its own (or, in one, wrong for a reason of its own too). The caller is
graded with the grader's stand-in for the callee, computed in the grader's process: the
reference never enters the student's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.analysis import analyse
from grader.spec import BannedPolicy
from grader.stand_ins import stand_ins_for
from tests.conftest import grade_json

FILES = Path(__file__).parent / "one_mistake"
QUICK = ("--examples", "0.34", "--no-timing")


def _by_id(report: dict) -> dict:
    return {e["id"]: e for e in report["exercises"]}


def _failed_checks(exercise: dict) -> list[str]:
    return [c["name"] for c in exercise["checks"] if not c["passed"]]


@pytest.mark.parametrize("name, assignment, wrong, callers", [
    ("activations_sigmoid_overflows.py", "01_activations", "sigmoid", ("sigmoid_backward", "tanh")),
    ("softmax_log_softmax_overflows.py", "05_softmax", "log_softmax", ("softmax_cross_entropy",)),
    ("backprop_db_wrong_axis.py", "02_backprop", "affine_backward", ("two_layer_net",)),
])
def test_a_caller_is_judged_as_if_its_callee_were_right(name, assignment, wrong, callers):
    exercises = _by_id(grade_json(FILES / name, "--assignment", assignment, *QUICK))
    assert exercises[wrong]["score"] < exercises[wrong]["max_score"]
    for caller in callers:
        assert exercises[caller]["passed"], (caller, _failed_checks(exercises[caller]))
        assert any(f"`{wrong}`" in note and "one mistake costs one exercise" in note.lower()
                   for note in exercises[caller].get("notes", [])), exercises[caller].get("notes")
    for other, exercise in exercises.items():
        if other != wrong and other not in callers and exercise["passed"]:
            assert "notes" not in exercise, other  # only callers of the wrong function get a note


def test_torch_callers_get_values_gradients_and_timing_through_the_stand_in():
    """self_attention and multi_head_attention on an sdpa that forgets the scale: the stand-in
    answers the forward, the autograd backward (differentiable) and the timed calls (the
    grader's own time for it is not counted as theirs)."""
    exercises = _by_id(grade_json(FILES / "attention_sdpa_unscaled.py", "--assignment", "06_attention",
                                  "--examples", "0.34"))
    sdpa = exercises["scaled_dot_product_attention"]
    assert "matches_reference" in _failed_checks(sdpa)
    assert "sqrt" in next(c["message"] for c in sdpa["checks"] if c["name"] == "matches_reference")
    for caller in ("self_attention", "multi_head_attention"):
        checks = {c["name"]: c for c in exercises[caller]["checks"]}
        # timing ran on results the stand-in made right; on a loaded machine (the suite runs two
        # at a time on two cores) its verdict may be "too slow", never a wrong result
        assert [name for name in _failed_checks(exercises[caller]) if name != "timing"] == [], caller
        if not checks.get("timing", {"passed": True})["passed"]:
            assert checks["timing"]["message"].startswith("too slow"), checks["timing"]["message"]
        assert {"differentiable", "keeps_device"} <= set(checks)
        assert any("`scaled_dot_product_attention`" in n for n in exercises[caller]["notes"])
    assert "timing" in {c["name"] for c in exercises["multi_head_attention"]["checks"]}


def test_a_caller_wrong_on_its_own_still_loses_marks_for_its_own_reason():
    exercises = _by_id(grade_json(FILES / "activations_both_wrong.py", "--assignment", "01_activations", *QUICK))
    caller = exercises["sigmoid_backward"]
    values = next(c for c in caller["checks"] if c["name"] == "matches_reference")
    assert not values["passed"] and "dout" in values["message"]
    assert any("`sigmoid`" in note and "own" in note for note in caller["notes"]), caller["notes"]


def test_stand_ins_cover_failed_callees_it_reaches_and_their_cache_partners():
    chosen = stand_ins_for("02_backprop", "two_layer_net", {"affine_backward"},
                           {"affine_forward", "affine_backward", "relu_forward"})
    assert set(chosen) == {"affine_forward", "affine_backward"}  # the backward reads the forward's cache
    assert stand_ins_for("02_backprop", "affine_backward", {"affine_forward"}, {"affine_forward"}) == {}
    assert stand_ins_for("01_activations", "sigmoid_backward", {"sigmoid"}, set()) == {}
    assert set(stand_ins_for("01_activations", "tanh", {"sigmoid", "relu"}, {"sigmoid"})) == {"sigmoid"}


def test_reach_follows_helpers_but_not_the_function_itself():
    source = ("def sigmoid(x):\n    return helper(x)\n"
              "def helper(x):\n    return sigmoid(x) + relu(x)\n"
              "def relu(x):\n    return x\n")
    report = analyse(source, BannedPolicy())
    assert report.reaches("sigmoid") == {"helper", "relu"}
    assert report.reaches("relu") == set()


def test_a_building_block_never_gets_a_stand_in_for_what_is_built_on_it():
    """Red team: an sdpa that routes its work through a (failed) self_attention must not be
    served the grader's self_attention; only the course's call graph is served."""
    assert stand_ins_for("06_attention", "scaled_dot_product_attention", {"self_attention"},
                         {"self_attention"}) == {}
    assert set(stand_ins_for("06_attention", "multi_head_attention", {"self_attention"},
                             {"self_attention"})) == {"self_attention"}


def test_stand_in_work_is_bounded_by_the_broadcast_shapes():
    """Red team: a request whose attention weights are huge only through broadcasting (q's
    batch against k's, or the mask's) is refused before anything is computed."""
    from grader.sandbox.wire import TensorValue
    from grader.stand_ins import ATTENTION, StandInServer
    from grader.sandbox import wire
    import numpy as np

    def tensor(shape, dtype="torch.float32"):
        return TensorValue(np.zeros(shape, dtype=np.float32 if "float" in dtype else bool), dtype, "cpu")

    server = StandInServer(ATTENTION)
    for args in ([tensor((300, 1, 64, 1)), tensor((1, 300, 64, 1)), tensor((1, 300, 64, 1))],
                 [tensor((1, 64, 1)), tensor((1, 64, 1)), tensor((1, 64, 1)), tensor((300, 300, 1, 64), "torch.bool")]):
        blobs: list = []
        request = {"op": "stand_in", "function": "scaled_dot_product_attention",
                   "args": wire.encode(args, blobs), "kwargs": wire.encode({}, blobs)}
        answer, _ = server.answer(request, blobs)
        assert not answer["ok"] and "more than the grader computes" in answer["message"], answer
    blobs = []
    request = {"op": "stand_in", "function": "causal_mask", "args": wire.encode([4], blobs),
               "kwargs": wire.encode({"device": "cuda:99; rm -rf"}, blobs)}
    assert not server.answer(request, blobs)[0]["ok"]
