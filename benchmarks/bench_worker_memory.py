"""Benchmark: a batch worker's memory and CPU over a long run, building the same department again and again.

Usage: .venv/bin/python benchmarks/bench_worker_memory.py [--builds 200] [--every 25] [--trim] [--format docx,pdf]

One process builds one synthetic department (seed 2023) `--builds` times with `build_one`, as a
batch worker does. Every `--every` builds it prints the CPU seconds per build, the process's RSS and
peak RSS, and the number of objects Python's collector tracks. The department never changes, so a
growing RSS with a steady object count is memory held outside Python (C libraries). `--trim` calls
glibc's `malloc_trim(0)` after each build, which returns freed heap to the system: what it does not
give back is still allocated.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import resource
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from disclosure_gen.batch.jobs import Job  # noqa: E402
from disclosure_gen.batch.runner import build_one  # noqa: E402
from disclosure_gen.batch.templates import LocalTemplates  # noqa: E402
from disclosure_gen.build import BuildOptions  # noqa: E402
from tests.support.synthetic import write_county  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=200)
    parser.add_argument("--every", type=int, default=25)
    parser.add_argument("--trim", action="store_true")
    parser.add_argument("--format", default="docx,pdf")
    args = parser.parse_args()
    trim = ctypes.CDLL("libc.so.6").malloc_trim if args.trim else None
    with tempfile.TemporaryDirectory() as tmp:
        (file,) = write_county(Path(tmp) / "county", 1, seed=2023)
        job = Job(file, file.name, file.read_bytes(), BuildOptions(tuple(args.format.split(","))), {})
        process, start = psutil.Process(), time.process_time()
        for count in range(1, args.builds + 1):
            build_one(job, LocalTemplates(()))
            if trim:
                trim(0)
            if count % args.every == 0:
                now = time.process_time()
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"{count:5d} builds: CPU {(now - start) / args.every:.3f} s per build, RSS {process.memory_info().rss / 2**20:.0f} MB, "
                      f"peak {peak:.0f} MB, objects {len(gc.get_objects())}", flush=True)
                start = now


if __name__ == "__main__":
    main()
