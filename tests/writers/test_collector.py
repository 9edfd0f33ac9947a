"""The cyclic collector is paused only inside the block, and always turned back on."""

from __future__ import annotations

import functools
import gc
import subprocess
import sys
import threading

import pytest

from disclosure_gen.writers.collector import collector_paused, dedicated_worker

from ..conftest import ROOT


def alone(test):
    """Runs the test in a process of its own when this one has other threads (a Dask test's leftovers):
    the collector is paused only while the calling thread is the process's only one."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        if threading.active_count() == 1:
            return test(*args, **kwargs)
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"{__file__}::{test.__name__}"]
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stdout + result.stderr

    return wrapper


@pytest.mark.slow
@alone
def test_paused_inside_and_on_again_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_on_again_after_an_error():
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()


def test_left_off_if_it_was_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.slow
@alone
def test_garbage_in_cycles_is_collected_on_leaving():
    class Node:
        pass

    with collector_paused():
        node = Node()
        node.self = node
        before = sum(isinstance(o, Node) for o in gc.get_objects())
        del node
    assert before == 1
    assert not any(isinstance(o, Node) for o in gc.get_objects())


@pytest.mark.slow
@alone
def test_only_the_youngest_generation_is_walked_on_leaving():
    """What the body allocated is all young; the process's long-lived objects are not walked again."""
    generations = []

    def record(phase, info):
        if phase == "start":
            generations.append(info["generation"])

    gc.callbacks.append(record)
    try:
        with collector_paused():
            pass
    finally:
        gc.callbacks.remove(record)
    assert generations == [0]


def test_not_paused_while_another_thread_runs():
    """The switch is the process's: another thread's work must not lose its collector."""
    import threading

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        with collector_paused():
            assert gc.isenabled()
    finally:
        release.set()
        other.join()


def in_thread(body):
    """Runs `body` in a new thread and returns that thread, started."""
    thread = threading.Thread(target=body)
    thread.start()
    return thread


def test_a_batch_workers_render_is_paused_while_another_thread_runs():
    """A Dask worker's event loop is another thread: a task marked as a batch worker's still pauses the collector."""
    release = threading.Event()
    other = in_thread(release.wait)
    try:
        with dedicated_worker(), collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled()
    finally:
        release.set()
        other.join()


def test_the_mark_is_the_calling_threads_only():
    """Another thread of the process, not marked, keeps its collector while a marked thread waits."""
    release, seen = threading.Event(), []

    def unmarked():
        with collector_paused():
            seen.append(gc.isenabled())

    with dedicated_worker():
        other = in_thread(lambda: (release.wait(), unmarked()))
        release.set()
        other.join()
    assert seen == [True]


def test_two_renders_at_once_never_leave_the_collector_off():
    """The thread that turned the collector off turns it on; a second render meanwhile does not take the switch."""
    first_in, second_in, first_out, second_seen = threading.Event(), threading.Event(), threading.Event(), []

    def first():
        with dedicated_worker(), collector_paused():
            first_in.set()
            second_in.wait()
        first_out.set()

    def second():
        first_in.wait()
        with dedicated_worker(), collector_paused():
            second_in.set()
            first_out.wait()
            second_seen.append(gc.isenabled())  # the first render ended: the collector is on again

    threads = [in_thread(first), in_thread(second)]
    for thread in threads:
        thread.join()
    assert second_seen == [True]
    assert gc.isenabled()
