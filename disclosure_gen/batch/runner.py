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
from .state import PeriodicSaves, fingerprint, read_state, remove_stale_partials
from .templates import LocalTemplates, ReceivedTemplates, digest_of

BUILT, UNCHANGED, FAILED = "built", "unchanged", "failed"
# Departments loaded per duplicate-finding task, at most. Loading one takes about 0.05 s, below Dask's
# advice of tasks over 100 ms (its scheduler spends about 1 ms on every task): grouped, a task takes
# about a second, and a county of 20,000 departments is 1,000 tasks instead of 20,000.
CLAIMS_PER_TASK = 20
# And of at most this many bytes of department files (a file larger than that is a task of its own), so
# that a county of large files never makes tasks of many megabytes for the scheduler to pass on.
CLAIM_BYTES_PER_TASK = 1024 * 1024
# Duplicate-finding tasks per slot of the engine, at least, where the county is small enough that
# groups are smaller than CLAIMS_PER_TASK: enough tasks that every worker has a share to the end.
CLAIM_TASKS_PER_SLOT = 4


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
    claims |= find_claims(engine, list(jobs.values()))
    refused = contested(claims.values())
    for name, file in files.items():
        if file in refused:
            finish(name, claims[name], _refused_record(name, claims[name], refused[file]))
        elif name not in contents:
            report(name, {**state[name]["record"], "status": UNCHANGED})
        elif not isinstance(contents[name], bytes):
            finish(name, None, _unreadable_record(name, file, contents[name]))
    saves = PeriodicSaves(output, state)  # saving the whole state after each department would grow as N²
    saves.save()
    pending = [job for name, job in jobs.items() if name not in records]
    templates = engine.templates(folders) if pending else None  # the cluster is reached only when there is work
    for built in engine.run(build_one, pending, templates):
        finish(built.name, claims.get(built.name), _written(built, files[built.name], output))
        saves.changed()
    saves.save()
    return [records[name] for name in files]


def find_claims(engine: Engine, jobs: list[Job]) -> dict[str, Claim]:
    """Which outputs each department that can be loaded would write, by file; loaded on the engine in groups."""
    if not jobs:
        return {}
    groups = claim_groups(jobs, claim_group_size(len(jobs), engine.slots()))
    return {name: claim for group in engine.run(claim_group, groups) for name, claim in group if claim}


def claim_groups(jobs: list[Job], size: int) -> list[list[Job]]:
    """The jobs in order, in groups of at most `size` departments and CLAIM_BYTES_PER_TASK bytes of files."""
    groups: list[list[Job]] = []
    held = 0
    for job in jobs:
        weight = len(job.content) + sum(len(data) for data in job.included.values())
        if not groups or len(groups[-1]) == size or held + weight > CLAIM_BYTES_PER_TASK:
            groups.append([])
            held = 0
        groups[-1].append(job)
        held += weight
    return groups


def claim_group_size(count: int, slots: int) -> int:
    """Departments per duplicate-finding task: CLAIM_TASKS_PER_SLOT tasks per slot or more, of CLAIMS_PER_TASK at most."""
    return max(1, min(CLAIMS_PER_TASK, -(-count // (slots * CLAIM_TASKS_PER_SLOT))))


def claim_group(jobs: list[Job]) -> list[tuple[str, Claim | None]]:
    """In a worker: which outputs each job's department would write (None for one that cannot be loaded)."""
    return [(job.name, claim_of(job.file, job.defaults, job.content, job.included)) for job in jobs]


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
    record["warnings"] = [templates.shown(str(p)) for p in prepared.problems if p.level is Level.WARNING]
    record["errors"] = [templates.shown(str(p)) for p in prepared.problems if p.level is Level.ERROR]
    files: dict[str, bytes] = {}
    if prepared.ok:
        try:
            files = output_files(prepared, job.options)
            record["totals"] = key_totals(prepared)
        except DisclosureError as exc:
            record["errors"].append(templates.shown(f"{job.file}：{exc}"))
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
