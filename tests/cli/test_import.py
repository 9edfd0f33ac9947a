"""import: a department's amounts read back from a workbook of its published tables."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

from disclosure_gen.build import BuildOptions, render

from ..conftest import ALL_EXAMPLES, EXAMPLES, edited_example
from ..import_helpers import figure_tables, filled, import_file, relaid, with_prior_of

EXACT = ("changji-cpc-office-2023", "changji-npc-office-2023", "changji-statistics-bureau-2024")
STATISTICS = "changji-statistics-bureau-2024"


@pytest.fixture(scope="module")
def workbooks(prepared_examples, tmp_path_factory) -> dict[str, Path]:
    """Each example's workbook as `build --format xlsx` writes it."""
    folder = tmp_path_factory.mktemp("workbooks")
    paths = {}
    for name in ALL_EXAMPLES:
        prepared = prepared_examples[name]
        path = folder / f"{prepared.data.department.name}-{prepared.data.department.year}.xlsx"
        path.write_bytes(render(prepared, BuildOptions(("xlsx",)))["xlsx"])
        paths[name] = path
    return paths


def imported_and_filled(workbook: Path, tmp_path: Path, name: str, *options: str) -> Path:
    """Imports the workbook, fills every 待填 and takes the example's 上年对比; returns the filled file."""
    result = import_file(workbook, tmp_path / "imported.yaml", *options)
    assert result.exit_code == 0, result.output
    year = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))["部门"]["年度"]
    path = tmp_path / "filled.yaml"
    path.write_text(with_prior_of(filled((tmp_path / "imported.yaml").read_text(encoding="utf-8"), year), EXAMPLES / f"{name}.yaml"), encoding="utf-8")
    return path


def printed_tables(path: Path, prepared) -> dict:
    tables = figure_tables(path)
    return {key: tables[key] for key in prepared.template.printed_tables()}


@pytest.mark.slow
@pytest.mark.parametrize("name", EXACT)
def test_an_examples_workbook_imports_to_the_same_figures(name, workbooks, prepared_examples, tmp_path):
    result = import_file(workbooks[name], tmp_path / "check.yaml")
    assert result.exit_code == 0 and "0 个警告" in result.output, result.output
    path = imported_and_filled(workbooks[name], tmp_path, name)
    assert printed_tables(path, prepared_examples[name]) == printed_tables(EXAMPLES / f"{name}.yaml", prepared_examples[name])


@pytest.mark.slow
def test_the_imported_file_marks_text_to_fill_and_says_where_amounts_came_from(workbooks, tmp_path):
    assert import_file(workbooks[STATISTICS], tmp_path / "a.yaml").exit_code == 0
    text = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert "# 由表1导入" in text and "# 由表11导入" in text
    data = yaml.safe_load(text)
    assert data["部门"] == {"名称": "昌吉市统计局", "年度": 2024, "公开日期": "待填"}
    assert data["基本支出"]["2010501"] == {"一般公共预算": 312.48, "一般公共预算结转": 7.6}
    secret = data["项目"][2]
    assert secret["名称"] == "涉密项目一" and secret["涉密"] is True
    assert data["上年结转结余明细"][0] == {"名称": "第五次全国经济普查经费", "用途": "待填", "财政拨款": {"项目支出": 538}, "科目": "2299999"}
    assert data["概况"]["主要职能"] == ["待填"]


@pytest.mark.slow
def test_rounded_tables_import_with_every_tail_reported(workbooks, tmp_path):
    """The 元 example prints rounded 万元: its totals differ from the rounded parts by 0.01, each one named."""
    result = import_file(workbooks["changji-government-office-2024"], tmp_path / "gov.yaml")
    assert result.exit_code == 0, result.output
    assert "工作表「表6 一般公共预算基本支出情况表」D7」：警告［import-total］总计行：工作簿中为 1063.39，由明细算出为 1063.40，相差 -0.01" in result.output
    assert result.output.count("［import-total］") >= 10


