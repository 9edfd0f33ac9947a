"""Builds every department of a county, or of all counties of a province at once, in parallel; one bad department never stops the others."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..build import BuildOptions, output_files
from ..errors import DisclosureError, InputFileError
from ..load import unreadable
from ..ownership import Claim, contested
from ..unitfiles import included_files
from ..pipeline import prepare
from ..problems import Level, Problem
from ..writers.archive import prepare_folder, write_together
from ..writers.collector import dedicated_worker
from ..yamlsource import read_limited
from .claims import find_claims
from .engines import Engine
from .jobs import Built, Job
from .manifest import County
from .state import PeriodicSaves, fingerprint, read_state, remove_stale_partials
from .templates import LocalTemplates, ReceivedTemplates, digest_of

BUILT, UNCHANGED, FAILED = "built", "unchanged", "failed"
OnResult = Callable[[dict[str, Any], int, int], None]


def run_batch(
    county: County,
    output: Path,
    options: BuildOptions,
    engine: Engine,
    force: bool = False,
    user_templates: tuple[Path, ...] = (),
    on_result: OnResult = lambda record, done, total: None,
) -> list[dict[str, Any]]:
    """Checks and builds each department of one county on `engine`; returns one record per department, in file order."""
    (records,) = run_counties([(county, output)], options, engine, force, user_templates, on_result)
    return records


def run_counties(
    counties: list[tuple[County, Path]],
    options: BuildOptions,
    engine: Engine,
    force: bool = False,
    user_templates: tuple[Path, ...] = (),
    on_result: OnResult = lambda record, done, total: None,
) -> list[list[dict[str, Any]]]:
    """Checks and builds every department of every county (each into its output folder) on `engine`, all at once.

    Returns, per county, one record per department in file order. The counties share the engine's
    workers: one county's last departments never leave workers idle while others wait. The
    incremental state is kept per county and file path inside the county folder, for the files of
    this run only. Every changed department is loaded first to learn which outputs it would write:
    two files of one county claiming the same outputs are both refused before anything is rendered,
    and recorded as failed, so that the one left after the other is removed is built again. Only
    this process writes, each department's files together. `on_result` counts over all counties.
    """
    total = sum(len(county.files) for county, _ in counties)
    done = iter(range(1, total + 1))
    runs = [CountyRun(index, county, output, options, (*user_templates, *county.template_folders), force,
                      lambda record: on_result(record, next(done), total))
            for index, (county, output) in enumerate(counties)]
    claims = find_claims(engine, [job for run in runs for job in run.jobs.values()])
    pending = [(job, run) for run in runs for job in run.settle(claims.get(run.index, {}))]
    busy = {run.index: run for _, run in pending}
    templates = {index: engine.templates(run.folders) for index, run in busy.items()}  # the cluster is reached only when there is work
    for built in engine.run(build_paired, [(job, templates[run.index]) for job, run in pending]):
        runs[built.county].written(built)
    return [run.close() for run in runs]


class CountyRun:
    """One county of a batch: its files, what the last run recorded, and its records as departments finish."""

    def __init__(self, index: int, county: County, output: Path, options: BuildOptions, folders: tuple[Path, ...],
                 force: bool, on_result: Callable[[dict[str, Any]], None]):
        self.index, self.output, self.folders, self.on_result = index, output, folders, on_result
        prepare_folder(output)
        remove_stale_partials(output)
        self.files = {county.key_of(file): file for file in county.files}
        # A file absent from this run may have its outputs taken over by another: it is built again on return.
        self.state = {name: entry for name, entry in read_state(output).items() if name in self.files}
        settings = (options, digest_of(folders))
        self.keys = {name: fingerprint(file, county.defaults, settings) for name, file in self.files.items()}
        self.changed = [name for name, file in self.files.items()
                        if force or not _still_valid(self.state.get(name), self.keys[name], output)]
        self.contents = {name: _read(self.files[name]) for name in self.changed}
        self.jobs = {
            name: Job(self.files[name], name, data, options, county.defaults, included_files(self.files[name], data), index)
            for name, data in self.contents.items() if isinstance(data, bytes)
        }
        self.records: dict[str, dict[str, Any]] = {}
        self.claims: dict[str, Claim] = {}
        self.saves = PeriodicSaves(output, self.state)  # saving the whole state after each department would grow as N²

    def settle(self, loaded: dict[str, Claim]) -> list[Job]:
        """Records the departments refused as duplicates, unchanged or unreadable; returns the jobs left to build."""
        unchanged = self.files.keys() - set(self.changed)
        self.claims = {name: Claim(self.files[name], **self.state[name]["claim"]) for name in unchanged} | loaded
        refused = contested(self.claims.values())
        for name, file in self.files.items():
            if file in refused:
                self._finish(name, _refused_record(name, self.claims[name], refused[file]))
            elif name not in self.contents:
                self._report(name, {**self.state[name]["record"], "status": UNCHANGED})
            elif not isinstance(self.contents[name], bytes):
                self._finish(name, _unreadable_record(name, file, self.contents[name]))
        self.saves.save()
        return [job for name, job in self.jobs.items() if name not in self.records]

    def written(self, built: Built) -> None:
        """A worker's department: its files written into the output folder, its record kept."""
        self._finish(built.name, _written(built, self.files[built.name], self.output))
        self.saves.changed()

    def close(self) -> list[dict[str, Any]]:
        """The state saved; one record per department, in file order."""
        self.saves.save()
        return [self.records[name] for name in self.files]

    def _report(self, name: str, record: dict[str, Any]) -> None:
        self.records[name] = record
        self.on_result(record)

    def _finish(self, name: str, record: dict[str, Any]) -> None:
        self.state[name] = {"key": self.keys[name], "claim": _stored(self.claims.get(name)), "record": record}
        self._report(name, record)


def build_paired(task: tuple[Job, LocalTemplates | ReceivedTemplates]) -> Built:
    """In a worker: `build_one` for a job and the templates of its county."""
    return build_one(*task)


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
    return Built(job.name, record, files, job.county)


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
