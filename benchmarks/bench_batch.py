"""Benchmark: a synthetic county of N departments with 1 and 2 workers, and an incremental re-run.

Usage: .venv/bin/python benchmarks/bench_batch.py [--sizes 50 200] [--workers 1 2] [--format docx,pdf]

Prints wall time, time per department, and the largest peak memory of any worker process.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from disclosure_gen.batch import load_county, run_batch  # noqa: E402
from disclosure_gen.build import BuildOptions  # noqa: E402
from tests.support.synthetic import write_county  # noqa: E402


def measure(folder: Path, workers: int, formats: tuple[str, ...], force: bool = True) -> tuple[float, list[dict]]:
    out = folder.parent / "out"
    start = time.perf_counter()
    records = run_batch(load_county(folder), out, BuildOptions(formats), workers, force=force)
    return time.perf_counter() - start, records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--format", default="docx,pdf")
    args = parser.parse_args()
    formats = tuple(args.format.split(","))
    print(f"{'departments':>11} {'workers':>7} {'wall s':>8} {'s/dept':>7} {'peak MB/worker':>15}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "county"
            write_county(folder, size, seed=2023)
            for workers in args.workers:
                wall, records = measure(folder, workers, formats)
                peak = max(r["peak_mb"] for r in records)
                print(f"{size:11d} {workers:7d} {wall:8.1f} {wall / size:7.2f} {peak:15.0f}", flush=True)
            changed = sorted(folder.glob("*.yaml"))[size // 2]
            changed.write_text(changed.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
            command = [sys.executable, "-m", "disclosure_gen.cli", "batch", str(folder), "-o", str(folder.parent / "out"),
                       "--format", args.format]
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
            print(f"{size:11d} incremental re-run, one department changed: {time.perf_counter() - start:.1f} s (whole command)", flush=True)


if __name__ == "__main__":
    main()
