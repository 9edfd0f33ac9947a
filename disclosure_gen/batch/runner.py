"""Builds every department of a county in parallel; one bad department never stops the others."""

from __future__ import annotations

import hashlib
import resource
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..build import BuildOptions, write_outputs
from ..errors import DisclosureError
from ..pipeline import prepare
from ..problems import Level
from ..templateset import search_folders
from .manifest import County
from .state import fingerprint, read_state, remove_stale_partials, write_state

BUILT, UNCHANGED, FAILED = "built", "unchanged", "failed"


@dataclass(frozen=True)
class Job:
    """One department to build (everything a worker process needs, picklable)."""

    file: Path
    output: Path
    options: BuildOptions
    defaults: dict[str, Any]
    templates: tuple[Path, ...]  # the operator's template folders, before the built-in one
    key: str


def run_batch(
    county: County,
    output: Path,
    options: BuildOptions,
    workers: int,
    force: bool = False,
    user_templates: tuple[Path, ...] = (),
    on_result: Callable[[dict[str, Any], int, int], None] = lambda record, done, total: None,
) -> list[dict[str, Any]]:
    """Checks and builds each department; returns one record per department, in file order."""
    output.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(output)
    state = read_state(output)
    folders = (*user_templates, *county.template_folders)
    templates = _templates_digest(folders)
    records: dict[str, dict[str, Any]] = {}
    jobs = []
    for file in county.files:
        key = fingerprint(file, county.defaults, (options, templates))
        previous = state.get(file.name)
        if not force and previous and previous["key"] == key and previous["record"]["status"] == BUILT and _outputs_exist(output, previous["record"]):
            records[file.name] = {**previous["record"], "status": UNCHANGED}
        else:
            jobs.append(Job(file, output, options, county.defaults, folders, key))
    total = len(county.files)
    for record in records.values():
        on_result(record, len(records), total)
    for key, record in _run(jobs, workers):
        records[record["file"]] = record
        state[record["file"]] = {"key": key, "record": record}
        write_state(output, state)
        on_result(record, len(records), total)
    ordered = [records[f.name] for f in county.files]
    _flag_duplicate_names(ordered)
    return ordered


def build_one(job: Job) -> tuple[str, dict[str, Any]]:
    """In a worker: check and build one department; returns its key and record."""
    start = time.perf_counter()
    prepared = prepare(job.file, job.templates, job.defaults)
    record: dict[str, Any] = {
        "file": job.file.name,
        "department": prepared.data.department.name if prepared.data else job.file.stem,
        "warnings": [str(p) for p in prepared.problems if p.level is Level.WARNING],
        "errors": [str(p) for p in prepared.problems if p.level is Level.ERROR],
        "outputs": [],
        "totals": {},
    }
    if prepared.ok:
        try:
            record["outputs"] = [p.name for p in write_outputs(prepared, job.options, job.output)]
            record["totals"] = key_totals(prepared)
        except DisclosureError as exc:
            record["errors"].append(f"{job.file}：{exc}")
    record["status"] = FAILED if record["errors"] else BUILT
    record["seconds"] = round(time.perf_counter() - start, 3)
    record["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return job.key, record


def key_totals(prepared) -> dict[str, str]:
    """The county summary's figures for one department, as printed (strings, two decimals)."""
    f = prepared.figures
    basic, project = (e.amount for e in f.spending)
    return {
        "income_total": str(f.income_total),
        "basic": str(basic),
        "project": str(project),
        "three_public": str(f.three_public_total.current),
        "running_costs": str(f.running_costs.amount),
    }


def _run(jobs: list[Job], workers: int):
    """Builds the jobs, in this process when one worker would do (a re-run with one change)."""
    if min(workers, len(jobs)) <= 1:
        yield from (build_one(job) for job in jobs)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        futures = [pool.submit(build_one, job) for job in jobs]
        for future in as_completed(futures):
            yield future.result()


def _outputs_exist(output: Path, record: dict[str, Any]) -> bool:
    return bool(record["outputs"]) and all((output / name).is_file() for name in record["outputs"])


def _templates_digest(folders: tuple[Path, ...]) -> str:
    digest = hashlib.sha256()
    for folder in search_folders(folders):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _flag_duplicate_names(records: list[dict[str, Any]]) -> None:
    """Two files for one department would write the same outputs: both are reported."""
    seen: dict[str, str] = {}
    for record in records:
        for name in record["outputs"]:
            if name in seen and seen[name] != record["file"]:
                record["errors"].append(f"输出文件 {name} 与 {seen[name]} 的相同：两个文件是同一部门同一年度，请只保留一个")
                record["status"] = FAILED
            seen.setdefault(name, record["file"])
