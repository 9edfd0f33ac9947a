"""Whole-county batches: bad departments are skipped and reported, runs are incremental and interruptible."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
import warnings
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from disclosure_gen.batch import county_rollup, load_county, state, templates
from disclosure_gen.cli import main
from disclosure_gen.pipeline import prepare
from disclosure_gen.templateset import BUILTIN_TEMPLATES
from disclosure_gen.writers import archive

from ..conftest import EXAMPLES, ROOT
from ..support.synthetic import write_county
from ..docx_text import open_docx


def county_with_one_broken(tmp_path, count=4):
    folder = tmp_path / "county"
    write_county(folder, count, seed=5)
    broken = folder / "broken.yaml"
    text = (EXAMPLES / "changji-npc-office-2023.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("  30110: 28.19", "  30110: 28.20"), encoding="utf-8")
    return folder


def run_batch_cli(*args, engine=()):
    return CliRunner().invoke(main, ["batch", *map(str, args), *engine])


@pytest.fixture(scope="module")
def dask_cluster():
    """A real two-process Dask cluster on this machine, shared by the module's tests and closed after them."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    yield cluster
    cluster.close()


@pytest.fixture(params=["local", "dask"])
def engine(request):
    """The batch's command-line options for each engine: the local process pool, or the Dask cluster."""
    if request.param == "local":
        return ()
    return ("--engine", "dask", "--scheduler", request.getfixturevalue("dask_cluster").scheduler_address)


