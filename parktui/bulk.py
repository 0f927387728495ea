"""Loading many objects at once: every summary, every figure of the store."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a bulk load builds objects it keeps: parsed JSON
    makes no reference cycles, and a collector walking the growing heap again and again
    made a load of every figure of a 97k store about twice as slow."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
