"""Python's cyclic garbage collector paused around work that builds large, short-lived object graphs."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Runs the body with the cyclic collector off, then collects its garbage once.

    WeasyPrint builds about a million objects per document; with the collector on, each full
    collection walks all of them while they are still alive, several times per document. Paused,
    the garbage they leave in cycles is walked once, after it is dead. Everything the body allocated
    is still in the youngest generation (no collection ran to promote it), so only that generation
    is collected: the process's long-lived objects (about 86,000 of them) are not walked again.

    The switch is the whole process's, so the collector is paused only while the calling thread is
    the process's only thread (the CLI, a batch worker): a program that embeds the tool and runs
    other threads keeps its collector, and its renders take the collector's time instead.
    """
    if not gc.isenabled() or threading.active_count() > 1:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)
