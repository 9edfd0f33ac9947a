"""Benchmark: the CPU a department costs in a Dask worker against a plain process (what a local pool worker is).

Usage: .venv/bin/python benchmarks/bench_dask_worker.py [--departments 8] [--format docx,pdf]

The same synthetic departments (seed 2023, after one warm build) are built with `build_one` first in
this process, then as tasks of a one-thread worker of the LocalCluster the batch starts
(`engines.local_cluster`). For each it prints, per department, the task thread's CPU and the whole
process's CPU during the task (the rest is the process's other threads: for Dask, its event loop,
heartbeats and monitors); for the worker also its process CPU over the run, as the operating system
counts it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from disclosure_gen.batch.engines import local_cluster  # noqa: E402
from disclosure_gen.batch.jobs import Job  # noqa: E402
from disclosure_gen.batch.runner import build_one  # noqa: E402
from disclosure_gen.batch.templates import LocalTemplates  # noqa: E402
from disclosure_gen.build import BuildOptions  # noqa: E402
from tests.support.synthetic import write_county  # noqa: E402


def timed_build(job: Job) -> tuple[float, float]:
    """CPU seconds of the calling thread and of the whole process while building one department."""
    thread, process = time.thread_time(), time.process_time()
    build_one(job, LocalTemplates(()))
    return time.thread_time() - thread, time.process_time() - process


def report(where: str, timings: list[tuple[float, float]]) -> None:
    count = len(timings)
    print(f"{where}: task thread {sum(t for t, _ in timings) / count:.3f} s, "
          f"process during the task {sum(p for _, p in timings) / count:.3f} s per department", flush=True)


def in_worker(jobs: list[Job]) -> None:
    from distributed import Client

    with local_cluster(1) as cluster, Client(cluster) as client:
        client.submit(timed_build, jobs[0], pure=False).result()  # warm
        (pid,) = client.run(os.getpid).values()
        worker = psutil.Process(pid)
        before = sum(worker.cpu_times()[:2])
        timings = [client.submit(timed_build, job, pure=False).result() for job in jobs[1:]]
        after = sum(worker.cpu_times()[:2])
    report("Dask worker", timings)
    print(f"Dask worker: process CPU over the run {(after - before) / len(timings):.3f} s per department", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=8)
    parser.add_argument("--format", default="docx,pdf")
    args = parser.parse_args()
    options = BuildOptions(tuple(args.format.split(",")))
    with tempfile.TemporaryDirectory() as tmp:
        files = write_county(Path(tmp) / "county", args.departments + 1, seed=2023)
        jobs = [Job(file, file.name, file.read_bytes(), options, {}) for file in files]
        timed_build(jobs[0])  # warm
        report("plain process", [timed_build(job) for job in jobs[1:]])
        in_worker(jobs)


if __name__ == "__main__":
    main()
