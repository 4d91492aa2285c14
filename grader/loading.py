"""Loading many modules at once (torch, the checks, the reference) without the garbage collector.

An import allocates hundreds of thousands of objects that live as long as the process; the
collector's passes over them while they load find nothing to free and cost about a tenth of
torch's import time (more for the ~800 modules its meta device loads on first use), and a first
pass over all of them once it is back on costs another 70 ms. So what a block loads is moved out
of the collector's sight for good (`gc.freeze`) before collection resumes.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def without_collection() -> Iterator[None]:
    """No automatic collection inside the block; after it, everything alive is frozen (never
    scanned again) and the collector is back as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
