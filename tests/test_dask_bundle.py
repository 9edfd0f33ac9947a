"""The Dask engine sends the template bundle to each worker once per content digest and keeps its task graphs small."""

from __future__ import annotations

import shutil
import warnings

import dask
import pytest
from click.testing import CliRunner

from disclosure_gen.batch import BUILT, load_county, run_batch
from disclosure_gen.batch.engines import DaskCluster
from disclosure_gen.build import BuildOptions
from disclosure_gen.cli import main
from disclosure_gen.templateset import BUILTIN_TEMPLATES

from .test_batch import docx_text
from .support.synthetic import write_county


@pytest.fixture(scope="module")
def cluster():
    """A real two-process Dask cluster on this machine, closed after the module's tests."""
    from distributed import LocalCluster

    local = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    yield local
    local.close()


def received_per_worker(cluster):
    """For each worker process: how many times it was sent each template digest."""
    from distributed import Client

    from disclosure_gen.batch import templates

    with Client(cluster) as client:
        return client.run(lambda: dict(templates.RECEIVED))


def changed_template_folder(tmp_path):
    """An operator's template folder holding the built-in changji-2023 with one glossary sentence reworded."""
    folder = tmp_path / "templates"
    shutil.copytree(BUILTIN_TEMPLATES / "changji-2023", folder / "changji-2023")
    settings = folder / "changji-2023" / "set.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("包括事业收入、事业经营收入、其他收入等。", "包括事业收入、经营收入和其他收入（改过的模板）。"), encoding="utf-8")
    return folder


def test_each_worker_receives_a_template_set_once_and_a_changed_set_reaches_it(tmp_path, cluster):
    county = tmp_path / "county"
    write_county(county, 3, seed=11)
    dask = ("--engine", "dask", "--scheduler", cluster.scheduler_address, "--format", "docx")
    for run in range(2):
        result = CliRunner().invoke(main, ["batch", str(county), "-o", str(tmp_path / "out"), "--force", *dask])
        assert result.exit_code == 0, result.output
    changed = changed_template_folder(tmp_path)
    result = CliRunner().invoke(main, ["batch", str(county), "-o", str(tmp_path / "changed"), "--templates", str(changed), *dask])
    assert result.exit_code == 0, result.output

    received = received_per_worker(cluster)
    assert len(received) == 2
    assert all(len(digests) == 2 and set(digests.values()) == {1} for digests in received.values()), received
    built = sorted((tmp_path / "changed").glob("*.docx"))
    assert len(built) == 3
    for docx in built:
        assert "经营收入和其他收入（改过的模板）" in docx_text(docx)
    assert all("改过的模板" not in docx_text(docx) for docx in (tmp_path / "out").glob("*.docx"))


def test_a_county_larger_than_a_graph_is_submitted_in_small_batches(tmp_path, cluster):
    """Twelve departments of some 15 kB each would make one 180 kB graph; no submission reaches 64 kB."""
    county = tmp_path / "county"
    write_county(county, 12, seed=12)
    engine = DaskCluster(cluster.scheduler_address, 2)
    try:
        with dask.config.set({"distributed.admin.large-graph-warning-threshold": "64kB"}), \
                warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            records = run_batch(load_county(county), tmp_path / "out", BuildOptions(("docx",)), engine)
    finally:
        engine.close()
    assert [r["status"] for r in records] == [BUILT] * 12
    assert not [w for w in caught if "large graph" in str(w.message)]