@pytest.mark.slow
def test_a_workbook_laid_out_differently_imports_the_same(workbooks, prepared_examples, tmp_path):
    workbook = tmp_path / "预算表.xlsx"
    relaid(workbooks[STATISTICS], workbook)
    path = imported_and_filled(workbook, tmp_path, STATISTICS, "--template", "changji-2024")
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["单位"] == "元"
    assert printed_tables(path, prepared_examples[STATISTICS]) == printed_tables(EXAMPLES / f"{STATISTICS}.yaml", prepared_examples[STATISTICS])


@pytest.mark.slow
def test_unit_option_converts_the_amounts(workbooks, tmp_path):
    workbook = tmp_path / "预算表.xlsx"
    relaid(workbooks[STATISTICS], workbook)
    assert import_file(workbook, tmp_path / "wan.yaml", "--template", "changji-2024", "--unit", "万元").exit_code == 0
    data = yaml.safe_load((tmp_path / "wan.yaml").read_text(encoding="utf-8"))
    assert data["单位"] == "万元" and data["收入"]["一般公共预算"]["一般财力"] == 488.26


@pytest.mark.slow
def test_last_years_file_keeps_its_descriptions(workbooks, tmp_path):
    last = edited_example(tmp_path, "changji-npc-office-2023", ("- 名称: 人大监督", "- 名称: 统计调查业务经费"))
    result = import_file(workbooks[STATISTICS], tmp_path / "new.yaml", "--from", str(last))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((tmp_path / "new.yaml").read_text(encoding="utf-8"))
    npc = yaml.safe_load(last.read_text(encoding="utf-8"))
    assert data["概况"]["主要职能"] == npc["概况"]["主要职能"]
    project = next(p for p in data["项目"] if p["名称"] == "统计调查业务经费")
    before = next(p for p in npc["项目"] if p["名称"] == "统计调查业务经费")
    assert (project["科目"], project["资金来源"], project["政策依据"]) == ("2010505", 48, before["政策依据"])


@pytest.mark.slow
def test_an_existing_file_is_never_overwritten(workbooks, tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("我的数据\n", encoding="utf-8")
    result = import_file(workbooks[STATISTICS], target)
    assert result.exit_code == 1 and "已存在" in result.output
    assert target.read_text(encoding="utf-8") == "我的数据\n"


def _edited(workbook: Path, tmp_path: Path, sheet: str, edit) -> Path:
    book = openpyxl.load_workbook(workbook)
    edit(book[sheet] if sheet in book.sheetnames else book)
    path = tmp_path / "bad.xlsx"
    book.save(path)
    return path


def _delete_sheet(book):
    del book["表6 一般公共预算基本支出情况表"]


def _set(ref: str, value):
    def edit(sheet):
        sheet[ref] = value
    return edit


BAD = {
    "sheet-missing": ("", _delete_sheet, ["缺少表「t6」", "一般公共预算基本支出"]),
    "header-unrecognised": ("表3 部门支出总体情况表", _set("F4", "基本经费"), ["表「t3」的表头不能识别", "工作表「表3 部门支出总体情况表」第 3 行", "基本支出"]),
    "code-not-in-catalogue": ("表3 部门支出总体情况表", _set("C10", "77"), ["工作表「表3 部门支出总体情况表」单元格 C10", "2010577", "不在 2024 年分类目录 中；请核对工作簿中的编码"]),
    "not-a-number": ("表10 财政拨款“三公”经费支出情况表", _set("B7", "0.8万"), ["工作表「表10 财政拨款“三公”经费支出情况表」单元格 B7", "「0.8万」不是金额"]),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", BAD)
def test_a_bad_workbook_is_refused_with_a_message_naming_file_sheet_and_cell(case, workbooks, tmp_path):
    sheet, edit, phrases = BAD[case]
    workbook = _edited(workbooks[STATISTICS], tmp_path, sheet, edit)
    result = import_file(workbook, tmp_path / "out.yaml")
    assert result.exit_code == 1
    for phrase in (str(workbook), *phrases):
        assert phrase in result.output
    assert not (tmp_path / "out.yaml").exists()


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    fake = tmp_path / "表.xlsx"
    fake.write_text("不是工作簿", encoding="utf-8")
    result = import_file(fake, tmp_path / "out.yaml")
    assert result.exit_code == 1 and f"{fake}：不是 Excel 工作簿（.xlsx）" in result.output
    assert not (tmp_path / "out.yaml").exists()
