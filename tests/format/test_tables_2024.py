"""The 2024 tables of 昌吉市人民政府办公室 read back from the DOCX and the PDF, against the published seed.

Every expected header cell, row label and figure below is copied from tests/seeds/changji-government-office-2024.txt
(the line numbers name where). A label's indent is ideographic spaces (　), one per character.
"""

from __future__ import annotations

import re

import pytest

from ..conftest import edited_example, problems_of
from ..docx_text import open_docx, table_rows, table_rows_as_printed, tables_by_title
from ..writers.test_pdf import pdftotext

NAME = "changji-government-office-2024"
_ = ""  # a blank cell (a zero amount, or an empty code column)

# Each table's header cells in reading order, each once, with its column-number row if it prints one.
HEADERS = {
    "部门收支总体情况表": (["收入", "支出", "项目", "预算数", "支出功能分类"], None),  # seed 61-63
    "部门收入总体情况表": (  # seed 132-182
        ["功能分类科目编码", "功能分类科目名称", "总计", "财政拨款（补助）", "财政专户（教育收费）", "单位资金", "财政拨款结转",
         "非财政拨款结转结余", "类", "款", "项", "财政拨款(补助)小计", "一般公共预算", "上级一般公共预算安排的转移支付",
         "政府性基金预算", "上级政府性基金安排的转移支付", "国有资本经营预算", "上级国有资本经营预算安排的转移支付"],
        ["※"] * 4 + [str(n) for n in range(1, 13)],
    ),
    "部门支出总体情况表": (  # seed 329-335
        ["科目", "支出预算", "功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出", "类", "款", "项"],
        ["※"] * 4 + ["1", "2", "3"],
    ),
    # 表4 as the seed titles it (seed 385).
    "财政拨款收支预算总体情况表": (  # seed 389-391
        ["财政拨款收入", "财政拨款支出", "项目", "合计", "支出功能分类", "一般公共预算", "政府性基金预算", "国有资本经营预算"], None,
    ),
    "一般公共预算支出情况表": (  # seed 471-477
        ["科目", "一般公共预算支出", "功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出", "类", "款", "项"],
        ["※"] * 4 + ["1", "2", "3"],
    ),
    "一般公共预算基本支出情况表": (  # seed 525-534
        ["科目", "一般公共预算基本支出", "经济分类科目编码", "经济分类科目名称", "合计", "人员经费", "公用经费", "类", "款"],
        ["※"] * 3 + ["1", "2", "3"],
    ),
    "一般公共预算项目支出情况表": (  # seed 600-648
        ["科目编码", "功能分类科目名称", "项目名称", "项目支出合计", "工资福利支出", "商品服务支出", "对个人和家庭的补助",
         "债务利息及费用支出", "资本性支出（基本建设）", "资本性支出", "对企业补助（基本建设）", "对企业补助", "对社会保障基金补助",
         "其他支出", "类", "款", "项"],
        ["※"] * 5 + [str(n) for n in range(1, 12)],
    ),
    **{
        title: (  # seed 695-705 and 716-726
            ["科目", kind, "功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出", "类", "款", "项", "人员经费", "公用经费"],
            ["※"] * 4 + ["1", "2", "3", "4"],
        )
        for title, kind in (("政府性基金预算支出情况表", "政府性基金预算支出"), ("国有资本经营预算支出情况表", "国有资本经营预算支出"))
    },
    "财政拨款“三公”经费支出情况表": (  # seed 737-746
        ["“三公”经费支出内容", "合计", "资金来源", "一般公共预算", "政府性基金", "国有资本经营预算"], ["※", "1", "2", "3", "4"],
    ),
    "上年结转结余情况明细表": (  # seed 765-774
        ["项目名称", "总计", "财政拨款", "非财政拨款", "合计", "基本支出", "项目支出", "人员经费", "公用经费"],
        ["※"] + [str(n) for n in range(1, 10)],
    ),
}

