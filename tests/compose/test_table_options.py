"""Table bodies as the set declares them: joined codes, zero as 0.00, class labels, a 4-column 表4, a static form."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.numerals import chinese_numeral
from disclosure_gen.pipeline import prepare
from disclosure_gen.templateset import InvalidTemplateError, load_template_set, search_folders

from ..conftest import edited_example
from ..docx_text import body_items, open_docx, table_rows_as_printed, tables_by_title

TABLES_YAML = """
t1:
  body: overview
  header: [[项目, 预算数, 支出功能分类, 预算数]]
  kinds: [text, amount, text, amount]
  widths: [3, 1, 3, 1]
  total_label: [收入总计, 支出总计]
  class_label: numbered
  zero: shown
t3:
  body: tree
  source: t3
  header: [[科目编码, 科目名称, 合计, 基本支出, 项目支出]]
  kinds: [code, text, amount, amount, amount]
  widths: [1, 3, 1, 1, 1]
  codes: joined
  zero: [blank, blank, blank, blank, shown]
t4:
  body: fiscal_overview
  values: [total]
  header: [[项目, 预算数, 支出功能分类, 预算数]]
  kinds: [text, amount, text, amount]
  widths: [3, 1, 3, 1]
  total_label: [收入总计, 支出总计]
  class_label: bracketed
t6:
  body: economic_tree
  source: t6
  header: [[科目编码, 科目名称, 合计, 人员经费, 公用经费]]
  kinds: [code, text, amount, amount, amount]
  widths: [1, 3, 1, 1, 1]
  codes: joined
pre_assessment:
  body: static
  header: [[项目名称, 评估内容, 评估结论]]
  rows:
    - ["", "", ""]
    - [评估单位（盖章）：, "", 日期：]
  kinds: [text, text, text]
  widths: [2, 4, 2]
