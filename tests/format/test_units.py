"""部门汇总 under the third format: a department of two budget units and each unit's own disclosure, read back.

青水市教育局 (fictional) is its own administrative unit (written inline) and 青水市第一中学, a 事业单位 with
事业收入 (written in units/first-middle-school.yaml). The department's documents print the sum of the two;
its 部门收入总表（按单位） prints a row per unit, each equal to what that unit's own disclosure prints.
Every expected figure is read from the documents themselves.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.pipeline import prepare

from ..conftest import ROOT
from ..docx_text import open_docx, table_rows_as_printed, tables_by_title
from ..writers.test_pdf import pdftotext

pytestmark = pytest.mark.slow  # renders three documents

BUREAU = ROOT / "tests" / "format" / "units" / "education-bureau.yaml"
TEMPLATES = (ROOT / "tests" / "user_templates",)
UNITS = {"301001": "青水市教育局（本级）", "301002": "青水市第一中学"}
BY_UNIT = "部门收入总表（按单位）"
OVERVIEW = "部门收支总表"


def _built(unit: str | None):
    prepared = prepare(BUREAU, TEMPLATES, unit=unit)
    assert prepared.ok, [str(p) for p in prepared.problems]
    files = render(prepared, BuildOptions(("docx", "pdf")))
    tables = {title: table_rows_as_printed(t) for title, t in tables_by_title(open_docx(files["docx"])).items()}
    return prepared, tables, pdftotext(files["pdf"])


@pytest.fixture(scope="module")
def department():
    return _built(None)


@pytest.fixture(scope="module")
def units():
    return {code: _built(code) for code in UNITS}


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _printed_total(tables, label: str = "收入总计") -> Decimal:
    row = next(row for row in tables[OVERVIEW] if row[0] == label)
    return _amount(row[1])


def test_the_income_table_by_unit_prints_a_row_per_unit_with_code_and_name(department):
    _, tables, pdf = department
    rows = tables[BY_UNIT]
    header, body = rows[:3], rows[3:]
    assert header[0] == ["单位代码", "单位名称", "合计", "本年收入", "上年结转结余"]
    assert header[1][3:] == ["小计", "财政拨款", "财政专户管理资金", "单位资金", "小计", "财政拨款结转", "其他结转结余"]
    assert header[2][3:] == ["小计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "事业收入",
                             "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入", "小计", "财政拨款结转", "其他结转结余"]
    assert [(row[0], row[1].replace(" ", "")) for row in body] == [*UNITS.items(), ("", "合计")]
    assert BY_UNIT in pdf and all(code in pdf for code in UNITS)


def test_each_units_row_is_what_its_own_disclosure_prints(department, units):
    _, tables, _ = department
    body = {row[0]: row for row in tables[BY_UNIT][3:-1]}
    for code, (_, own_tables, _) in units.items():
        assert _amount(body[code][2]) == _printed_total(own_tables)
    total = tables[BY_UNIT][-1]
    assert _amount(total[2]) == _printed_total(tables) == sum(_printed_total(t) for _, t, _ in units.values())
    school = body["301002"]
    columns = dict(zip(tables[BY_UNIT][2], school))
    assert _amount(columns["事业收入"]) == Decimal(120)  # the 事业单位's 事业收入
    assert _amount(columns["一般公共预算"]) + _amount(columns["事业收入"]) == _amount(school[2])


def test_the_department_prints_the_sum_of_its_units_line_by_line(department, units):
    """Every amount of the department's 部门支出总表 is the sum of the units' printed amounts on the same row."""
    _, tables, _ = department
    added: dict[tuple[str, str], Decimal] = {}
    for _, own, _ in units.values():
        for row in own["部门支出总表"][1:]:
            for column, cell in enumerate(row[2:]):
                added[(row[0] or row[1], column)] = added.get((row[0] or row[1], column), Decimal(0)) + _amount(cell)
    mine = {(row[0] or row[1], column): _amount(cell) for row in tables["部门支出总表"][1:] for column, cell in enumerate(row[2:])}
    assert mine == added and len(mine) >= 3 * 8


def test_a_units_own_disclosure_is_headed_by_it_and_prints_only_its_own(units):
    for code, (prepared, tables, pdf) in units.items():
        own_name = UNITS[code]
        other = next(name for other_code, name in UNITS.items() if other_code != code)
        assert pdf.lstrip().startswith(own_name)
        assert other not in pdf
        assert [(row[0], row[1].replace(" ", "")) for row in tables[BY_UNIT][3:]] == [(code, own_name), ("", "合计")]
        assert prepared.data.overview.functions[0] in pdf.replace("\n", "")


def test_the_department_prints_its_staffing_paragraph_and_no_placeholder(department):
    _, _, pdf = department
    flat = pdf.replace("\n", "")
    assert "行政编制 12 名，事业编制 86 名；领导职数 1 正 3 副。" in flat
    assert "待填" not in flat and "None" not in flat


def test_a_project_form_names_the_unit_whose_project_it_is(department, units):
    _, tables, _ = department
    forms = {title.split(":", 1)[1]: rows for title, rows in tables.items() if title.startswith("项目支出绩效目标表:")}
    assert forms["全市教育督导评估"][0][:2] == ["预算单位", "青水市教育局（本级）"]
    assert forms["第一中学校舍维修改造"][0][:2] == ["预算单位", "青水市第一中学"]
    _, school_tables, _ = units["301002"]
    assert school_tables["项目支出绩效目标表:第一中学校舍维修改造"][0][:2] == ["预算单位", "青水市第一中学"]
