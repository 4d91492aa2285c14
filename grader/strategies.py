"""Hypothesis strategies for the inputs of the course's functions.

Small parts composed into bigger ones: dtypes, shapes whose named dimensions differ, floats of
a chosen magnitude, arrays, labels. Everything is drawn by hypothesis, so a failure shrinks to
the smallest input that shows it and replays from the seed.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))

#: Values where exp, log and division misbehave: the edges students' formulas trip over.
EDGE_VALUES = (0.0, -0.0, 1e-8, -1e-8, 1.0, -1.0, 20.0, -20.0, 40.0, -40.0, 88.0, -88.0, 89.0, -89.0,
               104.0, -104.0, 709.0, -709.0, 710.0, -710.0, 746.0, -746.0, 1000.0, -1000.0, 1e4, -1e4)


def dtypes() -> st.SearchStrategy[np.dtype]:
    return st.sampled_from(FLOAT_DTYPES)


def floats(dtype: np.dtype, magnitude: float, *, edges: bool = False, exclude_near_zero: float = 0.0
           ) -> st.SearchStrategy[float]:
    """Finite floats of `dtype` in [-magnitude, magnitude], optionally mixed with EDGE_VALUES.

    `exclude_near_zero` keeps values away from a kink (ReLU at 0) for gradient checks.
    """
    width = 32 if dtype == np.float32 else 64
    base = st.floats(-magnitude, magnitude, width=width, allow_nan=False, allow_infinity=False,
                     allow_subnormal=False)
    if edges:
        limit = float(np.finfo(dtype).max)
        edge = [v for v in EDGE_VALUES if abs(v) <= min(magnitude, limit)]
        base = st.one_of(base, st.sampled_from(edge)) if edge else base
    if exclude_near_zero:
        base = base.filter(lambda v: abs(v) > exclude_near_zero)
    return base


def shapes(min_dims: int = 0, max_dims: int = 4, max_side: int = 5) -> st.SearchStrategy[tuple]:
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=1, max_side=max_side)


def arrays(dtype: np.dtype, shape: tuple | st.SearchStrategy, magnitude: float = 10.0, *,
           edges: bool = False, exclude_near_zero: float = 0.0) -> st.SearchStrategy[np.ndarray]:
    return hnp.arrays(dtype, shape, elements=floats(dtype, magnitude, edges=edges,
                                                    exclude_near_zero=exclude_near_zero))


@st.composite
def float_array(draw, magnitude: float = 10.0, *, min_dims: int = 0, max_dims: int = 4, max_side: int = 5,
                edges: bool = False, exclude_near_zero: float = 0.0, dtype: np.dtype | None = None) -> np.ndarray:
    """An array of either float dtype and any shape from 0-d up to `max_dims`."""
    dtype = dtype if dtype is not None else draw(dtypes())
    shape = draw(shapes(min_dims, max_dims, max_side))
    return draw(arrays(dtype, shape, magnitude, edges=edges, exclude_near_zero=exclude_near_zero))


@st.composite
def distinct_sizes(draw, count: int, low: int = 2, high: int = 7) -> tuple[int, ...]:
    """`count` different sizes, so a transposed or swapped dimension cannot hide."""
    return tuple(draw(st.lists(st.integers(low, high), min_size=count, max_size=count, unique=True)))


def labels(n: int, classes: int) -> st.SearchStrategy[np.ndarray]:
    return hnp.arrays(np.int64, (n,), elements=st.integers(0, classes - 1))
