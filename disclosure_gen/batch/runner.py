"""Builds every department of a county in parallel; one bad department never stops the others."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..build import BuildOptions, output_files
from ..errors import DisclosureError, InputFileError
from ..load import unreadable
from ..ownership import Claim, claim_of, contested
from ..unitfiles import included_files
from ..pipeline import prepare
from ..problems import Level, Problem
from ..writers.archive import prepare_folder, write_together
from ..writers.collector import dedicated_worker
from ..yamlsource import read_limited
from .engines import Engine
from .manifest import County
from .state import fingerprint, read_state, remove_stale_partials, write_state
from .templates import LocalTemplates, ReceivedTemplates, digest_of

BUILT, UNCHANGED, FAILED = "built", "unchanged", "failed"
# Seconds between saves of the incremental state while building: a department built since the last
# save and then interrupted is only built again next time, as its files are written whole or not at all.
STATE_INTERVAL = 1.0


@dataclass(frozen=True)
class Job:
    """One department to build: everything a worker needs, its file's bytes included (picklable)."""

    file: Path  # where the coordinator read it: messages name it; the worker never opens it
    name: str
    content: bytes
    options: BuildOptions
    defaults: dict[str, Any]
    included: dict[str, bytes | str] = field(default_factory=dict)  # its unit files' bytes (or why one cannot be read), by the name it gives them


@dataclass(frozen=True)
class Built:
    """What a worker returns: the department's record and its files' bytes by name; the coordinator writes them."""

    name: str
    record: dict[str, Any]
    files: dict[str, bytes]


def run_batch(
    county: County,
    output: Path,
    options: BuildOptions,
    engine: Engine,
    force: bool = False,
    user_templates: tuple[Path, ...] = (),
    on_result: Callable[[dict[str, Any], int, int], None] = lambda record, done, total: None,
) -> list[dict[str, Any]]:
    """Checks and builds each department on `engine`; returns one record per department, in file order.

    The incremental state is kept per file path inside the county folder, for the files of this run
    only. Every changed department
    is loaded first to learn which outputs it would write: two files claiming the same outputs are
    both refused before anything is rendered, and recorded as failed, so that the one left after
    the other is removed is built again. Only this process writes, each department's files together.
    """
    prepare_folder(output)
    remove_stale_partials(output)
    files = {county.key_of(file): file for file in county.files}
    # A file absent from this run may have its outputs taken over by another: it is built again on return.
    state = {name: entry for name, entry in read_state(output).items() if name in files}
    folders = (*user_templates, *county.template_folders)
    settings = (options, digest_of(folders))
    keys = {name: fingerprint(file, county.defaults, settings) for name, file in files.items()}
    changed = [name for name, file in files.items() if force or not _still_valid(state.get(name), keys[name], output)]
    contents = {name: _read(files[name]) for name in changed}
    jobs = {
        name: Job(files[name], name, data, options, county.defaults, included_files(files[name], data))
        for name, data in contents.items() if isinstance(data, bytes)
    }
    records: dict[str, dict[str, Any]] = {}

    def report(name: str, record: dict[str, Any]) -> None:
        records[name] = record
        on_result(record, len(records), len(files))

    def finish(name: str, claim: Claim | None, record: dict[str, Any]) -> None:
        state[name] = {"key": keys[name], "claim": _stored(claim), "record": record}
        report(name, record)

    claims = {name: Claim(files[name], **state[name]["claim"]) for name in files.keys() - set(changed)}
    claims |= {name: claim for name, claim in engine.run(claim_one, list(jobs.values())) if claim}
    refused = contested(claims.values())
    for name, file in files.items():
        if file in refused:
            finish(name, claims[name], _refused_record(name, claims[name], refused[file]))
        elif name not in contents:
            report(name, {**state[name]["record"], "status": UNCHANGED})
        elif not isinstance(contents[name], bytes):
            finish(name, None, _unreadable_record(name, file, contents[name]))
    write_state(output, state)
    pending = [job for name, job in jobs.items() if name not in records]
    templates = engine.templates(folders) if pending else None  # the cluster is reached only when there is work
    saved = time.monotonic()
    for built in engine.run(build_one, pending, templates):
        finish(built.name, claims.get(built.name), _written(built, files[built.name], output))
        if time.monotonic() - saved >= STATE_INTERVAL:  # rewriting the whole state per department grows as N²
            write_state(output, state)
            saved = time.monotonic()
    write_state(output, state)
    return [records[name] for name in files]


def claim_one(job: Job) -> tuple[str, Claim | None]:
    """In a worker: which outputs the job's department would write (None if it cannot be loaded)."""
    return job.name, claim_of(job.file, job.defaults, job.content, job.included)


def build_one(job: Job, templates: LocalTemplates | ReceivedTemplates) -> Built:
    """In a worker: check and render one department; returns its record and its files' bytes.

    The worker process is the batch's, so its renders pause the cyclic collector even though a Dask
    worker runs other threads (see `writers.collector`).
    """
    with dedicated_worker():
        return _built(job, templates)


def _built(job: Job, templates: LocalTemplates | ReceivedTemplates) -> Built:
    start = time.perf_counter()
    prepared = prepare(job.file, templates.folders(), job.defaults, job.content, included=job.included)
    record = _new_record(job.name, prepared.data.department.name if prepared.data else job.file.stem)
    record["warnings"] = [str(p) for p in prepared.problems if p.level is Level.WARNING]
    record["errors"] = [str(p) for p in prepared.problems if p.level is Level.ERROR]
    files: dict[str, bytes] = {}
    if prepared.ok:
        try:
            files = output_files(prepared, job.options)
            record["totals"] = key_totals(prepared)
        except DisclosureError as exc:
            record["errors"].append(f"{job.file}：{exc}")
    record["seconds"] = round(time.perf_counter() - start, 3)
    record["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return Built(job.name, record, files)


def _written(built: Built, file: Path, output: Path) -> dict[str, Any]:
    """In the coordinator: the worker's files written together into `output`, and the final record."""
    record = built.record
    if built.files and not record["errors"]:
        try:
            write_together({output / name: data for name, data in built.files.items()})
            record["outputs"] = list(built.files)
        except DisclosureError as exc:
            record["errors"].append(f"{file}：{exc}")
            record["totals"] = {}
    record["status"] = FAILED if record["errors"] else BUILT
    return record


def _read(file: Path) -> bytes | InputFileError:
    """The department file's bytes, or why it cannot be read (reported as checking it would)."""
    try:
        return read_limited(file)
    except InputFileError as exc:
        return exc


def _unreadable_record(name: str, file: Path, error: InputFileError) -> dict[str, Any]:
    record = _new_record(name, file.stem)
    record["errors"].append(str(unreadable(error)))
    return record


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


def _outputs_exist(output: Path, record: dict[str, Any]) -> bool:
    return bool(record["outputs"]) and all((output / name).is_file() for name in record["outputs"])
