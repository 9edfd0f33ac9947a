"""The departments a batch loads to find duplicates, grouped into tasks of about a second for the engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_gen.batch.claims import CLAIM_BYTES_PER_TASK, CLAIMS_PER_TASK, claim_group, claim_group_size, claim_groups
from disclosure_gen.batch.jobs import Job
from disclosure_gen.build import BuildOptions

from ..conftest import EXAMPLES


def job(name: str, content: bytes, included: dict[str, bytes | str] | None = None) -> Job:
    return Job(Path(name), name, content, BuildOptions(("docx",)), {}, included or {})


@pytest.mark.parametrize(("count", "slots", "size"), [
    (1, 2, 1), (8, 2, 1), (9, 2, 2), (10, 2, 2), (100, 2, 13), (1000, 2, CLAIMS_PER_TASK), (20_000, 256, CLAIMS_PER_TASK),
    (1000, 64, 4),
])
def test_a_group_is_a_share_of_the_slots_and_never_larger_than_the_cap(count, slots, size):
    assert claim_group_size(count, slots) == size


def test_groups_keep_the_file_order_and_cover_every_department_once():
    jobs = [job(f"{i}.yaml", b"x" * 100) for i in range(47)]
    groups = claim_groups(jobs, 20)
    assert [len(g) for g in groups] == [20, 20, 7]
    assert [j for g in groups for j in g] == jobs


def test_large_files_make_smaller_groups_and_one_beyond_the_limit_goes_alone():
    half = CLAIM_BYTES_PER_TASK // 2
    jobs = [job("a", b"x" * half), job("b", b"x" * (half - 10)), job("c", b"x" * 100),
            job("d", b"x" * (2 * CLAIM_BYTES_PER_TASK)), job("e", b"x", {"units/u.yaml": b"x" * CLAIM_BYTES_PER_TASK}),
            job("f", b"x")]
    assert [[j.name for j in g] for g in claim_groups(jobs, 20)] == [["a", "b"], ["c"], ["d"], ["e"], ["f"]]


def test_a_group_reports_each_department_and_none_for_one_that_cannot_be_loaded():
    good = (EXAMPLES / "changji-npc-office-2023.yaml").read_bytes()
    names = [(county, name, claim is not None) for county, name, claim in claim_group([job("good.yaml", good), job("bad.yaml", b"[: not yaml")])]
    assert names == [(0, "good.yaml", True), (0, "bad.yaml", False)]
