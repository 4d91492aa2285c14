"""The static scan's rules for reaching past a submission (no sandbox needed: AST only)."""

from __future__ import annotations

import numpy as np

from grader.analysis import analyse
from grader.checks import Case, _same_leaves, host_routes
from grader.exercises.common import NUMPY_ONLY
from grader.exercises.optimizers import _empty_state

HONEST = '''
import sys
import numpy as np

sys.path.insert(0, "..")  # notebooks do this to import course helpers
np.seterr(all="ignore")


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(x, 0)


if __name__ == "__main__":
    import gc
    import torch
    gc.collect()
    print(torch.sigmoid(torch.zeros(1)))
'''


def test_honest_top_level_code_and_main_block_cost_nothing():
    report = analyse(HONEST, NUMPY_ONLY)
    assert report.syntax_error is None
    assert report.banned_uses == {}


def test_unused_import_of_gc_costs_nothing():
    assert analyse("import gc\nimport numpy as np\n\ndef relu(x):\n    return np.maximum(x, 0)\n",
                   NUMPY_ONLY).banned_uses == {}


def test_top_level_heap_walk_costs_every_function():
    source = "import gc\nfor o in gc.get_objects():\n    pass\n\ndef relu(x):\n    return x\n\ndef tanh(x):\n    return x\n"
    uses = analyse(source, NUMPY_ONLY).banned_uses
    assert set(uses) == {"relu", "tanh"}
    assert all("top-level code" in reason and "gc.get_objects" in reason for reason in uses.values())


def test_frames_and_module_table_in_a_function_cost_that_function_only():
    source = ("import sys\n\ndef relu(x):\n    return sys._getframe(1)\n\n"
              "def tanh(x):\n    return sys.modules['numpy'].tanh(x)\n\ndef sigmoid(x):\n    return x\n")
    uses = analyse(source, NUMPY_ONLY).banned_uses
    assert set(uses) == {"relu", "tanh"}
    assert "interpreter's internals" in uses["relu"] and "sys.modules" in uses["tanh"]


def test_frame_attributes_reached_without_naming_sys_are_named():
    source = "def relu(x):\n    f = (lambda: 0).__code__\n    return x\n"
    assert "__code__" in analyse(source, NUMPY_ONLY).banned_uses["relu"]


def test_getattr_on_torch_by_computed_name_is_a_cpu_route_but_a_literal_non_factory_is_not():
    computed = "import torch\n\ndef causal_mask(L, device=None):\n    return getattr(torch, 'on' + 'es')(L, L)\n"
    assert any("getattr(torch" in route for route in host_routes(computed, "causal_mask"))
    literal = "import torch\n\ndef causal_mask(L, device=None):\n    return getattr(torch, 'tril')(torch.ones(L, L, device=device))\n"
    assert host_routes(literal, "causal_mask") == []


def test_arrays_filled_with_one_number_are_the_same_result_whatever_their_shapes():
    assert _same_leaves(np.ones(3), np.ones((2, 2)))
    assert not _same_leaves(np.ones(3), np.full((2, 2), 2.0))
    assert not _same_leaves(np.array([1.0, 2.0]), np.array([1.0, 2.0, 3.0]))
    assert Case((np.ones(2),)).dtype == np.float64


def test_an_empty_state_is_none_or_an_empty_container():
    assert _empty_state({}) and _empty_state(None) and _empty_state(())
    assert not _empty_state({"v": np.zeros(2)})


def test_notebook_housekeeping_at_top_level_costs_nothing():
    source = ("import gc, pickle, importlib\nimport numpy as np\n\ngc.collect()\n"
              "try:\n    data = pickle.load(open('cifar.pkl', 'rb'))\nexcept OSError:\n    data = None\n"
              "importlib.invalidate_caches()\n\ndef relu(x):\n    return np.maximum(x, 0)\n")
    assert analyse(source, NUMPY_ONLY).banned_uses == {}


def test_builtins_or_ctypes_at_top_level_is_tampering():
    for line in ("import builtins\nbuiltins.abs = lambda x: 0\n", "import ctypes\nctypes.CDLL(None)\n",
                 "exec('x = 1')\n"):
        uses = analyse(line + "\ndef relu(x):\n    return x\n", NUMPY_ONLY).banned_uses
        assert "top-level code" in uses["relu"], line
