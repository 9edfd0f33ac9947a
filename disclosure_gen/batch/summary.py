"""The county summary: every department with its key totals, status and files, as HTML and XLSX."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
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


def sum_totals(totals: Iterable[Mapping[str, Any]]) -> dict[str, Decimal]:
    """Each key total summed over `totals` (figures as printed, or Decimals)."""
    totals = list(totals)
    return {key: sum((Decimal(t[key]) for t in totals), Decimal(0)) for key in TOTAL_KEYS}


def county_rollup(records: list[dict[str, Any]]) -> dict[str, Decimal]:
    """The county's totals: each key total summed over the departments that were built."""
    return sum_totals(r["totals"] for r in records if r["totals"])


def county_row(name: str, folder: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    """A county's line in the province summary: its departments by status and its totals (its own summary's 合计)."""
    counts = Counter(r["status"] for r in records)
    return {"county": name, "folder": folder, "departments": len(records), **{s: counts[s] for s in STATUS_LABELS},
            "totals": county_rollup(records)}


def province_rollup(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The province's line: the counties' department counts and totals summed."""
    return {"departments": sum(r["departments"] for r in rows), **{s: sum(r[s] for r in rows) for s in STATUS_LABELS},
            "totals": sum_totals(r["totals"] for r in rows)}


def write_summary(county_name: str, records: list[dict[str, Any]], output: Path) -> list[Path]:
    """Writes index.html and index.xlsx into the output folder; returns their paths."""
    rollup = county_rollup(records)
    html = _render("index.html.j2", county=county_name, records=records, rollup=_printed(rollup))
    return _write(output, html, _county_workbook(county_name, records, rollup))


def write_province_summary(province_name: str, rows: list[dict[str, Any]], output: Path) -> list[Path]:
    """Writes the province's index.html and index.xlsx (one row per county, linked to its own) into `output`."""
    total = province_rollup(rows)
    printed = [{**row, "totals": _printed(row["totals"])} for row in (*rows, total)]
    html = _render("province.html.j2", province=province_name, rows=printed[:-1], total=printed[-1])
    return _write(output, html, _province_workbook(province_name, rows, total))


def _printed(totals: Mapping[str, Decimal]) -> dict[str, str]:
    return {k: f"{v:.2f}" for k, v in totals.items()}


def _render(template: str, **values: Any) -> str:
    return _environment().get_template(template).render(keys=TOTAL_KEYS, labels=TOTAL_LABELS, status=STATUS_LABELS, **values)


def _write(output: Path, html: str, workbook: bytes) -> list[Path]:
    paths = [output / "index.html", output / "index.xlsx"]
    write_together({paths[0]: html.encode("utf-8"), paths[1]: workbook})
    return paths


_COMPILED = ProcessBytecodeCache()  # this module's environment options only


def _environment() -> jinja2.Environment:
    return SandboxedEnvironment(
        bytecode_cache=_COMPILED,
        loader=jinja2.FileSystemLoader(BUILTIN_TEMPLATES / "_county"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )


def _county_workbook(county_name: str, records: list[dict[str, Any]], rollup: dict[str, Decimal]) -> bytes:
    rows = [[r["department"], r["file"], STATUS_LABELS[r["status"]], *(Decimal(r["totals"][k]) if r["totals"] else None for k in TOTAL_KEYS),
             len(r["warnings"]), "\n".join(r["errors"]), "、".join(r["outputs"])] for r in records]
    return _workbook(
        f"{county_name} 部门预算公开汇总（单位：万元）",
        ["部门", "输入文件", "状态", *TOTAL_LABELS, "警告数", "错误", "输出文件"],
        rows, ["合计", "", "", *(rollup[k] for k in TOTAL_KEYS)], 4, (34, 22, 16, 12, 12, 12, 12, 12, 8, 60, 50),
    )


def _province_workbook(province_name: str, rows: list[dict[str, Any]], total: dict[str, Any]) -> bytes:
    def line(first: str, folder: str, row: dict[str, Any]) -> list[Any]:
        return [first, folder, row["departments"], *(row[s] for s in STATUS_LABELS), *(row["totals"][k] for k in TOTAL_KEYS)]

    return _workbook(
        f"{province_name} 各县部门预算公开汇总（单位：万元）",
        ["县", "文件夹", "部门数", *STATUS_LABELS.values(), *TOTAL_LABELS, "县汇总表"],
        [[*line(r["county"], r["folder"], r), f"{r['folder']}/index.xlsx"] for r in rows],
        line("全省合计", "", total), 7, (20, 20, 8, 8, 16, 8, 12, 12, 12, 12, 12, 30),
    )


def _workbook(title: str, header: list[str], rows: list[list[Any]], total: list[Any], first_amount: int, widths: tuple[int, ...]) -> bytes:
    """A one-sheet summary: title, bold header, rows, bold total row; amounts from column `first_amount` (1-based)."""
    from openpyxl import Workbook  # 0.2 s to import: only a batch's summary needs it, not check or build
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "汇总"
    sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.append(total)
    for cell in (*sheet[2], *sheet[sheet.max_row]):
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=3, min_col=first_amount, max_col=first_amount + len(TOTAL_KEYS) - 1):
        for cell in row:
            cell.number_format = "0.00"
            cell.alignment = Alignment(horizontal="right")
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    _as_text(sheet)
    return workbook_bytes(book)


def _as_text(sheet) -> None:
    """Every text cell is stored as text: a name starting with `=`, `+`, `-` or `@` is never a formula."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
