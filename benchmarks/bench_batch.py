"""Benchmark: a synthetic county built on the local process pool and a Dask LocalCluster, then re-run with 1% changed.

Usage: .venv/bin/python benchmarks/bench_batch.py [--engine local dask] [--sizes 100] [--workers 2] [--rounds 1]
                                                  [--format docx,pdf]

The engines run one after the other on the same county, in the order given, `--rounds` times
(local, dask, local, dask, ...), so that they share the machine's load. Per run it prints: wall time,
departments per second and per core, CPU seconds per department in the workers and in the
coordinator (for Dask the coordinator hosts the LocalCluster's scheduler, so its excess over the
local pool's is the scheduler's and client's overhead), split into its main thread (run_batch:
submitting, receiving, writing) and its other threads (Dask's event loop: scheduler and client), the largest peak memory of any worker process,
how many "large graph" warnings Dask gave, and the re-run time when 1% of the departments changed;
for Dask also the LocalCluster's start time and its cost per empty task; and the time the duplicate-finding
pass takes (every department loaded once) with one department per task and grouped as a batch groups them;
and, on this disk, what the coordinator takes to save a province's state (20,000 departments) and to
write one department's files.
Then the dask/local ratios.
CPU seconds vary less than wall time when other programs share the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from disclosure_gen.batch import load_county, run_batch  # noqa: E402
from disclosure_gen.batch.engines import local_cluster, open_engine  # noqa: E402
from disclosure_gen.batch.claims import claim_group, claim_group_size, claim_groups  # noqa: E402
from disclosure_gen.batch.jobs import Job  # noqa: E402
from disclosure_gen.batch.state import STATE_NAME, read_state, write_state  # noqa: E402
from disclosure_gen.writers.archive import write_together  # noqa: E402
from disclosure_gen.build import BuildOptions  # noqa: E402
from tests.support.synthetic import write_county  # noqa: E402


@dataclass
class Measure:
    """One full run of one engine."""

    engine: str
    wall: float
    worker_cpu: float  # seconds, all worker processes (and Dask's nannies)
    coordinator_cpu: float  # seconds, this process (and a LocalCluster's scheduler, which runs in it)
    coordinator_main_cpu: float  # seconds, this process's main thread: run_batch itself (submit, receive, write)
    peak_mb: int
    graph_warnings: int


@contextmanager
def cluster(kind: str, workers: int):
    """The scheduler address of a fresh LocalCluster for dask (and how long it took to start), or None for local."""
    if kind != "dask":
        yield None, 0.0
        return
    start = time.perf_counter()
    with local_cluster(workers) as local:  # configured as `batch --engine dask` starts its own
        yield local.scheduler_address, time.perf_counter() - start


def descendants_cpu() -> float:
    """CPU seconds used so far by this process's children: the ones that ended and the ones still running."""
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    running = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
            running += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return ended.ru_utime + ended.ru_stime + running


def main_thread_cpu() -> float:
    """CPU seconds used so far by this process's main thread (the rest of its CPU is its other threads')."""
    main = threading.main_thread().native_id
    return next(t.user_time + t.system_time for t in psutil.Process().threads() if t.id == main)


def timed_run(folder: Path, out: Path, kind: str, workers: int, scheduler: str | None, formats: tuple[str, ...], force: bool):
    engine = open_engine(kind, workers, scheduler)
    children, own, main, start = descendants_cpu(), time.process_time(), main_thread_cpu(), time.perf_counter()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            records = run_batch(load_county(folder), out, BuildOptions(formats), engine, force=force)
    finally:
        engine.close()
    wall = time.perf_counter() - start
    graph_warnings = sum("large graph" in str(w.message) for w in caught)
    measure = Measure(kind, wall, descendants_cpu() - children, time.process_time() - own, main_thread_cpu() - main,
                      max(r["peak_mb"] for r in records), graph_warnings)
    return measure, records


def task_overhead(scheduler: str, tasks: int = 2000) -> float:
    """Seconds per task the cluster spends on tasks that do nothing: the scheduler's and the transport's share."""
    from distributed import Client, wait

    with Client(scheduler) as client:
        client.map(int, range(50), pure=False)  # warm up
        start = time.perf_counter()
        wait(client.map(int, range(tasks), pure=False))
        return (time.perf_counter() - start) / tasks


def claim_pass(kind: str, workers: int, scheduler: str | None, files: list[Path], grouped: bool) -> tuple[float, int]:
    """Seconds the duplicate-finding pass takes over the county's files, and how many tasks it was."""
    jobs = [Job(file, file.name, file.read_bytes(), BuildOptions(("docx",)), {}) for file in files]
    engine = open_engine(kind, workers, scheduler)
    try:
        groups = claim_groups(jobs, claim_group_size(len(jobs), engine.slots()) if grouped else 1)
        start = time.perf_counter()
        loaded = sum(len(group) for group in engine.run(claim_group, groups))
        assert loaded == len(jobs)
        return time.perf_counter() - start, len(groups)
    finally:
        engine.close()


