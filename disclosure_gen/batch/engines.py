"""Where a batch's departments are built: local worker processes or a Dask cluster, behind one small interface.

An engine runs a function over jobs and yields the results as they complete, in any order. The
function receives everything it needs (the department's bytes, the templates) and returns bytes:
it never reads the coordinator's disk or writes anything, so a worker may be on another machine.
On Dask the templates reach each worker once per content digest, and a task names them by digest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from ..errors import DisclosureError
from .templates import LocalTemplates, ReceivedTemplates, shipped

ENGINES = ("local", "dask")
CONNECT_SECONDS = 10  # how long to wait for a running cluster's scheduler to answer
# Tasks a Dask run keeps submitted per worker thread: one running and one waiting, so no worker idles while
# the coordinator writes, and the graph, the scheduler's memory and the results held on workers stay small.
TASKS_PER_THREAD = 2
# What the batch's own LocalCluster changes in Dask's worker configuration. The statistical profiler
# samples the task thread's stack 100 times a second and keeps every second's call tree for the
# dashboard: on WeasyPrint's deep stacks it took a worker 0.1 s of CPU per department and 1.3 MB
# more memory with every department built (README, "On a Dask cluster").
LOCAL_WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


class Engine(Protocol):
    """Runs `function(job, *shared)` for each job and yields the results as they complete."""

    dashboard: str | None  # where the engine shows its work in a browser, when it has such a page

    def templates(self, chosen: tuple[Path, ...]) -> LocalTemplates | ReceivedTemplates:
        """The template folders as this engine's workers can reach them (called only when there is work)."""

    def slots(self) -> int:
        """How many jobs the engine runs at once (called only when there is work)."""

    def run(self, function: Callable[..., Any], jobs: list[Any], *shared: Any) -> Iterator[Any]:
        """The results of `function(job, *shared)`, one per job, as they complete."""

    def close(self) -> None:
        """Stops whatever the engine started."""


class ProcessPool:
    """Worker processes on this machine (or this very process when one worker would do)."""

    dashboard = None

    def __init__(self, workers: int):
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def templates(self, chosen: tuple[Path, ...]) -> LocalTemplates:
        return LocalTemplates(chosen)

    def slots(self) -> int:
        return max(1, self.workers)

    def run(self, function: Callable[..., Any], jobs: list[Any], *shared: Any) -> Iterator[Any]:
        if self.workers <= 1 or len(jobs) <= 1 and self._pool is None:
            return (function(job, *shared) for job in jobs)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=min(self.workers, len(jobs)))
        return (f.result() for f in as_completed([self._pool.submit(function, job, *shared) for job in jobs]))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


class DaskCluster:
    """A Dask cluster: a running one at `scheduler`, or a LocalCluster of `workers` processes started here.

    The cluster is reached only when there is work. A worker that dies mid-department loses nothing:
    the scheduler runs the department again on another worker, and its one result reaches the coordinator.
    """

    def __init__(self, scheduler: str | None, workers: int, on_start: Callable[[str | None], None] = lambda dashboard: None):
        self.scheduler, self.workers, self.on_start = scheduler, workers, on_start
        self.dashboard: str | None = None
        self._client: Any = None
        self._cluster: Any = None
        self._sent: set[str] = set()  # digests of the template bundles this client has registered

    def templates(self, chosen: tuple[Path, ...]) -> ReceivedTemplates:
        """The bundle sent to every worker once per digest, as a worker plugin (new and restarted workers get it too)."""
        bundle = shipped(chosen)
        if bundle.digest not in self._sent:
            from .daskbundle import TemplateBundle

            self._connected().register_plugin(TemplateBundle(bundle))
            self._sent.add(bundle.digest)
        return bundle.received()

    def slots(self) -> int:
        return max(1, sum(self._connected().nthreads().values()))

    def run(self, function: Callable[..., Any], jobs: list[Any], *shared: Any) -> Iterator[Any]:
        if not jobs:
            return iter(())
        return _bounded(self._connected(), function, jobs, shared, TASKS_PER_THREAD * self.slots())

    def close(self) -> None:
        for part in (self._client, self._cluster):
            if part is not None:
                part.close()

    def _connected(self) -> Any:
        if self._client is None:
            try:
                from distributed import Client  # an optional extra: pip install disclosure-gen[dask]
            except ImportError:
                raise DisclosureError("--engine dask 需要 Dask：请运行 pip install 'disclosure-gen[dask]'") from None
            if self.scheduler is None:
                self._cluster = local_cluster(self.workers)
            try:
                self._client = Client(self.scheduler or self._cluster, timeout=CONNECT_SECONDS)
            except (OSError, TimeoutError):
                raise DisclosureError(f"连接不上 Dask 调度器 {self.scheduler}（等了 {CONNECT_SECONDS} 秒）：请确认地址和端口，以及调度器已在运行") from None
            served = "dashboard" in self._client.scheduler_info().get("services", {})
            self.dashboard = self._client.dashboard_link if served else None
            self.on_start(self.dashboard)
        return self._client


def local_cluster(workers: int) -> Any:
    """A LocalCluster of `workers` processes of one thread each, configured for building departments.

    One thread per worker: each process renders one department at a time, so every render may pause
    the cyclic collector (`writers.collector`). Each nanny hands the configuration to its worker
    process, so a worker restarted later gets it too.
    """
    from distributed import LocalCluster

    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                        config=LOCAL_WORKER_CONFIG)


def _bounded(client: Any, function: Callable[..., Any], jobs: list[Any], shared: tuple[Any, ...], window: int) -> Iterator[Any]:
    """Each job's result as it completes, with at most `window` jobs submitted at a time, in the jobs' order.

    A result is read once and its future released then, so the worker frees the bytes; the next job
    is submitted before the result is handed on, so the workers keep busy while the coordinator writes.
    """
    from distributed import as_completed as completed

    waiting = iter(jobs)

    def submit(count: int) -> list[Any]:
        return [client.submit(function, job, *shared, pure=False) for job in islice(waiting, count)]

    running = completed(submit(window))
    for future in running:
        result = future.result()
        future.release()
        running.update(submit(1))
        yield result


def open_engine(kind: str, workers: int, scheduler: str | None = None,
                on_start: Callable[[str | None], None] = lambda dashboard: None) -> Engine:
    """The engine of that kind; `scheduler` is the address of a running Dask cluster (dask only)."""
    if kind == "dask":
        return DaskCluster(scheduler, workers, on_start)
    return ProcessPool(workers)