# 表1's income side (seed 65-120): label and amount, indented as published.
TABLE_1_INCOME = [
    ("一、本年收入", "1,128.69"), ("1.一般公共预算拨款", "1,128.69"), ("其中：一般财力", "1,106.39"),
    ("　　　上级一般公共预算安排转移支付", "22.30"), ("2.政府性基金预算拨款", _), ("其中：政府性基金收入", _),
    ("　　　上级政府性基金安排转移支付", _), ("3.国有资本经营预算拨款", _), ("其中：国有资本经营收入", _),
    ("　　　上级国有资本经营预算安排转移支付", _), ("4.财政专户核拨", _), ("5.单位资金", _), ("其中：事业收入", _),
    ("　　　上级补助收入", _), ("　　　附属单位上缴收入", _), ("　　　事业单位经营收入", _), ("　　　其他收入", _),
    ("二、上年结转结余", "4.62"), ("1.财政拨款结转", "4.62"), ("其中：一般公共预算拨款", "4.62"), ("　　　政府性基金预算拨款", _),
    ("　　　国有资本经营预算拨款", _), ("2.非财政拨款结转结余", _), ("其中：财政专户核拨", _), ("　　　单位资金", _),
]

TABLE_3_TOP = [  # seed 337-351
    [_, _, _, "总计", "1,133.31", "1,063.39", "69.92"],
    ["201", _, _, "一般公共服务支出", "903.89", "838.59", "65.30"],
    ["201", "03", _, "　政府办公厅（室）及相关机构事务", "881.59", "838.59", "43.00"],
    ["201", "03", "01", "　　行政运行", "616.23", "616.23", _],
]

TABLE_7 = [  # seed 650-687
    [_, _, _, "总计", _, "65.30", _, "43.00", "22.30", *[_] * 7],
    [_, _, _, "昌吉市人民政府办公室", _, "65.30", _, "43.00", "22.30", *[_] * 7],
    ["201", _, _, "　一般公共服务支出", _, "65.30", _, "43.00", "22.30", *[_] * 7],
    ["201", "03", _, "　　政府办公厅（室）及相关机构事务", _, "43.00", _, "43.00", *[_] * 8],
    ["201", "03", "99", "　　　其他政府办公厅（室）及相关机构事务支出", "电子政务网络设备维护", "33.00", _, "33.00", *[_] * 8],
    ["201", "03", "99", "　　　其他政府办公厅（室）及相关机构事务支出", "招商考差工作经费", "10.00", _, "10.00", *[_] * 8],
    ["201", "40", _, "　　信访事务", _, "22.30", _, _, "22.30", *[_] * 7],
    ["201", "40", "04", "　　　信访业务", "特定目标 02100016", "22.30", _, _, "22.30", *[_] * 7],
]

TABLE_10 = [  # seed 748-757
    ["合计", "62.00", "62.00", _, _], ["因公出国（境）费", _, _, _, _], ["公务接待费", _, _, _, _],
    ["公务用车购置及运行费（小计）", "62.00", "62.00", _, _], ["其中：公务用车购置费", _, _, _, _],
    ["　　　公务用车运行费", "62.00", "62.00", _, _],
]

TABLE_11 = [  # seed 776-780
    ["总计", "4.62", "4.62", _, _, "4.62", _, _, _, _],
    ["昌吉市人民政府办公室", "4.62", "4.62", _, _, "4.62", _, _, _, _],
    ["　2023年自治区“访惠聚”驻村工作专项经费", "4.62", "4.62", _, _, "4.62", _, _, _, _],
]

DEPARTMENT_FORM = [  # seed 1151-1170: the rows above the indicators, each cell once
    ["部门名称（盖章）", "昌吉市人民政府办公室"],
    ["部门联系人", "胡丽琼", "联系电话", "13094012267"],
    ["年度绩效目标"],
    ["年度预算(万元)", "资金来源", "资金总额（万元）"],
    ["年度预算(万元)", "财政资金（万元）", "上级安排", "26.92"],
    ["年度预算(万元)", "财政资金（万元）", "本级安排", "1,106.39"],
    ["年度预算(万元)", "其他资金（万元）", "其他", "0.00"],
    ["一级指标", "二级指标", "三级指标", "指标值", "指标设定依据", "分值权重"],
]

