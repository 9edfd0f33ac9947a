"""A province: several county folders built together on one engine, each with its summary, and a province summary."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from urllib.parse import unquote

import openpyxl
import pytest
from click.testing import CliRunner

from disclosure_gen.cli import main

from ..conftest import EXAMPLES

COUNTIES = {
    "昌吉市": ("changji-cpc-office-2023.yaml", "changji-npc-office-2023.yaml"),
    "州直/和静县": ("bayingol-cpc-office-2023.yaml", "changji-statistics-bureau-2024.yaml"),
}


def province_folder(tmp_path, manifest: str | None = "省名称: 示范省\n县:\n  - 昌吉市\n  - 州直/和静县\n"):
    folder = tmp_path / "省"
    for county, files in COUNTIES.items():
        (folder / county).mkdir(parents=True)
        for name in files:
            shutil.copy(EXAMPLES / name, folder / county / name)
    if manifest is not None:
        (folder / "province.yaml").write_text(manifest, encoding="utf-8")
    return folder


def batch(*args):
    return CliRunner().invoke(main, ["batch", *map(str, args), "--format", "docx"])


def rows_of(workbook):
    return list(openpyxl.load_workbook(workbook).active.iter_rows(values_only=True))


@pytest.mark.slow
def test_each_county_builds_into_its_own_folder_and_the_province_sums_their_totals(tmp_path):
    folder, out = province_folder(tmp_path), tmp_path / "out"
    result = batch(folder / "province.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    for county, files in COUNTIES.items():
        assert len([p for p in (out / county).glob("*.docx") if "预算公开表" not in p.name]) == len(files)
        assert [r[2] for r in rows_of(out / county / "index.xlsx")[2:-1]] == ["已生成"] * len(files)
    rows = rows_of(out / "index.xlsx")
    assert rows[0][0] == "示范省 各县部门预算公开汇总（单位：万元）" and rows[1][0] == "县"
    assert [r[:6] for r in rows[2:]] == [("昌吉市", "昌吉市", 2, 2, 0, 0), ("和静县", "州直/和静县", 2, 2, 0, 0), ("全省合计", None, 4, 4, 0, 0)]
    county_totals = [rows_of(out / county / "index.xlsx")[-1] for county in COUNTIES]
    assert all(total[0] == "合计" for total in county_totals)
    for column in range(5):
        printed = [Decimal(str(total[3 + column])) for total in county_totals]
        assert [Decimal(str(r[6 + column])) for r in rows[2:4]] == printed
        assert Decimal(str(rows[4][6 + column])) == sum(printed) > 0
    html = (out / "index.html").read_text(encoding="utf-8")
    links = {unquote(href) for href in re.findall(r'href="([^"]+)"', html)}
    assert links == {f"{county}/index.{kind}" for county in COUNTIES for kind in ("html", "xlsx")}
    assert all((out / link).is_file() for link in links)
    assert f"{rows[4][6]:.2f}" in html


@pytest.mark.slow
def test_a_folder_of_county_folders_needs_no_list_and_reruns_incrementally(tmp_path):
    folder, out = province_folder(tmp_path, manifest="省名称: 示范省\n"), tmp_path / "out"
    (folder / "州直" / "和静县").rename(folder / "和静县")
    (folder / "州直").rmdir()
    assert batch(folder, "-o", out).exit_code == 0
    again = batch(folder, "-o", out)
    assert again.exit_code == 0 and "未变 2 个" in again.output
    rows = rows_of(out / "index.xlsx")
    assert [r[:6] for r in rows[2:]] == [("和静县", "和静县", 2, 0, 2, 0), ("昌吉市", "昌吉市", 2, 0, 2, 0), ("全省合计", None, 4, 0, 4, 0)]


@pytest.mark.slow
def test_a_broken_department_in_one_county_fails_the_run_but_not_the_others(tmp_path):
    folder, out = province_folder(tmp_path), tmp_path / "out"
    text = (EXAMPLES / "changji-npc-office-2023.yaml").read_text(encoding="utf-8")
    (folder / "州直/和静县" / "broken.yaml").write_text(text.replace("  30110: 28.19", "  30110: 28.20"), encoding="utf-8")
    result = batch(folder, "-o", out)
    assert result.exit_code == 1 and "personnel-tie" in result.output
    rows = rows_of(out / "index.xlsx")
    assert [r[:6] for r in rows[2:]] == [("昌吉市", "昌吉市", 2, 2, 0, 0), ("和静县", "州直/和静县", 3, 2, 0, 1), ("全省合计", None, 5, 4, 0, 1)]
    assert [r[2] for r in rows_of(out / "州直/和静县" / "index.xlsx")[2:-1]] == ["已生成", "未生成", "已生成"]  # bayingol, broken, changji


@pytest.mark.parametrize(("listed", "message"), [
    ("../outside", "指向省文件夹之外"),
    ("ABSOLUTE", "是绝对路径"),
    ("乌鲁木齐县", "不存在或不是文件夹"),
    (".", "是省文件夹本身"),
    ("昌吉市/.", "与「昌吉市」是同一个文件夹"),
    ("州直", "在县文件夹「州直」之内"),
    ("5", None),
])
def test_a_bad_county_entry_is_located_and_nothing_is_built(tmp_path, listed, message):
    folder = province_folder(tmp_path, manifest=None)
    (tmp_path / "outside").mkdir()
    listed = str(tmp_path / "outside") if listed == "ABSOLUTE" else listed
    manifest = folder / "province.yaml"
    manifest.write_text(f"县:\n  - 昌吉市\n  - 州直/和静县\n  - {listed}\n", encoding="utf-8")
    result = batch(manifest, "-o", tmp_path / "out")
    assert result.exit_code == 1
    if message is None:  # a number is no folder path
        assert f"{manifest} 第 4 行「县[3]」：错误［manifest］应当填写县文件夹的路径，这里是「5」" in result.output
    elif listed == "州直":  # the inner county is the one located
        assert f"{manifest} 第 3 行「县[2]」：错误［manifest］县文件夹「州直/和静县」{message}" in result.output, result.output
    else:
        assert f"{manifest} 第 4 行「县[3]」：错误［manifest］县文件夹「{listed}」{message}" in result.output, result.output
    assert not (tmp_path / "out").exists()


def test_a_bad_county_manifest_stops_the_province_before_anything_is_built(tmp_path):
    folder = province_folder(tmp_path, manifest="县: 昌吉市\n")
    result = batch(folder, "-o", tmp_path / "out")
    assert result.exit_code == 1 and f"{folder / 'province.yaml'} 第 1 行「县」：错误［manifest］应当是县文件夹的列表" in result.output
    (folder / "province.yaml").write_text("县:\n  - 昌吉市\n  - 州直/和静县\n", encoding="utf-8")
    (folder / "州直/和静县/county.yaml").write_text("年度: 二〇二三\n", encoding="utf-8")
    result = batch(folder, "-o", tmp_path / "out")
    assert result.exit_code == 1 and f"{folder / '州直/和静县/county.yaml'} 第 1 行「年度」：错误［manifest］" in result.output
    assert not (tmp_path / "out").exists()


def test_a_county_subfolder_linked_out_of_the_province_folder_is_refused(tmp_path):
    folder = province_folder(tmp_path, manifest="省名称: 示范省\n")
    (folder / "州直" / "和静县").rename(tmp_path / "和静县")
    (folder / "和静县").symlink_to(tmp_path / "和静县")
    result = batch(folder, "-o", tmp_path / "out")
    assert result.exit_code == 1 and f"{folder / '和静县'}：错误［manifest］指向省文件夹之外" in result.output, result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_province_name_is_printed_as_text(tmp_path):
    folder, out = province_folder(tmp_path, manifest="省名称: '=1+1<script>'\n"), tmp_path / "out"
    assert batch(folder, "-o", out).exit_code == 0
    assert "&lt;script&gt;" in (out / "index.html").read_text(encoding="utf-8")
    title = openpyxl.load_workbook(out / "index.xlsx").active["A1"]
    assert title.data_type == "s" and title.value == "=1+1<script> 各县部门预算公开汇总（单位：万元）"


@pytest.mark.slow
def test_the_counties_share_the_workers_so_one_county_never_waits_for_another(tmp_path):
    """Two counties of one department each on two Dask workers: both departments are built at the same time."""
    from distributed import Client, LocalCluster, get_task_stream

    from ..support.synthetic import write_county

    folder, out = tmp_path / "省", tmp_path / "out"
    write_county(folder / "甲县", 1, seed=41)
    write_county(folder / "乙县", 1, seed=42)
    (folder / "province.yaml").write_text("县:\n  - 甲县\n  - 乙县\n", encoding="utf-8")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client, get_task_stream(client) as stream:
        result = batch(folder, "-o", out, "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 0, result.output
    builds = sorted((part["start"], part["stop"]) for task in stream.data if task["key"].startswith(("build_one", "build_paired"))
                    for part in task["startstops"] if part["action"] == "compute")
    assert len(builds) == 2
    (_, first_stop), (second_start, _) = builds
    assert second_start < first_stop, builds
    assert [len(list((out / county).glob("*.docx"))) for county in ("甲县", "乙县")] == [1, 1]
