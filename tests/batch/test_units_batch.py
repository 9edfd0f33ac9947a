"""A department of budget units in a county batch: its unit files travel with it and a change to one rebuilds it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from disclosure_gen.batch import load_county
from disclosure_gen.batch.jobs import Job
from disclosure_gen.batch.runner import BUILT, UNCHANGED, build_one, run_batch
from disclosure_gen.batch.templates import LocalTemplates
from disclosure_gen.build import BuildOptions
from disclosure_gen.batch.engines import ProcessPool
from disclosure_gen.unitfiles import included_files

from ..conftest import ROOT
from ..support.synthetic import write_county
from .test_batch import dask_cluster, engine, run_batch_cli  # noqa: F401  (fixtures)

UNITS = ROOT / "tests" / "format" / "units"
TEMPLATES = ROOT / "tests" / "user_templates"
SCHOOL = Path("units") / "first-middle-school.yaml"


def county_with_units(tmp_path: Path) -> Path:
    """Two synthetic departments and the two-unit 教育局, its school in the subfolder units/ (not a department)."""
    folder = tmp_path / "county"
    write_county(folder, 2, seed=3)
    shutil.copytree(UNITS, folder, dirs_exist_ok=True)
    return folder


@pytest.mark.slow
def test_a_department_of_units_builds_in_a_batch_and_a_changed_unit_file_rebuilds_it(tmp_path, engine):
    folder = county_with_units(tmp_path)
    out = tmp_path / "out"
    first = run_batch_cli(folder, "-o", out, "--format", "docx", "--templates", TEMPLATES, "--workers", "2", engine=engine)
    assert first.exit_code == 0, first.output
    assert (out / "青水市教育局-2024.docx").exists() and len(list(out.glob("*.docx"))) == 3

    school = folder / SCHOOL
    school.write_text(school.read_text(encoding="utf-8").replace("事业收入: 120", "事业收入: 121").replace(
        "2050203: {一般公共预算: 700, 单位资金: 120}", "2050203: {一般公共预算: 700, 单位资金: 121}"), encoding="utf-8")
    records = run_batch(load_county(folder), out, BuildOptions(("docx",)), ProcessPool(1), user_templates=(TEMPLATES,))
    statuses = {record["department"]: record["status"] for record in records}
    assert statuses.pop("青水市教育局") == BUILT
    assert set(statuses.values()) == {UNCHANGED}
    bureau = next(record for record in records if record["department"] == "青水市教育局")
    assert bureau["totals"]["income_total"] == "1421.00"


def test_a_worker_builds_a_department_from_the_bytes_it_is_sent_without_opening_its_unit_files(tmp_path):
    """A Dask worker on another machine has no copy of the county: the job carries the unit files' bytes."""
    bureau = UNITS / "education-bureau.yaml"
    content = bureau.read_bytes()
    included = included_files(bureau, content)
    assert set(included) == {"units/first-middle-school.yaml"} and isinstance(included["units/first-middle-school.yaml"], bytes)
    elsewhere = tmp_path / "not-here" / "education-bureau.yaml"  # where the coordinator read it; absent on the worker
    job = Job(elsewhere, "education-bureau.yaml", content, BuildOptions(("docx",)), {}, included)
    built = build_one(job, LocalTemplates((TEMPLATES,)))
    assert built.record["errors"] == [] and list(built.files) == ["青水市教育局-2024.docx"]
    assert not elsewhere.parent.exists()


def test_a_unit_file_that_cannot_be_read_fails_only_its_department(tmp_path):
    folder = county_with_units(tmp_path)
    (folder / SCHOOL).unlink()
    records = run_batch(load_county(folder), tmp_path / "out", BuildOptions(("docx",)), ProcessPool(1), user_templates=(TEMPLATES,))
    failed = [record for record in records if record["errors"]]
    assert len(failed) == 1 and "units/first-middle-school.yaml" in failed[0]["errors"][0] and "文件不存在" in failed[0]["errors"][0]
    assert sum(record["status"] == BUILT for record in records) == 2