PROJECT_FORMS = {  # seed 1218-1232 and 1418-1430
    "电子政务网络设备维护": ("刘爱军", "33.00"),
    "招商考差工作经费": ("胡丽琼", "10.00"),
}
PROJECT_INDICATOR_HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "指标分值权重", "指标赋分规则", "佐证资料"]


@pytest.fixture(scope="module")
def tables(built_examples) -> dict:
    """The DOCX tables by title."""
    return tables_by_title(open_docx(built_examples[NAME]["docx"]))


@pytest.fixture(scope="module")
def pdf_pages(built_examples) -> list[str]:
    """Each PDF page's text in drawing order (-raw: a cell's wrapped lines stay together) without white space."""
    text = pdftotext(built_examples[NAME]["pdf"], "-raw")
    return [re.sub(r"\s+", "", page) for page in text.split("\f")]


@pytest.fixture(scope="module")
def pdf_layout(built_examples) -> list[str]:
    """Each PDF page's text as laid out: a table row reads as one line."""
    return pdftotext(built_examples[NAME]["pdf"], "-layout").split("\f")


def _printed_row(cells: list[str]) -> re.Pattern:
    """A body row as the PDF lays it out: its non-blank cells on one line, in order."""
    return re.compile(r"\s+".join(re.escape(cell.lstrip("　")) for cell in cells if cell))


def _page(pages: list[str], title: str) -> str:
    """The PDF page that prints the table (not the 目录 naming it)."""
    return next(page for page in pages if title in page and re.search(r"单位：\s*万元|（2024年）", page))


def _header(table, columns: int) -> tuple[list[str], list[str] | None]:
    """The header cells in reading order, each once, and the column-number row (the first row starting ※)."""
    rows = table_rows(table)
    numbers = next((row for row in rows if row[0] == "※"), None)
    cells: list[str] = []
    for row in rows[:rows.index(numbers)] if numbers else rows[:_header_rows(rows, columns)]:
        for cell in row:
            if cell not in cells:
                cells.append(cell)
    return cells, numbers


def _header_rows(rows: list[list[str]], columns: int) -> int:
    """Without a column-number row, the header ends before the first row holding an amount."""
    return next(i for i, row in enumerate(rows) if any(re.fullmatch(r"[\d,]+\.\d{2}", cell) for cell in row))


def _body(table) -> list[list[str]]:
    """The rows under the column-number row."""
    rows = table_rows(table)
    start = next(i for i, row in enumerate(rows) if row[0] == "※") + 1
    return rows[start:]


@pytest.mark.slow
@pytest.mark.parametrize("title", list(HEADERS))
def test_each_table_has_the_published_header_in_the_docx_and_the_pdf(title, tables, pdf_pages):
    cells, numbers = _header(tables[title], len(table_rows(tables[title])[0]))
    assert (cells, numbers) == HEADERS[title]
    page = _page(pdf_pages, title)
    for cell in HEADERS[title][0]:
        assert cell in page, cell


@pytest.mark.slow
def test_table_1_income_labels_are_indented_as_published(tables, pdf_pages):
    rows = table_rows(tables["部门收支总体情况表"])[2:]
    assert [(row[0], row[1]) for row in rows[:len(TABLE_1_INCOME)]] == TABLE_1_INCOME
    assert rows[-1] == ["收 入 总 计", "1,133.31", "支 出 总 计", "1,133.31"]
    page = _page(pdf_pages, "部门收支总体情况表")
    for label, _amount in TABLE_1_INCOME:
        assert label.lstrip("　") in page


