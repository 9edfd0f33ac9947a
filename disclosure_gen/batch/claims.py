"""Before anything is built: which outputs each changed department would write, loaded on the workers in groups."""

from __future__ import annotations

from ..ownership import Claim, claim_of
from .engines import Engine
from .jobs import Job

# Departments loaded per duplicate-finding task, at most. Loading one takes about 0.05 s, below Dask's
# advice of tasks over 100 ms (its scheduler spends about 1 ms on every task): grouped, a task takes
# about a second, and a province of 20,000 departments is 1,000 tasks instead of 20,000.
CLAIMS_PER_TASK = 20
# And of at most this many bytes of department files (a file larger than that is a task of its own), so
# that a county of large files never makes tasks of many megabytes for the scheduler to pass on.
CLAIM_BYTES_PER_TASK = 1024 * 1024
# Duplicate-finding tasks per slot of the engine, at least, where the county is small enough that
# groups are smaller than CLAIMS_PER_TASK: enough tasks that every worker has a share to the end.
CLAIM_TASKS_PER_SLOT = 4


def find_claims(engine: Engine, jobs: list[Job]) -> dict[int, dict[str, Claim]]:
    """Which outputs each department that can be loaded would write, by county and file; loaded on the engine in groups."""
    found: dict[int, dict[str, Claim]] = {}
    if not jobs:
        return found
    groups = claim_groups(jobs, claim_group_size(len(jobs), engine.slots()))
    for group in engine.run(claim_group, groups):
        for county, name, claim in group:
            if claim:
                found.setdefault(county, {})[name] = claim
    return found


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


def claim_group(jobs: list[Job]) -> list[tuple[int, str, Claim | None]]:
    """In a worker: which outputs each job's department would write, by county and name (None for one that cannot be loaded)."""
    return [(job.county, job.name, claim_of(job.file, job.defaults, job.content, job.included)) for job in jobs]
