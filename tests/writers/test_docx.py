"""The DOCX read back: structure, figures, fonts, orientation, repeated headers, golden text."""

from __future__ import annotations

import os
import subprocess

import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.compose.numbers import Formatter, chinese_numeral
from disclosure_gen.compose.tables import label

from ..conftest import ALL_EXAMPLES, EXAMPLE_NAMES, ROOT
from ..docx_text import open_docx, table_rows, tables_by_title, text_dump

pytestmark = pytest.mark.slow  # every test here renders, builds or runs a subprocess

TABLE_TITLES = (
    "部门收支总体情况表", "部门收入总体情况表", "部门支出总体情况表", "财政拨款收支总体情况表", "一般公共预算支出情况表",
    "一般公共预算基本支出情况表", "一般公共预算项目支出情况表", "政府性基金预算支出情况表", "国有资本经营预算支出情况表",
    "财政拨款“三公”经费支出情况表",
)
TABLE_TITLES_2024 = (*TABLE_TITLES[:3], "财政拨款收支预算总体情况表", *TABLE_TITLES[4:], "上年结转结余情况明细表")  # as published
# What differs between the two template sets' documents: explanation sections, tables, page orientations.
LAYOUT = {
    "changji-2023": {"sections": 11, "titles": TABLE_TITLES, "orientations": "PLPLPLP"},
    "changji-2024": {"sections": 12, "titles": TABLE_TITLES_2024, "orientations": "PLPLPLPLP"},
}
TREE_TABLES = {"部门收入总体情况表": "t2", "部门支出总体情况表": "t3", "一般公共预算支出情况表": "t5",
               "政府性基金预算支出情况表": "t8", "国有资本经营预算支出情况表": "t9"}


