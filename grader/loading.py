"""Loading many modules at once (torch, the checks, the reference) without the garbage collector.

An import allocates thousands of objects that live as long as the process; the collector's
passes over them while they load find nothing to free and cost about a tenth of torch's import
time (more for the ~800 modules its meta device loads on first use).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def without_collection() -> Iterator[None]:
    """No automatic collection inside the block; the collector as it was after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
