"""The workbook read back: the document's tables with the same figures, numbers as numbers, text as text."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from click.testing import CliRunner

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.cli import main
from disclosure_gen.pipeline import prepare
from disclosure_gen.writers.xlsx import SHEET_NAME_LIMIT, sheet_names

from ..conftest import ALL_EXAMPLES, EXAMPLES, edited_example
from ..docx_text import open_docx, table_rows_as_printed, tables_by_title
from .test_pdf import decimals, pdftotext

ALL_FORMATS = BuildOptions(("docx", "pdf", "xlsx"))
_AMOUNT = re.compile(r"^\d[\d,]*\.\d\d$")


@pytest.fixture(scope="module")
def three_formats(prepared_examples):
    """Each example rendered in all three formats from one composition."""
    return {name: render(prepared, ALL_FORMATS) for name, prepared in prepared_examples.items()}


def workbook(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def sheet_figures(sheet, thousands: bool) -> list[str]:
    """The sheet's amounts as the document prints them, row by row."""
    return [f"{Decimal(str(cell.value)):{',' if thousands else ''}.2f}"
            for row in sheet.iter_rows() for cell in row if cell.data_type == "n" and cell.value is not None]


def docx_figures(table) -> list[str]:
    return [text for row in table_rows_as_printed(table) for text in row if _AMOUNT.match(text)]


def is_in_order_within(part: list[str], whole: list[str]) -> bool:
    remaining = iter(whole)
    return all(any(item == other for other in remaining) for item in part)


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_the_three_formats_print_the_same_figures_in_the_same_order(name, three_formats, prepared_examples):
    outputs = three_formats[name]
    thousands = prepared_examples[name].template.numbers.thousands
    docx_tables = tables_by_title(open_docx(outputs["docx"]))
    pdf_numbers = decimals(pdftotext(outputs["pdf"], "-layout"))
    book = workbook(outputs["xlsx"])
    assert len(book.sheetnames) >= 10
    every_sheet: list[str] = []
    for sheet in book.worksheets:
        title = sheet["A1"].value.split(" ", 1)[1]
        figures = sheet_figures(sheet, thousands)
        assert figures == docx_figures(docx_tables[title]), sheet.title
        every_sheet += figures
    assert len(every_sheet) > 100
    assert is_in_order_within(every_sheet, pdf_numbers)


@pytest.mark.slow
def test_sheets_hold_the_table_as_printed(three_formats):
    book = workbook(three_formats["changji-statistics-bureau-2024"]["xlsx"])
    assert book.sheetnames[:2] == ["表1 部门收支总体情况表", "表2 部门收入总体情况表"]
    sheet = book["表2 部门收入总体情况表"]
    assert [sheet["A2"].value, sheet["I2"].value] == ["编制部门：昌吉市统计局", "单位：万元"]
    assert {str(r) for r in sheet.merged_cells.ranges} >= {"A3:C3", "D3:D4", "E3:E4", "F3:L3", "P3:P4"}
    assert [c.value for c in sheet[5]][:6] == ["※", "※", "※", "※", "1", "2"]
    total = [c.value for c in sheet[6]]
    assert total[3] == "总计" and total[4] == pytest.approx(1063.86)
    assert sheet["E6"].data_type == "n" and sheet["E6"].number_format == "#,##0.00"
    assert sheet["A8"].value == "201" and sheet["B8"].value == "05" and sheet["A8"].data_type == "s"
    assert sheet.freeze_panes == "A6" and sheet.print_title_rows == "$3:$5"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9  # A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert not any(isinstance(c.value, str) and c.value.startswith("=") for row in sheet.iter_rows() for c in row)


@pytest.mark.slow
def test_a_2023_table_has_no_thousands_separator_and_blank_zeros(three_formats):
    sheet = workbook(three_formats["changji-cpc-office-2023"]["xlsx"])["表3 部门支出总体情况表"]
    assert sheet.page_setup.orientation == "portrait"
    amounts = [c for row in sheet.iter_rows(min_row=5) for c in row[4:]]
    assert {c.number_format for c in amounts if c.value is not None} == {"0.00"}
    assert any(c.value is None for c in amounts)  # a zero prints blank, as in the document


@pytest.mark.slow
def test_a_name_that_looks_like_a_formula_is_text(tmp_path):
    path = edited_example(tmp_path, "changji-statistics-bureau-2024", ("- 名称: 统计调查业务经费", '- 名称: "=SUM(A1)"'))
    book = workbook(render(prepare(path), BuildOptions(("xlsx",)))["xlsx"])
    cells = [c for row in book["表7 一般公共预算项目支出情况表"].iter_rows() for c in row if c.value == "=SUM(A1)"]
    assert cells and all(c.data_type == "s" for c in cells)


@pytest.mark.slow
def test_the_same_input_gives_the_same_bytes(prepared_examples):
    prepared = prepared_examples["changji-npc-office-2023"]
    first, second = (render(prepared, BuildOptions(("xlsx",)))["xlsx"] for _ in range(2))
    assert first == second


def test_sheet_names_keep_to_excel_rules():
    names = sheet_names(["表1 收支/总体[情况]表", "表2 " + "很长" * 20, "表2 " + "很长" * 20, "'表3'"])
    assert names[0] == "表1 收支_总体_情况_表"
    assert all(len(n) <= SHEET_NAME_LIMIT for n in names) and len(set(names)) == 4
    assert names[3] == "表3"


@pytest.mark.slow
def test_build_writes_the_workbook_with_the_other_formats(tmp_path):
    result = CliRunner().invoke(main, ["build", str(EXAMPLES / "changji-npc-office-2023.yaml"), "-o", str(tmp_path), "--format", "docx,xlsx"])
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".docx", ".xlsx"]


@pytest.mark.slow
def test_workbooks_carry_fixed_dates_not_the_clock(prepared_examples, tmp_path):
    """Workbook.save stamps the clock into docProps/core.xml; both workbooks the tool writes carry fixed dates."""
    from disclosure_gen.batch import write_summary

    write_summary("示范县", [], tmp_path)
    department = render(prepared_examples["changji-npc-office-2023"], BuildOptions(("xlsx",)))["xlsx"]
    for data in (department, (tmp_path / "index.xlsx").read_bytes()):
        core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
        assert re.findall(r"<dcterms:(\w+)[^>]*>([^<]+)<", core) == [("created", "2000-01-01T00:00:00Z"), ("modified", "2000-01-01T00:00:00Z")]
