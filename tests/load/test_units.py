"""A department of budget units (预算单位): its money is their sum, a unit may live in its own file, and every
problem is reported where the user wrote the field (the unit's own file, line and key)."""

from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from disclosure_gen.load import load_input
from disclosure_gen.model import Source
from disclosure_gen.pipeline import prepare

from ..conftest import ROOT

UNITS = ROOT / "tests" / "format" / "units"
TEMPLATES = (ROOT / "tests" / "user_templates",)
BUREAU = "education-bureau.yaml"
SCHOOL = "units/first-middle-school.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the two-unit department (the bureau's own unit inline, the school in units/)."""
    target = tmp_path / "dept"
    shutil.copytree(UNITS, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems(path: Path, unit: str | None = None) -> list:
    return list(prepare(path, TEMPLATES, unit=unit).problems)


def errors(path: Path, unit: str | None = None) -> list:
    return [p for p in problems(path, unit) if p.level.value == "error"]


def test_the_departments_money_is_the_sum_of_its_units(folder):
    data = load_input(folder / BUREAU).data
    own, school = data.units
    assert (own.code, school.code, school.kind.value) == ("301001", "301002", "事业单位")
    assert data.income.general.own == own.income.general.own + school.income.general.own == Decimal(1300)
    assert data.income.unit_funds.operations == Decimal(120)
    assert data.basic["2080505"] == {Source.GENERAL: Decimal(70)}  # 30 + 40: one code in both units is added
    assert data.basic["2050203"] == {Source.GENERAL: Decimal(700), Source.UNIT_FUNDS: Decimal(120)}
    assert data.basic_economic["30101"] == Decimal(550)
    assert [p.name for p in data.projects] == ["全市教育督导评估", "第一中学校舍维修改造"]  # in unit order
    assert data.three_public.reception


def test_the_two_unit_department_checks_clean_with_none_of_changjis_required_fields(folder):
    assert errors(folder / BUREAU) == []
    text = (folder / BUREAU).read_text(encoding="utf-8") + (folder / SCHOOL).read_text(encoding="utf-8")
    for changji_only in ("政策依据", "资金分配", "执行期", "编制数", "在职", "赋分规则", "原因", "待填"):
        assert changji_only not in text


def test_a_problem_in_a_unit_file_is_reported_in_that_file_at_its_line(folder):
    edit(folder / SCHOOL, "    经济分类: {310: 30}", "    经济分类: {310: 31}")
    found = [p for p in errors(folder / BUREAU) if p.check == "project-economic-sum"]
    assert len(found) == 1
    location = found[0].location
    assert location.file == folder / SCHOOL
    assert location.field.startswith("项目[1]")  # as written in the unit's own file
    assert (folder / SCHOOL).read_text(encoding="utf-8").splitlines()[location.line - 1].strip().startswith(("- 名称", "经济分类"))


def test_a_unit_out_of_balance_is_reported_at_its_own_income(folder):
    """Each unit balances on its own: the department's sum could hide two errors that cancel out."""
    edit(folder / SCHOOL, "  一般公共预算: {一般财力: 800}", "  一般公共预算: {一般财力: 805}")
    edit(folder / BUREAU, "      一般公共预算: {一般财力: 500}", "      一般公共预算: {一般财力: 495}")
    assert load_input(folder / BUREAU).data.income.general.own == Decimal(1300)  # the sum balances
    found = errors(folder / BUREAU)
    assert {p.check for p in found} == {"income-balance"}
    assert {p.location.file.name for p in found} == {"education-bureau.yaml", "first-middle-school.yaml"}


def test_a_school_out_of_balance_is_named_in_its_file(folder):
    edit(folder / SCHOOL, "  单位资金: {事业收入: 120}", "  单位资金: {事业收入: 125}")
    found = [p for p in errors(folder / BUREAU) if p.check == "income-balance"]
    assert len(found) == 1
    assert found[0].location.file == folder / SCHOOL and found[0].location.field == "收入.单位资金"
    assert found[0].location.line == 7
    assert "125.00" in found[0].message and "120.00" in found[0].message


@pytest.mark.parametrize("name, reason", [
    ("../outside.yaml", "不能含「..」"),
    ("/etc/passwd", "相对路径"),
    ("units/first-middle-school.txt", ".yaml"),
    ("units/absent.yaml", "文件不存在"),
    ("education-bureau.yaml", "就是部门文件本身"),
    ("[a, b]", "「文件」应当写一个文件名"),
])
def test_a_unit_file_outside_the_department_folder_or_absent_is_refused(folder, name, reason):
    (folder.parent / "outside.yaml").write_text("编码: '1'\n", encoding="utf-8")
    edit(folder / BUREAU, "  - 文件: units/first-middle-school.yaml", f"  - 文件: {name}")
    found = errors(folder / BUREAU)
    assert len(found) == 1 and found[0].check == "file"
    assert found[0].location.file == folder / BUREAU and found[0].location.field == "预算单位[2].文件"
    assert reason in found[0].message and (name in found[0].message or name.startswith("["))


def test_a_unit_file_linked_to_outside_the_folder_is_refused(folder):
    secret = folder.parent / "secret.yaml"
    secret.write_text("编码: '1'\n名称: 机密\n", encoding="utf-8")
    os.symlink(secret, folder / "units" / "link.yaml")
    edit(folder / BUREAU, "  - 文件: units/first-middle-school.yaml", "  - 文件: units/link.yaml")
    found = errors(folder / BUREAU)
    assert [p.check for p in found] == ["file"] and "文件夹之外" in found[0].message
    assert "机密" not in str(found[0])


def test_a_unit_file_in_other_money_units_is_refused(folder):
    edit(folder / SCHOOL, "编码: \"301002\"", "单位: 元\n编码: \"301002\"")
    found = errors(folder / BUREAU)
    assert len(found) == 1 and found[0].location.file == folder / SCHOOL and found[0].location.line == 2
    assert "「元」" in found[0].message and "「万元」" in found[0].message


def test_a_unit_file_entry_with_other_fields_is_refused(folder):
    edit(folder / BUREAU, "  - 文件: units/first-middle-school.yaml", "  - 文件: units/first-middle-school.yaml\n    名称: 又一个名称")
    found = errors(folder / BUREAU)
    assert len(found) == 1 and found[0].location.field == "预算单位[2]" and "不要在这里再写其他字段" in found[0].message


def test_department_money_beside_units_is_refused_at_each_field(folder):
    edit(folder / BUREAU, "\n预算单位:\n", "\n收入:\n  一般公共预算: {一般财力: 1}\n项目: []\n\n预算单位:\n")
    found = errors(folder / BUREAU)
    assert {p.location.field for p in found} == {"收入", "项目"}
    assert all(p.check == "schema" and "由各单位相加得出" in p.message for p in found)
    assert all(p.location.line for p in found)


def test_without_units_each_missing_money_field_is_named(tmp_path):
    path = tmp_path / "dept.yaml"
    path.write_text(
        "单位: 万元\n部门: {名称: 某局, 年度: 2024, 公开日期: 2024-02-01}\n概况: {主要职能: [职能]}\n", encoding="utf-8"
    )
    found = problems(path)
    assert {p.location.field for p in found} == {"收入", "基本支出", "基本支出经济分类"}
    assert all("缺少必填字段" in p.message and "预算单位" in p.message for p in found)


def test_two_units_with_one_code_are_refused(folder):
    edit(folder / SCHOOL, "编码: \"301002\"", "编码: \"301001\"")
    found = errors(folder / BUREAU)
    assert len(found) == 1 and "编码都是「301001」" in found[0].message


def test_a_units_own_disclosure_needs_its_own_overview_and_prior_year(folder):
    text = (folder / SCHOOL).read_text(encoding="utf-8")
    (folder / SCHOOL).write_text(text[: text.index("概况:")], encoding="utf-8")
    assert errors(folder / BUREAU) == []  # the department itself prints the units' money only
    found = errors(folder / BUREAU, unit="301002")
    assert len(found) == 1 and found[0].check == "unit" and "「概况」「上年对比」" in found[0].message
    assert found[0].location.file == folder / SCHOOL


def test_an_unknown_unit_lists_the_departments_units(folder):
    found = errors(folder / BUREAU, unit="301009")
    assert len(found) == 1 and "301001 青水市教育局（本级）、301002 青水市第一中学" in found[0].message


def test_a_units_own_disclosure_is_its_own_money_and_texts(folder):
    prepared = prepare(folder / BUREAU, TEMPLATES, unit="青水市第一中学")
    assert prepared.ok, [str(p) for p in prepared.problems]
    data, figures = prepared.data, prepared.figures
    assert data.department.name == figures.department == "青水市第一中学"
    assert data.department.code == "301002" and data.department.year == 2024
    assert data.overview.functions == ["实施初中教育，完成国家规定的教育教学任务。"]
    assert [p.name for p in data.projects] == ["第一中学校舍维修改造"]
    assert figures.income_total == Decimal(920) and figures.expenditure_total == Decimal(920)
    assert data.department_performance is None  # the department's form is the department's


def test_a_unit_file_that_is_a_pipe_is_refused_unread(folder):
    os.mkfifo(folder / "units" / "pipe.yaml")  # opening it for reading would wait for a writer forever
    edit(folder / BUREAU, "  - 文件: units/first-middle-school.yaml", "  - 文件: units/pipe.yaml")
    found = errors(folder / BUREAU)
    assert [p.check for p in found] == ["file"] and "不是普通文件" in found[0].message