def paragraphs_by_style(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_same_input_gives_the_same_bytes(name, prepared_examples, built_docx):
    assert render(prepared_examples[name], BuildOptions(("docx",)))["docx"] == built_docx[name]


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_parts_sections_and_tables_in_order(name, built_docx, prepared_examples):
    document = open_docx(built_docx[name])
    parts = paragraphs_by_style(document, "Heading 1")
    assert [p[:4] for p in parts] == ["第一部分", "第二部分", "第三部分", "第四部分"]
    layout = LAYOUT[prepared_examples[name].template.name]
    sections = [s.split("、")[0] for s in paragraphs_by_style(document, "Heading 2")]
    assert sections == ["一", "二"] + [chinese_numeral(i) for i in range(1, layout["sections"] + 1)]
    titles = [t for t in paragraphs_by_style(document, "Table Title") if not t.endswith("绩效目标表")]
    assert tuple(titles) == layout["titles"]
    numbers = paragraphs_by_style(document, "Table Number")
    assert numbers == [f"表{i}" for i in range(1, len(layout["titles"]) + 1)]


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_table_of_contents_lists_every_part_section_and_table(name, built_docx, prepared_examples):
    document = open_docx(built_docx[name])
    toc = paragraphs_by_style(document, "toc 1") + paragraphs_by_style(document, "toc 2")
    for title in LAYOUT[prepared_examples[name].template.name]["titles"]:
        assert any(entry.endswith(title) for entry in toc), title
    assert sum(entry.startswith("第") and "部分" in entry for entry in toc) == 4
    assert 'TOC \\o "1-2"' in document.element.body.xml


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_tree_tables_carry_the_derived_figures(name, built_docx, prepared_examples):
    figures, template = prepared_examples[name].figures, prepared_examples[name].template
    fmt = Formatter(template.numbers)
    tables = tables_by_title(open_docx(built_docx[name]))
    for title, key in TREE_TABLES.items():
        spec = template.tables[key]
        derived = figures.tables[spec.source]
        rows = {"".join(r[:3]): r for r in table_rows(tables[title])}
        for row in derived.rows:
            cells = rows[row.code]
            assert cells[3] == label(spec, row)
            assert cells[-len(row.values):] == [fmt.cell(v) for v in row.values], (title, row.code)
        header_rows = len(spec.header) + spec.column_numbers
        if not derived.rows and not spec.empty_total:
            assert len(table_rows(tables[title])) == header_rows, "an empty table without its total row prints its header only"
            continue
        total = table_rows(tables[title])[header_rows if spec.total == "top" else -1]
        assert total[-len(derived.total.values):] == [fmt.cell(v) for v in derived.total.values]
        assert spec.total_label[0] in total


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_other_tables_carry_the_derived_figures(name, built_docx, prepared_examples):
    figures, specs = prepared_examples[name].figures, prepared_examples[name].template.tables
    fmt = Formatter(prepared_examples[name].template.numbers)
    tables = tables_by_title(open_docx(built_docx[name]))
    t1 = table_rows(tables["部门收支总体情况表"])
    income = {r[0]: r[1] for r in t1[2:]}
    for row in figures.tables["t1_income"].rows:
        assert income[label(specs["t1"], row)] == fmt.cell(row.values[0]), row.name
    assert t1[-1] == ["收 入 总 计", fmt.cell(figures.income_total), "支 出 总 计", fmt.cell(figures.expenditure_total)]
    t6 = {"".join(r[:2]): r for r in table_rows(tables["一般公共预算基本支出情况表"])}
    for row in figures.tables["t6"].rows:
        assert t6[row.code][-3:] == [fmt.cell(v) for v in row.values]
    t7 = {r[4]: r for r in table_rows(tables["一般公共预算项目支出情况表"])}
    for row in figures.tables[prepared_examples[name].template.tables["t7"].source].rows:
        if row.detail:
            assert t7[row.detail][5:] == [fmt.cell(v) for v in row.values]
    t10 = table_rows(tables["财政拨款“三公”经费支出情况表"])
    header_rows = len(specs["t10"].header) + specs["t10"].column_numbers
    assert t10[header_rows][1:] == [fmt.cell(v) for v in figures.tables["t10"].total.values]
    for row, printed in zip(figures.tables["t10"].rows, t10[header_rows + 1:], strict=True):
        assert printed == [label(specs["t10"], row), *(fmt.cell(v) for v in row.values)]


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_every_general_budget_item_is_explained_in_section_five(name, built_docx, prepared_examples):
    """Each 项 with current-year general-budget money (表2 一般公共预算 or 上级转移支付) has its sentence."""
    figures = prepared_examples[name].figures
    fmt = Formatter(prepared_examples[name].template.numbers)
    text = text_dump(open_docx(built_docx[name]))
    start = text.index("（三）一般公共预算当年拨款具体使用情况")
    section = text[start:text.index("六、关于", start)]
    t2 = figures.tables["t2"]
    general = (t2.columns.index("general"), t2.columns.index("general_transfer"))
    items = [r for r in t2.rows if r.level == "item" and any(r.values[i] for i in general)]
    assert items
    for row in items:
        amount = sum(row.values[i] for i in general)
        assert f"{row.name}（项）：{figures.year}年预算数为{fmt.amount(amount)}万元" in section, row.code


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_every_run_sets_its_east_asian_font(name, built_docx):
    document = open_docx(built_docx[name])
    runs = document.element.body.iter(qn("w:r"))
    texts = [r for r in runs if r.find(qn("w:t")) is not None]
    assert texts
    for run in texts:
        fonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:eastAsia")), run.xml[:200]


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_wide_tables_are_on_landscape_sections(name, built_docx, prepared_examples):
    document = open_docx(built_docx[name])
    orientations = "".join("L" if s.orientation == WD_ORIENT.LANDSCAPE else "P" for s in document.sections)
    assert orientations == LAYOUT[prepared_examples[name].template.name]["orientations"]
    for section in document.sections:
        assert section.page_width > section.page_height if section.orientation == WD_ORIENT.LANDSCAPE else section.page_width < section.page_height


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_header_rows_repeat_and_rows_do_not_split(name, built_docx):
    document = open_docx(built_docx[name])
    for table in document.tables:
        first = table.rows[0]._tr.trPr
        assert first.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_golden_text(name, built_docx):
    """The document's text, paragraph by paragraph and cell by cell, as reviewed and accepted."""
    actual = text_dump(open_docx(built_docx[name]))
    golden = ROOT / "tests" / "golden" / f"{name}.docx.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


def test_libreoffice_opens_the_docx(tmp_path, built_docx):
    name = EXAMPLE_NAMES[1]
    source = tmp_path / f"{name}.docx"
    source.write_bytes(built_docx[name])
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / f"{name}.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "部门收支总体情况表" in text and "851.14" in text
    pages = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:"))) >= 25


def test_rounding_tails_get_the_customary_note(tmp_path):
    from disclosure_gen.pipeline import prepare

    from ..conftest import example_in_yuan

    path = example_in_yuan(
        tmp_path, EXAMPLE_NAMES[0],
        ("  2101101: 412700", "  2101101: 412705"), ("  2101102: 229900", "  2101102: 229945"),
        ("  30110: 642600", "  30110: 642650"), ("    一般财力: 11590400", "    一般财力: 11590450"),
    )
    text = text_dump(open_docx(render(prepare(path), BuildOptions(("docx",)))["docx"]))
    assert "尾差系四舍五入所致" in text
    assert "尾差" not in text_dump(open_docx(render(prepare(ROOT / "examples" / f"{EXAMPLE_NAMES[0]}.yaml"), BuildOptions(("docx",)))["docx"]))
