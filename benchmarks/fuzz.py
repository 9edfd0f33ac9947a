"""Fuzz check and build with random valid and mutated inputs; reports crashes (tracebacks).

Usage: .venv/bin/python benchmarks/fuzz.py [--count 10000] [--seed 0]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.fuzz import run  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    start = time.perf_counter()
    report = run(args.count, args.seed)
    for crash in report.crashes[:5]:
        print(crash)
    print(f"{report.runs} inputs: {report.built} built, {report.refused} refused with messages, "
          f"{len(report.crashes)} crashes; {time.perf_counter() - start:.0f} s")
    sys.exit(1 if report.crashes else 0)


if __name__ == "__main__":
    main()
