"""Python's cyclic garbage collector paused around work that builds large, short-lived object graphs."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# Held by the one thread whose render has the collector off: only it turns the collector off and on again.
_PAUSE = threading.Lock()
# Set by a batch worker's task (`dedicated_worker`): this process exists to build departments, so its
# other threads are the engine's own (a Dask worker's event loop), not a host program's.
_DEDICATED: ContextVar[bool] = ContextVar("disclosure_gen_dedicated_worker", default=False)


@contextmanager
def dedicated_worker() -> Iterator[None]:
    """Marks the calling thread's work, for the body's duration, as a batch worker's: renders may pause the collector
    even while the process runs other threads (a Dask worker always runs its event loop in another thread)."""
    token = _DEDICATED.set(True)
    try:
        yield
    finally:
        _DEDICATED.reset(token)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Runs the body with the cyclic collector off, then collects its garbage once.

    WeasyPrint builds about a million objects per document; with the collector on, each full
    collection walks all of them while they are still alive, several times per document. Paused,
    the garbage they leave in cycles is walked once, after it is dead. Everything the body allocated
    is still in the youngest generation (no collection ran to promote it), so only that generation
    is collected: the process's long-lived objects (about 86,000 of them) are not walked again.

    The switch is the whole process's, so the collector is paused only where the process is the
    tool's: while the calling thread is the only one (the CLI, a local batch worker), or in a batch
    worker's task (`dedicated_worker`, a Dask worker). A program that embeds the tool and runs other
    threads keeps its collector, and its renders take the collector's time instead.

    Why a pause is safe while other threads run (a Dask worker's event loop, heartbeats, its profiler):
    the collector being off loses nothing, it only delays. What the other threads allocate meanwhile
    stays alive until the pause ends (at most one render, a second or two), is then in the youngest
    generation with the body's garbage and is collected with it; a `gc.collect()` they call still
    runs. One lock makes the thread that turned the collector off the only one to turn it on again,
    so two renders at once (a worker of several threads) cannot leave it off for good: the second
    runs with the collector as it is, and never holds it off beyond its own render. A worker of one
    thread (as the batch's own LocalCluster starts them) pauses every render.
    """
    if not (threading.active_count() == 1 or _DEDICATED.get()) or not _PAUSE.acquire(blocking=False):
        yield
        return
    try:
        if not gc.isenabled():  # turned off by the program itself: left as it is
            yield
            return
        gc.disable()
        try:
            yield
        finally:
            gc.enable()
            gc.collect(0)
    finally:
        _PAUSE.release()
