"""The county summary's spreadsheet holds the departments' text as text: a name is never a formula."""

from __future__ import annotations

import openpyxl
import pytest

from disclosure_gen.batch import write_summary

pytestmark = pytest.mark.slow  # every test here renders, builds or runs a subprocess

# openpyxl turns a string starting with "=" into a formula; "+", "-" and "@" are checked as well,
# as spreadsheet programs treat them as the start of a formula when typed.
NAMES = ['=HYPERLINK("http://x","y")', "=1+1", "+1", "-1", "@SUM(A1)"]


def failed_record(name: str) -> dict:
    return {"file": f"{name}.yaml", "department": name, "status": "failed", "warnings": [],
            "errors": [f"{name}：未生成"], "outputs": [], "totals": {}}


def summary_sheet(county: str, records: list[dict], folder):
    write_summary(county, records, folder)
    return openpyxl.load_workbook(folder / "index.xlsx").active


@pytest.mark.parametrize("name", NAMES)
def test_a_department_that_looks_like_a_formula_is_written_as_text(name, tmp_path):
    sheet = summary_sheet("示范县", [failed_record(name)], tmp_path)
    department, file, _status, *_totals, _warnings, errors, _outputs = sheet[3]
    for cell, text in ((department, name), (file, f"{name}.yaml"), (errors, f"{name}：未生成")):
        assert (cell.data_type, cell.value) == ("s", text)


def test_a_county_that_looks_like_a_formula_is_written_as_text(tmp_path):
    sheet = summary_sheet('=HYPERLINK("http://x","y")', [], tmp_path)
    assert (sheet["A1"].data_type, sheet["A1"].value) == ("s", '=HYPERLINK("http://x","y") 部门预算公开汇总（单位：万元）')
