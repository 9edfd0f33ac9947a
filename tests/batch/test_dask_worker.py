"""A Dask worker builds a department as a local worker process does: collector paused, no statistical profiler."""

from __future__ import annotations

import gc

import pytest

from disclosure_gen.batch.engines import DaskCluster
from disclosure_gen.batch.jobs import Job
from disclosure_gen.batch.runner import build_one
from disclosure_gen.batch.templates import LocalTemplates
from disclosure_gen.build import BuildOptions
from disclosure_gen.writers import pdf

from ..support.synthetic import write_county

pytestmark = pytest.mark.slow  # each test starts a LocalCluster


def collector_during_render(job: Job) -> tuple[list[bool], bool, str]:
    """In a worker: whether the collector was on each time WeasyPrint laid out a document, whether it is on
    after the build, and the build's status."""
    seen: list[bool] = []
    layout = pdf._weasyprint_layout

    def recording(*args):
        seen.append(gc.isenabled())
        return layout(*args)

    pdf._weasyprint_layout = recording
    try:
        built = build_one(job, LocalTemplates(()))
    finally:
        pdf._weasyprint_layout = layout
    return seen, gc.isenabled(), "failed" if built.record["errors"] else "built"


def profiler_state(dask_worker) -> tuple[bool, bool]:
    """In a worker: whether the statistical profiler is configured on, and whether it is scheduled."""
    import dask

    return dask.config.get("distributed.worker.profile.enabled"), "profile" in dask_worker.periodic_callbacks


@pytest.fixture
def engine():
    """The batch's own LocalCluster of one worker, as `batch --engine dask` starts it."""
    engine = DaskCluster(None, 1)
    yield engine
    engine.close()


def test_a_dask_worker_renders_with_the_collector_paused_and_turns_it_on_again(tmp_path, engine):
    """A Dask worker runs its event loop in a second thread; its renders still pause the collector."""
    file = write_county(tmp_path / "county", 1, seed=3)[0]
    job = Job(file, file.name, file.read_bytes(), BuildOptions(("pdf",)), {})
    client = engine._connected()
    seen, on_after, status = client.submit(collector_during_render, job, pure=False).result()
    assert status == "built"
    assert seen == [False]
    assert on_after


def test_the_batch_local_cluster_runs_its_workers_without_the_profiler_even_after_a_restart(engine):
    client = engine._connected()
    assert list(client.run(profiler_state).values()) == [(False, False)]
    client.restart()
    assert list(client.run(profiler_state).values()) == [(False, False)]