def coordinator_costs(out: Path, records: list[dict], entries: int = 20_000, writes: int = 50) -> str:
    """What two of the coordinator's jobs cost on this disk: saving a province's state, writing one department's files."""
    state = list(read_state(out).values())
    province = {f"county/dept-{index:05d}.yaml": state[index % len(state)] for index in range(entries)}
    with tempfile.TemporaryDirectory(dir=out) as scratch:
        folder = Path(scratch)
        start = time.perf_counter()
        write_state(folder, province)
        saving, size = time.perf_counter() - start, (folder / STATE_NAME).stat().st_size
        files = {name: (out / name).read_bytes() for name in next(r for r in records if r["outputs"])["outputs"]}
        wall, cpu = time.perf_counter(), time.process_time()
        for index in range(writes):
            write_together({folder / f"{index}-{name}": data for name, data in files.items()})
        wall, cpu = (time.perf_counter() - wall) / writes, (time.process_time() - cpu) / writes
    return (f"saving a state of {entries} departments {saving:.2f} s ({size / 2**20:.1f} MB); writing one department's files"
            f" ({sum(map(len, files.values())) / 2**20:.2f} MB) {wall * 1000:.1f} ms ({cpu * 1000:.1f} ms CPU)")


def change(files: list[Path], share: float) -> int:
    """Edits `share` of the files (at least one), spread over the county; returns how many."""
    count = max(1, round(len(files) * share))
    for file in files[:: max(1, len(files) // count)][:count]:
        file.write_text(file.read_text(encoding="utf-8").replace("按计划完成年度工作任务", "按计划完成本年度工作任务", 1) + "\n# edited\n",
                        encoding="utf-8")
    return count


def bench(kind: str, tmp: Path, files: list[Path], workers: int, formats: tuple[str, ...]) -> Measure:
    """A full run of one engine on the county and a re-run after 1% changed; prints its figures."""
    size, out = len(files), tmp / f"out-{kind}"
    with cluster(kind, workers) as (scheduler, started):
        measure, records = timed_run(tmp / "county", out, kind, workers, scheduler, formats, force=True)
        changed = change(sorted(files), 0.01)
        rerun, again = timed_run(tmp / "county", out, kind, workers, scheduler, formats, force=False)
        empty_task = task_overhead(scheduler) if scheduler else 0.0
        passes = [claim_pass(kind, workers, scheduler, files, grouped) for grouped in (False, True)]
    costs = coordinator_costs(out, records)
    built = sum(r["status"] == "built" for r in again)
    print(f"engine={kind} workers={workers} departments={size} formats={','.join(formats)} load={os.getloadavg()[0]:.2f}")
    print(f"  wall {measure.wall:.1f} s; {size / measure.wall:.2f} departments/s; {size / measure.wall / workers:.2f} departments/s per core")
    print(f"  CPU per department: workers {measure.worker_cpu / size:.2f} s, coordinator {measure.coordinator_cpu / size * 1000:.0f} ms"
          f" (main thread {measure.coordinator_main_cpu / size * 1000:.0f} ms, other threads"
          f" {(measure.coordinator_cpu - measure.coordinator_main_cpu) / size * 1000:.0f} ms)")
    print(f"  peak memory of a worker process {measure.peak_mb} MB; large-graph warnings {measure.graph_warnings}")
    print(f"  re-run with {changed} of {size} changed ({built} rendered): {rerun.wall:.1f} s")
    print("  duplicate-finding pass: " + "; ".join(f"{label} {seconds:.1f} s in {tasks} tasks"
                                                    for label, (seconds, tasks) in zip(("one per task", "grouped"), passes)))
    print(f"  coordinator: {costs}")
    if scheduler:
        print(f"  LocalCluster start {started:.1f} s; empty-task cost {empty_task * 1000:.2f} ms per task")
    sys.stdout.flush()
    return measure


def ratios(measures: list[Measure], size: int) -> None:
    """Dask's figures over the local pool's, from the runs' totals."""
    total = {kind: [m for m in measures if m.engine == kind] for kind in ("local", "dask")}
    if not all(total.values()):
        return

    def per_department(kind: str, field: str) -> float:
        return sum(getattr(m, field) for m in total[kind]) / (size * len(total[kind]))

    throughput = per_department("local", "wall") / per_department("dask", "wall")
    worker_cpu = per_department("dask", "worker_cpu") / per_department("local", "worker_cpu")
    extra = (per_department("dask", "coordinator_cpu") - per_department("local", "coordinator_cpu")) * 1000
    peak = max(m.peak_mb for m in total["dask"]) / max(m.peak_mb for m in total["local"])
    print(f"dask/local at {size}: throughput {throughput:.2f}; worker CPU per department {worker_cpu:.2f}; "
          f"coordinator CPU {extra:+.0f} ms per department; worker peak memory {peak:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("local", "dask"), nargs="+", default=["local"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--format", default="docx,pdf")
    args = parser.parse_args()
    formats = tuple(args.format.split(","))
    print(f"load before: {os.getloadavg()}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            files = write_county(Path(tmp) / "county", size, seed=2023)
            measures = [bench(kind, Path(tmp), files, args.workers, formats) for _ in range(args.rounds) for kind in args.engine]
            ratios(measures, size)


if __name__ == "__main__":
    main()
