"""Benchmark: time and peak memory to build one disclosure, against LibreOffice converting our DOCX.

Usage: .venv/bin/python benchmarks/bench_documents.py [--runs N]

Each measurement runs in its own process (so peak memory is that format's alone), warms up once,
then reports the fastest and the median wall time of N builds (compose + write) and the process's
peak RSS. On a shared virtual machine the median moves with the neighbours' load; the fastest run
is the steadier figure of what the work itself costs.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
CASES = (("docx",), ("pdf",), ("docx", "pdf"))


def measure(example: Path, formats: tuple[str, ...], runs: int) -> dict:
    """In this process: fastest and median seconds of `runs` warm builds, and peak RSS in MB."""
    from disclosure_gen.build import BuildOptions, render
    from disclosure_gen.pipeline import prepare

    prepared = prepare(example)
    options = BuildOptions(formats)
    render(prepared, options)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render(prepared, options)
        times.append(time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"fastest": min(times), "seconds": statistics.median(times), "peak_mb": peak_mb}


def libreoffice_seconds(example: Path, runs: int) -> float:
    """Median seconds for LibreOffice headless to convert our DOCX of `example` to PDF."""
    from disclosure_gen.build import BuildOptions, render
    from disclosure_gen.pipeline import prepare

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.docx"
        source.write_bytes(render(prepare(example), BuildOptions(("docx",)))["docx"])
        profile = f"-env:UserInstallation=file://{folder}/profile"
        command = ["soffice", "--headless", profile, "--convert-to", "pdf", "--outdir", folder, str(source)]
        subprocess.run(command, check=True, capture_output=True)  # first start creates the profile
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_in_child(example: Path, formats: tuple[str, ...], runs: int) -> dict:
    code = (
        "import json, sys; sys.path.insert(0, %r); from benchmarks.bench_documents import measure; "
        "from pathlib import Path; print(json.dumps(measure(Path(%r), tuple(%r), %d)))"
    ) % (str(ROOT), str(example), list(formats), runs)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{'example':30} {'format':10} {'fastest s':>9} {'median s':>9} {'peak MB':>8}")
    for example in EXAMPLES:
        both = None
        for formats in CASES:
            result = run_in_child(example, formats, args.runs)
            label = "+".join(formats)
            print(f"{example.stem:30} {label:10} {result['fastest']:9.3f} {result['seconds']:9.3f} {result['peak_mb']:8.0f}")
            if formats == ("docx", "pdf"):
                both = result["seconds"]
        office = libreoffice_seconds(example, max(1, args.runs // 2))
        print(f"{example.stem:30} {'LibreOffice docx→pdf':20} median {office:.3f} s  (ours docx+pdf median is {office / both:.2f}× as fast)")


if __name__ == "__main__":
    main()