"""

DOCUMENT = """<document>
<title>{{ f.department }}</title>
<table key="t1" number="表1" title="收支总表"/>
<table key="t3" number="表2" title="支出表"/>
<table key="t4" number="表3" title="财政拨款收支总表"/>
<table key="t6" number="表4" title="基本支出表"/>
<table key="pre_assessment" title="事前绩效评估表" lines="no"/>
</document>
"""


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    """The NPC example under a set declaring every body option, read back from the DOCX by title."""
    tmp_path = tmp_path_factory.mktemp("options")
    templates = _write(tmp_path / "templates", {
        "options/set.yaml": "name: options\nbase: changji-2023\ntitle: 表体选项\nyear: 2023\n",
        "options/tables.yaml": TABLES_YAML, "options/text/document.j2": DOCUMENT,
    })
    path = edited_example(tmp_path, "changji-npc-office-2023", ("  模板: changji-2023\n", "  模板: options\n"))
    prepared = prepare(path, (templates,))
    document = open_docx(render(prepared, BuildOptions(("docx",)))["docx"])
    return prepared.figures, document, {title: table_rows_as_printed(t) for title, t in tables_by_title(document).items()}


@pytest.mark.slow
def test_codes_can_be_joined_in_one_column(tables):
    figures, _, found = tables
    printed = [row[0] for row in found["支出表"][1:-1]]
    assert printed == [row.code for row in figures.tables["t3"].rows]
    assert {len(code) for code in printed} == {3, 5, 7}
    assert {len(row[0]) for row in found["基本支出表"][1:-1]} == {3, 5}


@pytest.mark.slow
def test_a_zero_prints_as_0_00_where_the_set_says_and_blank_elsewhere(tables):
    figures, _, found = tables
    income = dict((row[0], row[1]) for row in found["收支总表"][1:])
    assert income["2. 基金预算拨款"] == "0.00"  # zero: shown for the whole table
    t3 = figures.tables["t3"]
    for printed, row in zip(found["支出表"][1:-1], t3.rows):
        basic, project = row.values[1], row.values[2]
        assert (printed[3] == "") == (basic == 0) and (printed[4] == "0.00") == (project == 0)
    assert any(row.values[2] == 0 for row in t3.rows) and any(row.values[1] == 0 for row in t3.rows)


@pytest.mark.slow
def test_class_rows_are_numbered_as_the_set_says(tables):
    figures, _, found = tables
    names = [row.name for row in figures.tables["t1_expenditure"].rows]
    assert len(names) > 10  # the template's every 类, so 十一、 and beyond are printed too
    assert [row[2] for row in found["收支总表"][1 : 1 + len(names)]] == [f"{chinese_numeral(i)}、{n}" for i, n in enumerate(names, 1)]
    assert [row[2] for row in found["财政拨款收支总表"][1 : 1 + len(names)]] == [f"（{chinese_numeral(i)}）{n}" for i, n in enumerate(names, 1)]


@pytest.mark.slow
def test_the_fiscal_overview_can_print_four_columns(tables):
    figures, _, found = tables
    t4 = found["财政拨款收支总表"]
    assert {len(row) for row in t4} == {4}
    assert t4[-1] == ["收入总计", f"{figures.fiscal_total:,.2f}", "支出总计", f"{figures.tables['t4_expenditure'].total.values[0]:,.2f}"]


@pytest.mark.slow
def test_a_static_form_prints_its_rows_as_written_and_nothing_else(tables):
    _, document, found = tables
    assert found["事前绩效评估表"] == [["项目名称", "评估内容", "评估结论"], ["", "", ""], ["评估单位（盖章）：", "", "日期："]]
    items = body_items(document)
    title = next(i for i, item in enumerate(items) if getattr(item, "text", None) == "事前绩效评估表")
    assert not any("编制部门" in getattr(item, "text", "") for item in items[title:])


@pytest.mark.parametrize("definition, message", [
    ("x:\n  body: static\n  header: [[甲, 乙]]\n  rows: [[一]]\n  kinds: [text, text]\n  widths: [1, 1]\n", "每行应有 2 格"),
    ("x:\n  body: tree\n  source: t3\n  header: [[甲, 乙]]\n  rows: [[一, 二]]\n  kinds: [text, text]\n  widths: [1, 1]\n", "rows 只用于 body: static"),
    ("x:\n  body: tree\n  source: t3\n  header: [[甲, 乙]]\n  kinds: [text, amount]\n  widths: [1, 1]\n  zero: [shown, blank, shown]\n", "按列写 2 个值"),
    ("x:\n  body: tree\n  source: t3\n  header: [[甲, 乙]]\n  kinds: [text, amount]\n  widths: [1, 1]\n  codes: glued\n", "「glued」不是可选的值"),
    ("x:\n  body: tree\n  source: t3\n  header: [[甲, 乙]]\n  kinds: [text, amount]\n  widths: [1, 1]\n  footer: [[甲, t3.total, 乙, null]]\n",
     "sides、footer 和 totals 只用于 body: overview 或 fiscal_overview"),
    ("x:\n  body: overview\n  header: [[甲, 乙, 丙, 丁]]\n  kinds: [text, amount, text, amount]\n  widths: [1, 1, 1, 1]\n"
     "  footer: [[本年收入合计, nope.amount, 本年支出合计, null]]\n", "footer「nope.amount」：表「nope」不存在"),
    ("x:\n  body: overview\n  header: [[甲, 乙, 丙, 丁]]\n  kinds: [text, amount, text, amount]\n  widths: [1, 1, 1, 1]\n"
     "  totals: [t1_income.amount, t1_expenditure.sum]\n", "表「t1_expenditure」没有列「sum」"),
])
def test_a_wrong_body_option_is_named_in_the_sets_tables_yaml(tmp_path, definition, message):
    templates = _write(tmp_path / "templates", {"bad/set.yaml": "name: bad\nbase: changji-2023\ntitle: 坏\nyear: 2023\n", "bad/tables.yaml": definition})
    with pytest.raises(InvalidTemplateError, match=message) as error:
        load_template_set("bad", search_folders((templates,)))
    assert error.value.location.file == templates / "bad" / "tables.yaml"