@pytest.mark.slow
def test_tree_tables_indent_sections_and_items(tables):
    assert _body(tables["部门支出总体情况表"])[:4] == TABLE_3_TOP
    assert _body(tables["一般公共预算基本支出情况表"])[:3] == [
        [_, _, "总计", "1,063.39", "944.42", "118.97"], ["301", _, "工资福利支出", "904.29", "904.29", _],
        ["301", "01", "　基本工资", "236.49", "236.49", _],
    ]


@pytest.mark.slow
def test_table_7_lists_the_department_then_its_subjects_and_projects(tables):
    assert _body(tables["一般公共预算项目支出情况表"]) == TABLE_7


@pytest.mark.slow
def test_tables_8_and_9_print_only_their_header_when_empty(tables):
    for title in ("政府性基金预算支出情况表", "国有资本经营预算支出情况表"):
        assert _body(tables[title]) == []


@pytest.mark.slow
def test_table_10_has_column_numbers_and_the_published_rows(tables, pdf_layout):
    assert _body(tables["财政拨款“三公”经费支出情况表"]) == TABLE_10
    page = _page(pdf_layout, "财政拨款“三公”经费支出情况表")
    for row in [["※", "1", "2", "3", "4"], *TABLE_10]:
        assert _printed_row(row).search(page), row


@pytest.mark.slow
def test_table_11_has_the_department_row_between_the_total_and_the_items(tables, pdf_layout):
    assert _body(tables["上年结转结余情况明细表"]) == TABLE_11
    page = _page(pdf_layout, "上年结转结余情况明细表")
    assert re.search(r"\s+".join(_printed_row(row).pattern for row in TABLE_11), page), page


@pytest.mark.slow
def test_the_department_performance_form_is_laid_out_as_published(tables, pdf_pages):
    rows = table_rows_as_printed(tables["部门整体绩效目标表"])
    above = [row if row[0] != "年度绩效目标" else row[:1] for row in rows[:len(DEPARTMENT_FORM)]]
    assert above == DEPARTMENT_FORM
    page = _page(pdf_pages, "部门整体绩效目标表")
    for cell in ("部门名称（盖章）", "部门联系人", "年度绩效目标", "资金来源", "资金总额（万元）", "财政资金（万元）", "上级安排26.92",
                 "本级安排1,106.39", "年度预算(万元)", "其他资金（万元）", "其他0.00", "指标设定依据分值权重"):
        assert cell in page, cell


@pytest.mark.slow
@pytest.mark.parametrize("project", list(PROJECT_FORMS))
def test_each_project_form_prints_its_money_row_as_published(project, tables, pdf_pages):
    manager, amount = PROJECT_FORMS[project]
    rows = table_rows_as_printed(tables[f"项目支出绩效目标表:{project}"])
    assert rows[0] == ["预算单位", "昌吉市人民政府办公室"]
    assert rows[1] == ["项目名称", project, "项目负责人", manager]
    assert rows[2] == ["项目资金(万元)", "年度预算总额", amount, "其中：财政拨款", amount, "其他资金", "0.00"]
    assert rows[3][0] == "项目总体目标" and rows[4] == PROJECT_INDICATOR_HEADER
    page = next(page for page in pdf_pages if project in page and "项目支出绩效目标表（2024年）" in page)
    assert "项目资金(万元)" in page and f"年度预算总额{amount}其中：财政拨款{amount}其他资金0.00" in page


def test_2024_fund_basic_spending_cannot_be_split_into_personnel_and_public(tmp_path):
    path = edited_example(tmp_path, NAME, ("2010301: 6162270", "2010301: {一般公共预算: 6162270, 政府性基金预算: 10000}"))
    found = [p for p in problems_of(path) if p.check == "kind-basic-unsplit"]
    assert len(found) == 1 and "表8" in found[0].message and "2010301" in found[0].message
    assert str(found[0]).startswith(f"{path} 第 59 行「基本支出.2010301」"), str(found[0])
