"""Benchmark: a synthetic county built on the local process pool or a Dask LocalCluster, then re-run with 1% changed.

Usage: .venv/bin/python benchmarks/bench_batch.py [--engine local|dask] [--sizes 100] [--workers 2] [--format docx,pdf]

Prints, per size and engine: wall time, departments per second and per core, the largest peak memory
of any worker process, the re-run time when 1% of the departments changed, and for Dask the time the
LocalCluster took to start and the scheduler's own cost per task (empty tasks, measured on the same cluster).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from disclosure_gen.batch import load_county, run_batch  # noqa: E402
from disclosure_gen.batch.engines import open_engine  # noqa: E402
from disclosure_gen.build import BuildOptions  # noqa: E402
from tests.support.synthetic import write_county  # noqa: E402


@contextmanager
def cluster(kind: str, workers: int):
    """The scheduler address of a fresh LocalCluster for dask (and how long it took to start), or None for local."""
    if kind != "dask":
        yield None, 0.0
        return
    from distributed import LocalCluster

    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local.scheduler_address, time.perf_counter() - start


def timed_run(folder: Path, out: Path, kind: str, workers: int, scheduler: str | None, formats: tuple[str, ...], force: bool):
    engine = open_engine(kind, workers, scheduler)
    start = time.perf_counter()
    try:
        records = run_batch(load_county(folder), out, BuildOptions(formats), engine, force=force)
    finally:
        engine.close()
    return time.perf_counter() - start, records


def task_overhead(scheduler: str, tasks: int = 2000) -> float:
    """Seconds per task the cluster spends on tasks that do nothing: the scheduler's and the transport's share."""
    from distributed import Client, wait

    with Client(scheduler) as client:
        client.map(int, range(50), pure=False)  # warm up
        start = time.perf_counter()
        wait(client.map(int, range(tasks), pure=False))
        return (time.perf_counter() - start) / tasks


def change(files: list[Path], share: float) -> int:
    """Edits `share` of the files (at least one), spread over the county; returns how many."""
    count = max(1, round(len(files) * share))
    for file in files[:: max(1, len(files) // count)][:count]:
        file.write_text(file.read_text(encoding="utf-8").replace("按计划完成年度工作任务", "按计划完成本年度工作任务", 1) + "\n# edited\n",
                        encoding="utf-8")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--format", default="docx,pdf")
    args = parser.parse_args()
    formats = tuple(args.format.split(","))
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp, cluster(args.engine, args.workers) as (scheduler, started):
            folder, out = Path(tmp) / "county", Path(tmp) / "out"
            files = write_county(folder, size, seed=2023)
            wall, records = timed_run(folder, out, args.engine, args.workers, scheduler, formats, force=True)
            peak = max(r["peak_mb"] for r in records)
            busy = sum(r["seconds"] for r in records)
            print(f"engine={args.engine} workers={args.workers} departments={size} formats={args.format}")
            print(f"  wall {wall:.1f} s; {size / wall:.2f} departments/s; {size / wall / args.workers:.2f} departments/s per core")
            print(f"  worker time per department {busy / size:.2f} s; wall per department x workers {wall * args.workers / size:.2f} s")
            print(f"  peak memory of a worker process {peak} MB")
            changed = change(sorted(files), 0.01)
            rerun, again = timed_run(folder, out, args.engine, args.workers, scheduler, formats, force=False)
            built = sum(r["status"] == "built" for r in again)
            print(f"  re-run with {changed} of {size} changed ({built} rendered): {rerun:.1f} s")
            if scheduler:
                print(f"  LocalCluster start {started:.1f} s; empty-task cost {task_overhead(scheduler) * 1000:.2f} ms per task")


if __name__ == "__main__":
    main()
