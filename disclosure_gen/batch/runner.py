"""Builds every department of a county in parallel; one bad department never stops the others."""

from __future__ import annotations

import hashlib
import resource
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..build import BuildOptions, write_outputs
from ..errors import DisclosureError
from ..pipeline import prepare
from ..ownership import Claim, claim_of, contested
from ..problems import Level, Problem
from ..templateset import search_folders
from ..writers.archive import prepare_folder
from .manifest import County
from .state import fingerprint, read_state, remove_stale_partials, write_state

BUILT, UNCHANGED, FAILED = "built", "unchanged", "failed"


@dataclass(frozen=True)
class Job:
    """One department to build (everything a worker process needs, picklable)."""

    file: Path
    name: str
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
    """Checks and builds each department; returns one record per department, in file order.

    The incremental state is kept per file path inside the county folder, for the files of this run
    only. Every changed department
    is loaded first to learn which outputs it would write: two files claiming the same outputs are
    both refused before anything is rendered, and recorded as failed, so that the one left after
    the other is removed is built again.
    """
    prepare_folder(output)
    remove_stale_partials(output)
    files = {county.key_of(file): file for file in county.files}
    # A file absent from this run may have its outputs taken over by another: it is built again on return.
    state = {name: entry for name, entry in read_state(output).items() if name in files}
    folders = (*user_templates, *county.template_folders)
    settings = (options, _templates_digest(folders))
    keys = {name: fingerprint(file, county.defaults, settings) for name, file in files.items()}
    jobs = {
        name: Job(file, name, output, options, county.defaults, folders, keys[name])
        for name, file in files.items() if force or not _still_valid(state.get(name), keys[name], output)
    }
    records: dict[str, dict[str, Any]] = {}

    def report(name: str, record: dict[str, Any]) -> None:
        records[name] = record
        on_result(record, len(records), len(files))

    def finish(name: str, claim: Claim | None, record: dict[str, Any]) -> None:
        state[name] = {"key": keys[name], "claim": _stored(claim), "record": record}
        report(name, record)

    with _executor(min(workers, len(jobs))) as run:
        claims = {name: Claim(files[name], **state[name]["claim"]) for name in files.keys() - jobs.keys()}
        claims |= {job.name: claim for job, claim in run(claim_one, list(jobs.values())) if claim}
        refused = contested(claims.values())
        for name, file in files.items():
            if file in refused:
                finish(name, claims[name], _refused_record(name, claims[name], refused[file]))
            elif name not in jobs:
                report(name, {**state[name]["record"], "status": UNCHANGED})
        write_state(output, state)
        for job, record in run(build_one, [job for name, job in jobs.items() if name not in records]):
            finish(job.name, claims.get(job.name), record)
            write_state(output, state)
    return [records[name] for name in files]


def claim_one(job: Job) -> tuple[Job, Claim | None]:
    """In a worker: which outputs the job's department would write (None if it cannot be loaded)."""
    return job, claim_of(job.file, job.defaults)


def build_one(job: Job) -> tuple[Job, dict[str, Any]]:
    """In a worker: check and build one department; returns the job and its record."""
    start = time.perf_counter()
    prepared = prepare(job.file, job.templates, job.defaults)
    record = _new_record(job.name, prepared.data.department.name if prepared.data else job.file.stem)
    record["warnings"] = [str(p) for p in prepared.problems if p.level is Level.WARNING]
    record["errors"] = [str(p) for p in prepared.problems if p.level is Level.ERROR]
    if prepared.ok:
        try:
            record["outputs"] = [p.name for p in write_outputs(prepared, job.options, job.output)]
            record["totals"] = key_totals(prepared)
        except DisclosureError as exc:
            record["errors"].append(f"{job.file}：{exc}")
    record["status"] = FAILED if record["errors"] else BUILT
    record["seconds"] = round(time.perf_counter() - start, 3)
    record["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return job, record


def _new_record(name: str, department: str) -> dict[str, Any]:
    return {"file": name, "department": department, "warnings": [], "errors": [], "outputs": [], "totals": {},
            "status": FAILED, "seconds": 0.0, "peak_mb": 0}


def _refused_record(name: str, claim: Claim, problem: Problem) -> dict[str, Any]:
    """A department not built because another file claims its outputs too."""
    record = _new_record(name, claim.department)
    record["errors"].append(str(problem))
    return record


def _stored(claim: Claim | None) -> dict[str, Any] | None:
    return None if claim is None else {k: v for k, v in asdict(claim).items() if k != "file"}


def _still_valid(entry: dict[str, Any] | None, key: str, output: Path) -> bool:
    """True when the last run built this very input and its outputs are still there."""
    return bool(entry) and entry["key"] == key and entry.get("claim") is not None \
        and entry["record"]["status"] == BUILT and _outputs_exist(output, entry["record"])


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


@contextmanager
def _executor(workers: int) -> Iterator[Callable[[Callable, list], Iterator]]:
    """Runs a function over items in worker processes, or in this process when one worker would do."""
    if workers <= 1:
        yield lambda function, items: map(function, items)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield lambda function, items: (f.result() for f in as_completed([pool.submit(function, i) for i in items]))


def _outputs_exist(output: Path, record: dict[str, Any]) -> bool:
    return bool(record["outputs"]) and all((output / name).is_file() for name in record["outputs"])


def _templates_digest(folders: tuple[Path, ...]) -> str:
    digest = hashlib.sha256()
    for folder in search_folders(folders):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
