"""The county summary: every department with its key totals, status and files, as HTML and XLSX."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from ..compiled_templates import ProcessBytecodeCache
from ..sandbox import SandboxedEnvironment
from ..templateset import BUILTIN_TEMPLATES
from ..writers.archive import write_together
from ..writers.xlsx import workbook_bytes

TOTAL_KEYS = ("income_total", "basic", "project", "three_public", "running_costs")
TOTAL_LABELS = ("收入总计", "基本支出", "项目支出", "“三公”经费", "机关运行经费")
STATUS_LABELS = {"built": "已生成", "unchanged": "未变（沿用上次）", "failed": "未生成"}


def county_rollup(records: list[dict[str, Any]]) -> dict[str, Decimal]:
    """The county's totals: each key total summed over the departments that were built."""
    done = [r for r in records if r["totals"]]
    return {key: sum((Decimal(r["totals"][key]) for r in done), Decimal(0)) for key in TOTAL_KEYS}


def write_summary(county_name: str, records: list[dict[str, Any]], output: Path) -> list[Path]:
    """Writes index.html and index.xlsx into the output folder; returns their paths."""
    rollup = county_rollup(records)
    html = _environment().get_template("index.html.j2").render(
        county=county_name, records=records, rollup={k: f"{v:.2f}" for k, v in rollup.items()}, keys=TOTAL_KEYS, labels=TOTAL_LABELS, status=STATUS_LABELS
    )
    paths = [output / "index.html", output / "index.xlsx"]
    write_together({paths[0]: html.encode("utf-8"), paths[1]: _workbook(county_name, records, rollup)})
    return paths


_COMPILED = ProcessBytecodeCache()  # this module's environment options only


def _environment() -> jinja2.Environment:
    return SandboxedEnvironment(
        bytecode_cache=_COMPILED,
        loader=jinja2.FileSystemLoader(BUILTIN_TEMPLATES / "_county"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )


def _workbook(county_name: str, records: list[dict[str, Any]], rollup: dict[str, Decimal]) -> bytes:
    from openpyxl import Workbook  # 0.2 s to import: only a batch's summary needs it, not check or build
    from openpyxl.styles import Alignment, Font
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.active
    sheet.title = "汇总"
    sheet.append([f"{county_name} 部门预算公开汇总（单位：万元）"])
    sheet.append(["部门", "输入文件", "状态", *TOTAL_LABELS, "警告数", "错误", "输出文件"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for r in records:
        totals = [Decimal(r["totals"][k]) if r["totals"] else None for k in TOTAL_KEYS]
        sheet.append([r["department"], r["file"], STATUS_LABELS[r["status"]], *totals, len(r["warnings"]),
                      "\n".join(r["errors"]), "、".join(r["outputs"])])
    sheet.append(["合计", "", "", *(rollup[k] for k in TOTAL_KEYS)])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=3, min_col=4, max_col=8):
        for cell in row:
            cell.number_format = "0.00"
            cell.alignment = Alignment(horizontal="right")
    for column, width in zip("ABCDEFGHIJK", (34, 22, 16, 12, 12, 12, 12, 12, 8, 60, 50)):
        sheet.column_dimensions[column].width = width
    _as_text(sheet)
    return workbook_bytes(book)


def _as_text(sheet) -> None:
    """Every text cell is stored as text: a name starting with `=`, `+`, `-` or `@` is never a formula."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
