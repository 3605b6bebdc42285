"""Pausing Python's cyclic garbage collector around bulk building of small objects.

Building a 5,000-student gradebook allocates ~150,000 tuples and dicts; each 700 allocations
start a collection, and the older generations' collections walk the whole (growing) heap.
That doubled the gradebook's CPU time (docs/dashboard-performance.md). The objects built there
hold no reference cycles, so nothing is left for the collector to find: reference counting
frees them as usual, and collection resumes when the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