@pytest.mark.slow
def test_one_broken_department_does_not_stop_the_others(tmp_path, engine):
    folder = county_with_one_broken(tmp_path)
    out = tmp_path / "out"
    result = run_batch_cli(folder, "-o", out, "--format", "docx", "--workers", "2", engine=engine)
    assert result.exit_code == 1
    docx = sorted(p.name for p in out.glob("*.docx"))
    assert len(docx) == 4 and "昌吉市人大常委会办公室-2023.docx" not in docx
    for name in docx:
        assert open_docx((out / name).read_bytes()).paragraphs
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "昌吉市人大常委会办公室" in html and "personnel-tie" in html and "未生成" in html
    sheet = openpyxl.load_workbook(out / "index.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    broken = next(r for r in rows if r[0] == "昌吉市人大常委会办公室")
    assert broken[2] == "未生成" and "personnel-tie" in broken[9]
    assert "personnel-tie" in result.output


@pytest.mark.slow
def test_summary_rolls_up_the_built_departments(tmp_path):
    folder = county_with_one_broken(tmp_path, count=3)
    out = tmp_path / "out"
    run_batch_cli(folder, "-o", out, "--format", "docx")
    rows = list(openpyxl.load_workbook(out / "index.xlsx").active.iter_rows(values_only=True))
    departments = [r for r in rows[2:-1] if r[2] == "已生成"]
    expected = sum(prepare(folder / r[1]).figures.income_total for r in departments)
    assert rows[-1][0] == "合计" and Decimal(str(rows[-1][3])) == expected
    assert county_rollup([{"totals": {"income_total": "1.10", "basic": "1", "project": "0", "three_public": "0", "running_costs": "0"}}] * 2)["income_total"] == Decimal("2.20")


@pytest.mark.slow
def test_rerun_renders_only_what_changed(tmp_path, engine):
    folder = tmp_path / "county"
    files = write_county(folder, 3, seed=9)
    out = tmp_path / "out"
    assert run_batch_cli(folder, "-o", out, "--format", "docx", engine=engine).exit_code == 0
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.docx")}
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(text.replace("主要内容: 按计划完成年度工作任务", "主要内容: 按计划完成本年度工作任务", 1) if "主要内容" in text else text + "\n# 修改\n", encoding="utf-8")
    time.sleep(0.01)
    result = run_batch_cli(folder, "-o", out, "--format", "docx", engine=engine)
    assert "新生成 1 个，未变 2 个" in result.output
    changed = [name for name, stamp in stamps.items() if (out / name).stat().st_mtime_ns != stamp]
    assert len(changed) == 1
    forced = run_batch_cli(folder, "-o", out, "--format", "docx", "--force", engine=engine)
    assert "新生成 3 个" in forced.output


@pytest.mark.slow
def test_other_tool_code_renders_everything_again(tmp_path, monkeypatch):
    """Outputs made by other code (a newer commit of the same version, an upgraded WeasyPrint) are not kept."""
    folder = tmp_path / "county"
    write_county(folder, 2, seed=9)
    out = tmp_path / "out"
    assert "新生成 2 个" in run_batch_cli(folder, "-o", out, "--format", "docx").output
    assert "未变 2 个" in run_batch_cli(folder, "-o", out, "--format", "docx").output
    monkeypatch.setattr(state, "tool_fingerprint", lambda *folders: b"other code")
    assert "新生成 2 个" in run_batch_cli(folder, "-o", out, "--format", "docx").output


def test_tool_fingerprint_covers_what_shapes_the_output_but_caches(tmp_path):
    package, templates = tmp_path / "pkg", tmp_path / "templates"
    (package / "__pycache__").mkdir(parents=True)
    (package / "batch").mkdir()
    (templates / "set").mkdir(parents=True)
    for path, text in ((package / "a.py", "x = 1\n"), (package / "data.tsv", "101\t一般公共服务支出\n"),
                       (package / "cli.py", "y = 1\n"), (package / "batch" / "runner.py", "z = 1\n"), (templates / "set" / "set.yaml", "a: 1\n")):
        path.write_text(text)
    first = state.tool_fingerprint.__wrapped__(package, templates)
    (package / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"compiled")
    (package / "cli.py").write_text("y = 2\n")
    (package / "batch" / "runner.py").write_text("z = 2\n")
    assert state.tool_fingerprint.__wrapped__(package, templates) == first
    (templates / "set" / "set.yaml").write_text("a: 2\n")
    second = state.tool_fingerprint.__wrapped__(package, templates)
    (package / "data.tsv").write_text("101\t一般公共服务\n")
    assert len({first, second, state.tool_fingerprint.__wrapped__(package, templates)}) == 3
    own = (state.PACKAGE, state.BUILTIN_TEMPLATES)
    assert state.tool_fingerprint(*own) == state.tool_fingerprint.__wrapped__(*own)


def test_manifest_defaults_apply_unless_a_department_overrides(tmp_path):
    folder = tmp_path / "county"
    write_county(folder, 2, seed=4)
    first, second = sorted(folder.glob("dept-*.yaml"))
    first.write_text(first.read_text(encoding="utf-8").replace("  公开日期: 2023-02-15\n", ""), encoding="utf-8")
    (folder / "county.yaml").write_text(
        "县名称: 示范县\n默认:\n  部门:\n    公开日期: 2023-03-01\n  名词解释:\n    财政拨款: 县里统一的解释。\n", encoding="utf-8"
    )
    county = load_county(folder)
    assert county.name == "示范县" and len(county.files) == 2
    one, two = (prepare(f, defaults=county.defaults) for f in (first, second))
    assert one.data.department.published_on.isoformat() == "2023-03-01"
    assert two.data.department.published_on.isoformat() == "2023-02-15"
    assert dict(one.figures.glossary)["财政拨款"] == "县里统一的解释。"


@pytest.mark.slow
def test_a_killed_batch_leaves_no_partial_file_and_the_next_run_completes(tmp_path):
    folder = tmp_path / "county"
    write_county(folder, 4, seed=6)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "disclosure_gen.cli", "batch", str(folder), "-o", str(out), "--workers", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(out.glob("*.pdf")):
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    finished = sorted(out.glob("*.pdf"))
    assert 1 <= len(finished) < 4
    for pdf in finished:
        PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    assert len(list(out.glob("*.pdf"))) == 4 and len(list(out.glob("*.docx"))) == 4
    assert not list(out.glob(".*.part"))


@pytest.mark.slow  # generates and checks a county of random departments twice
def test_synthetic_county_is_valid_varied_and_reproducible(tmp_path):
    first = write_county(tmp_path / "a", 30, seed=1)
    second = write_county(tmp_path / "b", 30, seed=1)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    prepared = [prepare(p) for p in first]
    assert all(p.ok and not p.problems for p in prepared), [str(x) for p in prepared for x in p.problems][:5]
    lines = [len(p.data.basic) + len({x.function_code for x in p.data.projects}) for p in prepared]
    projects = [len(p.data.projects) for p in prepared]
    assert min(lines) >= 5 and max(lines) <= 45 and max(projects) <= 12 and min(projects) == 0
    assert any(p.figures.income[8].amount for p in prepared)  # carry-over
    assert any(not p.figures.fund.total for p in prepared) and any(p.figures.fund.total for p in prepared)


def twin_of(original, twin, old="负责示范县财政局职责范围内的工作。", new="这是重复文件里的职能。"):
    """A second file for the same department and year as `original`, with different text."""
    twin.parent.mkdir(parents=True, exist_ok=True)
    twin.write_text(original.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return twin


def docx_text(path):
    return "\n".join(p.text for p in open_docx(path.read_bytes()).paragraphs)


@pytest.mark.slow
def test_two_files_for_one_department_are_both_refused_and_the_survivor_is_built_again(tmp_path, engine):
    folder = tmp_path / "county"
    first, *_ = write_county(folder, 3, seed=9)
    twin = twin_of(first, folder / "z-copy.yaml")
    out = tmp_path / "out"
    result = run_batch_cli(folder, "-o", out, "--format", "docx", "--workers", "1", engine=engine)
    assert result.exit_code == 1
    assert f"{first} 第 3 行「部门.名称」：错误［same-department］与 {twin} 是同一部门同一年度" in result.output
    assert f"{twin} 第 3 行「部门.名称」：错误［same-department］与 {first} 是同一部门同一年度" in result.output
    assert not (out / "示范县财政局-2023.docx").exists() and len(list(out.glob("*.docx"))) == 2
    rows = list(openpyxl.load_workbook(out / "index.xlsx").active.iter_rows(values_only=True))
    assert [(r[1], r[2]) for r in rows[2:-1] if r[0] == "示范县财政局"] == [("dept-001.yaml", "未生成"), ("z-copy.yaml", "未生成")]
    twin.unlink()
    again = run_batch_cli(folder, "-o", out, "--format", "docx", "--workers", "1", engine=engine)
    assert again.exit_code == 0 and "新生成 1 个，未变 2 个" in again.output
    text = docx_text(out / "示范县财政局-2023.docx")
    assert "负责示范县财政局职责范围内的工作。" in text and "重复文件" not in text


@pytest.mark.slow
def test_a_new_twin_of_a_built_department_withdraws_it_until_one_is_removed(tmp_path, engine):
    folder = tmp_path / "county"
    first, *_ = write_county(folder, 2, seed=9)
    out = tmp_path / "out"
    assert run_batch_cli(folder, "-o", out, "--format", "docx", engine=engine).exit_code == 0
    twin = twin_of(first, folder / "z-copy.yaml")
    result = run_batch_cli(folder, "-o", out, "--format", "docx", engine=engine)
    assert result.exit_code == 1 and "未生成 2 个" in result.output and "［same-department］" in result.output
    assert "重复文件" not in docx_text(out / "示范县财政局-2023.docx")
    first.unlink()
    again = run_batch_cli(folder, "-o", out, "--format", "docx", engine=engine)
    assert again.exit_code == 0 and "新生成 1 个，未变 1 个" in again.output
    assert "这是重复文件里的职能。" in docx_text(out / "示范县财政局-2023.docx")


@pytest.mark.slow
def test_same_file_name_in_two_folders_is_two_departments(tmp_path, engine):
    folder = tmp_path / "county"
    made = write_county(tmp_path / "made", 2, seed=9)
    for sub, path in zip("ab", made):
        (folder / sub).mkdir(parents=True)
        path.rename(folder / sub / "dept.yaml")
    (folder / "county.yaml").write_text("县名称: 示范县\n部门:\n  - a/dept.yaml\n  - b/dept.yaml\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_batch_cli(folder, "-o", out, "--format", "docx", engine=engine)
    assert result.exit_code == 0, result.output
    rows = list(openpyxl.load_workbook(out / "index.xlsx").active.iter_rows(values_only=True))
    assert [(r[0], r[1]) for r in rows[2:-1]] == [("示范县财政局", "a/dept.yaml"), ("示范县教育局", "b/dept.yaml")]
    expected = sum(prepare(folder / sub / "dept.yaml").figures.income_total for sub in "ab")
    assert Decimal(str(rows[-1][3])) == expected
    assert "未变 2 个" in run_batch_cli(folder, "-o", out, "--format", "docx", engine=engine).output
    second = folder / "b" / "dept.yaml"
    second.write_text(second.read_text(encoding="utf-8").replace("负责示范县教育局职责范围内的工作。", "改过的职能。"), encoding="utf-8")
    assert "新生成 1 个，未变 1 个" in run_batch_cli(folder, "-o", out, "--format", "docx", engine=engine).output
    assert "改过的职能。" in docx_text(out / "示范县教育局-2023.docx")


@pytest.mark.slow
def test_build_refuses_two_files_for_one_department(tmp_path):
    first, other = write_county(tmp_path / "in", 2, seed=9)
    twin = twin_of(first, tmp_path / "in" / "copy.yaml")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(first), str(other), str(twin), str(other), "-o", str(out), "--format", "docx"])
    assert result.exit_code == 1
    assert f"{first} 第 3 行「部门.名称」：错误［same-department］与 {twin} 是同一部门同一年度" in result.output
    assert f"{twin} 第 3 行「部门.名称」：错误［same-department］与 {first} 是同一部门同一年度" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["示范县教育局-2023.docx"]  # one file named twice is no twin
    assert f"与 {other}" not in result.output


@pytest.mark.parametrize(("manifest", "where", "message"), [
    ("部门: 5\n", "第 1 行「部门」", "应当是部门文件的列表"),
    ("部门: dept-001.yaml\n", "第 1 行「部门」", "应当是部门文件的列表"),
    ("部门:\n  - dept-001.yaml\n  - 5\n", "第 3 行「部门[2]」", "应当填写部门文件的路径，这里是「5」"),
    ("默认: [1, 2]\n", "第 1 行「默认」", "应当是下一级字段"),
    ("默认:\n  部门: 5\n", "第 2 行「默认.部门」", "应当是下一级字段"),
    ("县名称: [示范县]\n", "第 1 行「县名称」", "应当填写文字"),
    ("县名称: 示范县\n年度: 二〇二三\n", "第 2 行「年度」", "应当填写整数年份"),
    ("模板: 5\n", "第 1 行「模板」", "应当填写模板名称"),
])
def test_a_manifest_field_of_the_wrong_type_is_located(tmp_path, manifest, where, message):
    folder = tmp_path / "county"
    write_county(folder, 1, seed=9)
    (folder / "county.yaml").write_text(manifest, encoding="utf-8")
    result = run_batch_cli(folder, "-o", tmp_path / "out")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"{folder / 'county.yaml'} {where}：错误［manifest］" in result.output and message in result.output, result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("listed", ["../outside.yaml", "ABSOLUTE", "link.yaml"])
def test_a_manifest_cannot_reach_outside_the_county_folder(tmp_path, listed):
    folder = tmp_path / "county"
    write_county(folder, 1, seed=9)
    outside = tmp_path / "outside.yaml"
    (folder / "dept-001.yaml").rename(outside)
    (folder / "link.yaml").symlink_to(outside)
    listed = str(outside) if listed == "ABSOLUTE" else listed
    (folder / "county.yaml").write_text(f"部门:\n  - {listed}\n", encoding="utf-8")
    result = run_batch_cli(folder, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{folder / 'county.yaml'} 第 2 行「部门[1]」：错误［manifest］" in result.output, result.output
    assert "县文件夹之外" in result.output or "绝对路径" in result.output
    assert not (tmp_path / "out").exists()


def test_a_symlink_out_of_the_county_folder_is_refused_without_a_manifest_too(tmp_path):
    folder = tmp_path / "county"
    write_county(folder, 1, seed=9)
    (folder / "dept-001.yaml").rename(tmp_path / "outside.yaml")
    (folder / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    result = run_batch_cli(folder, "-o", tmp_path / "out")
    assert result.exit_code == 1 and f"{folder / 'link.yaml'}：错误［manifest］" in result.output and "县文件夹之外" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_batch_removes_only_its_own_temporary_files(tmp_path):
    folder = tmp_path / "county"
    write_county(folder, 1, seed=9)
    out = tmp_path / "out"
    out.mkdir()
    mine = [out / ".notes.part", out / ".示范县财政局-2023.docx.abcd1234.part", out / "draft.part"]
    for path in mine:
        path.write_text("user's own", encoding="utf-8")
    handle, leftover = archive.open_temporary(out / "示范县财政局-2023.docx")
    os.close(handle)
    assert run_batch_cli(folder, "-o", out, "--format", "docx").exit_code == 0
    assert all(p.read_text(encoding="utf-8") == "user's own" for p in mine)
    assert not Path(leftover).exists()


@pytest.mark.slow
def test_a_file_that_comes_back_is_built_again_when_another_took_its_outputs_meanwhile(tmp_path, engine):
    folder = tmp_path / "county"
    first, *_ = write_county(folder, 2, seed=9)
    kept = tmp_path / "kept.yaml"
    kept.write_bytes(first.read_bytes())
    out = tmp_path / "out"
    assert run_batch_cli(folder, "-o", out, "--format", "docx", engine=engine).exit_code == 0
    first.unlink()
    twin_of(kept, folder / "z-copy.yaml")
    assert "新生成 1 个，未变 1 个" in run_batch_cli(folder, "-o", out, "--format", "docx", engine=engine).output
    (folder / "z-copy.yaml").unlink()
    first.write_bytes(kept.read_bytes())
    again = run_batch_cli(folder, "-o", out, "--format", "docx", engine=engine)
    assert again.exit_code == 0 and "新生成 1 个，未变 1 个" in again.output
    assert "重复文件" not in docx_text(out / "示范县财政局-2023.docx")


def outputs_of(folder):
    """Every file a batch wrote (its state aside, which records timings), by name."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != state.STATE_NAME}


@pytest.mark.slow
def test_a_dask_run_on_its_own_local_cluster_writes_what_a_local_run_writes(tmp_path):
    folder = county_with_one_broken(tmp_path, count=3)
    local = run_batch_cli(folder, "-o", tmp_path / "local")
    dask = run_batch_cli(folder, "-o", tmp_path / "dask", "--engine", "dask", "--workers", "2")
    assert local.exit_code == dask.exit_code == 1, dask.output
    assert outputs_of(tmp_path / "dask") == outputs_of(tmp_path / "local")
    assert len([name for name in outputs_of(tmp_path / "local") if name.endswith(".pdf")]) == 3
    failures = [line for line in local.output.splitlines() if "personnel-tie" in line]
    assert failures and all(line in dask.output.splitlines() for line in failures)


@pytest.mark.slow
def test_a_worker_killed_mid_department_loses_and_duplicates_nothing(tmp_path, dask_cluster):
    from disclosure_gen.batch import BUILT, run_batch
    from disclosure_gen.batch.engines import DaskCluster
    from disclosure_gen.build import BuildOptions

    folder = tmp_path / "county"
    write_county(folder, 6, seed=3)
    out = tmp_path / "out"
    killed = []

    def kill_a_busy_worker(record, done, total):
        """After the first department, SIGKILL a worker process that is building another one."""
        busy = [worker for worker in list(dask_cluster.scheduler.workers.values()) if worker.processing]
        if not killed and busy:
            os.kill(busy[0].pid, signal.SIGKILL)
            killed.append(busy[0].pid)

    engine = DaskCluster(dask_cluster.scheduler_address, 2)
    try:
        records = run_batch(load_county(folder), out, BuildOptions(("docx", "pdf")), engine, on_result=kill_a_busy_worker)
    finally:
        engine.close()
    assert killed
    assert [r["file"] for r in records] == [p.name for p in sorted(folder.glob("*.yaml"))]
    assert all(r["status"] == BUILT for r in records) and len({r["department"] for r in records}) == 6
    assert len(list(out.glob("*.pdf"))) == len(list(out.glob("*.docx"))) == 6 and not list(out.glob(".*.part"))
    for pdf in out.glob("*.pdf"):
        PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    assert sorted(state.read_state(out)) == [p.name for p in sorted(folder.glob("*.yaml"))]


def test_a_scheduler_address_needs_the_dask_engine(tmp_path):
    folder = tmp_path / "county"
    write_county(folder, 1, seed=9)
    result = run_batch_cli(folder, "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2 and "只有 --engine dask 才能连接调度器" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_scheduler_that_does_not_answer_is_reported_in_chinese(tmp_path):
    folder = tmp_path / "county"
    write_county(folder, 1, seed=9)
    result = run_batch_cli(folder, "-o", tmp_path / "out", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 1 and "连接不上 Dask 调度器 tcp://127.0.0.1:1" in result.output, result.output
    assert not list((tmp_path / "out").glob("*.docx"))


def received_per_worker(cluster):
    """For each worker process: how many times it was sent each template digest."""
    from distributed import Client

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


def test_each_dask_worker_receives_a_template_set_once_and_a_changed_set_reaches_it(tmp_path, dask_cluster):
    county = tmp_path / "county"
    write_county(county, 3, seed=11)
    engine = ("--engine", "dask", "--scheduler", dask_cluster.scheduler_address, "--format", "docx")
    for _ in range(2):
        result = CliRunner().invoke(main, ["batch", str(county), "-o", str(tmp_path / "out"), "--force", *engine])
        assert result.exit_code == 0, result.output
    changed = changed_template_folder(tmp_path)
    result = CliRunner().invoke(main, ["batch", str(county), "-o", str(tmp_path / "changed"), "--templates", str(changed), *engine])
    assert result.exit_code == 0, result.output

    received = received_per_worker(dask_cluster)
    assert len(received) == 2
    assert all(len(digests) == 2 and set(digests.values()) == {1} for digests in received.values()), received
    built = sorted((tmp_path / "changed").glob("*.docx"))
    assert len(built) == 3
    for docx in built:
        assert "经营收入和其他收入（改过的模板）" in docx_text(docx)
    assert all("改过的模板" not in docx_text(docx) for docx in (tmp_path / "out").glob("*.docx"))


def test_a_county_larger_than_a_graph_is_submitted_to_dask_in_small_batches(tmp_path, dask_cluster):
    """Twelve departments of some 15 kB each would make one 180 kB graph; no submission reaches 64 kB."""
    import dask

    from disclosure_gen.batch import BUILT, run_batch
    from disclosure_gen.batch.engines import DaskCluster
    from disclosure_gen.build import BuildOptions

    county = tmp_path / "county"
    write_county(county, 12, seed=12)
    engine = DaskCluster(dask_cluster.scheduler_address, 2)
    try:
        with dask.config.set({"distributed.admin.large-graph-warning-threshold": "64kB"}), \
                warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            records = run_batch(load_county(county), tmp_path / "out", BuildOptions(("docx",)), engine)
    finally:
        engine.close()
    assert [r["status"] for r in records] == [BUILT] * 12
    assert not [w for w in caught if "large graph" in str(w.message)]


def test_dask_loads_the_departments_for_duplicates_in_groups_of_several(tmp_path, dask_cluster):
    """Ten departments on two workers: five duplicate-finding tasks of two departments, then ten builds."""
    from distributed import Client, get_task_stream

    county = tmp_path / "county"
    write_county(county, 10, seed=13)
    with Client(dask_cluster) as client, get_task_stream(client) as stream:
        result = run_batch_cli(county, "-o", tmp_path / "out", "--format", "docx",
                               engine=("--engine", "dask", "--scheduler", dask_cluster.scheduler_address))
    assert result.exit_code == 0, result.output
    names = [task["key"].split("-")[0] for task in stream.data]
    assert names.count("claim_group") == 5 and names.count("build_paired") == 10, names
    assert len(list((tmp_path / "out").glob("*.docx"))) == 10


@pytest.mark.slow
def test_a_template_error_names_the_operators_file_under_either_engine(tmp_path, engine):
    """A Dask worker renders from its own copy of the templates; the summary still names the operator's file."""
    folder = tmp_path / "templates"
    shutil.copytree(BUILTIN_TEMPLATES / "changji-2023", folder / "changji-2023")
    document = folder / "changji-2023" / "text" / "document.j2"
    document.write_text(document.read_text(encoding="utf-8").replace("{% set p = f.procurement %}", "{% set p = f.procurment %}"),
                        encoding="utf-8")
    county = tmp_path / "county"
    write_county(county, 2, seed=14)
    out = tmp_path / "out"
    result = run_batch_cli(county, "-o", out, "--format", "docx", "--templates", folder, engine=engine)
    assert result.exit_code == 1, result.output
    rows = list(openpyxl.load_workbook(out / "index.xlsx").active.iter_rows(values_only=True))
    errors = [row[9] for row in rows if row[2] == "未生成"]
    assert len(errors) == 2
    for error in errors:
        assert f"{document} 第 180 行" in error and "procurment" in error, error
        assert "disclosure-gen-templates-" not in error
    assert "disclosure-gen-templates-" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_workers_message_names_each_template_file_at_the_operators_folder_even_past_ten_folders():
    """The worker's copies are folders 0, 1, …, 10 of one private folder: folder 1 must not be read as the start of 10."""
    trees = tuple(((f"set{index}/set.yaml", f"# {index}\n".encode()),) for index in range(11))
    origins = tuple(f"/operator/{letter}" for letter in "abcdefghijk")
    bundle = templates.ShippedTemplates(templates.templates_digest(trees), trees, origins)
    templates.receive(bundle)
    received = bundle.received()
    copies = received.folders()
    assert len(copies) == 11 and all((copy / f"set{i}" / "set.yaml").is_file() for i, copy in enumerate(copies))
    message = f"{copies[10] / 'set10' / 'set.yaml'} 第 1 行；{copies[1] / 'set1' / 'set.yaml'} 第 2 行"
    assert received.shown(message) == "/operator/k/set10/set.yaml 第 1 行；/operator/b/set1/set.yaml 第 2 行"
