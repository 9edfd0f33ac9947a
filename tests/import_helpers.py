"""Helpers for the import tests: fill an imported file's 待填 with plausible text, read its tables' figures."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from itertools import count
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from disclosure_gen.cli import main
from disclosure_gen.yamlwriter import dump_yaml

UNFILLED = "待填"


def filled(text: str, year: int) -> str:
    """The imported file with every 待填 replaced by a value of the field's type (names kept unique)."""
    numbers = count(1)

    def fill(key: str, parents: tuple[str, ...]) -> Any:
        if key in ("公开日期", "开始", "结束"):
            return dt.date(year, 2, 1) if key == "公开日期" else dt.date(year, 1 if key == "开始" else 12, 1 if key == "开始" else 31)
        if "人员情况" in parents:
            return 1
        if key == "上年":
            return Decimal(0)
        if key == "用途" and "上年结转结余明细" in parents:
            return "用于测试"
        if key == "名称":
            return f"测试名称{next(numbers)}"
        return f"测试文字{next(numbers)}"

    def walk(value: Any, parents: tuple[str, ...]) -> Any:
        if isinstance(value, dict):
            return {k: fill(str(k), parents) if v == UNFILLED else walk(v, (*parents, str(k))) for k, v in value.items()}
        if isinstance(value, list):
            return [fill(parents[-1], parents) if v == UNFILLED else walk(v, parents) for v in value]
        return value

    data = yaml.load(text, Loader=_DecimalLoader)
    return dump_yaml(walk(data, ()))


class _DecimalLoader(yaml.SafeLoader):
    """Reads numbers with decimals as Decimal, as the tool does."""


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", lambda loader, node: Decimal(loader.construct_scalar(node)))


def figure_tables(path: Path) -> dict[str, Any]:
    """`figures --json`'s tables of a file (every amount of every published table)."""
    result = CliRunner().invoke(main, ["figures", "--json", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["tables"]


def import_file(workbook: Path, target: Path, *options: str):
    """Runs `disclosure-gen import`; returns the click result."""
    return CliRunner().invoke(main, ["import", str(workbook), "-o", str(target), *options])


def with_prior_of(text: str, example: Path) -> str:
    """The file with the example's 上年对比 (last year's figures are not in a workbook)."""
    data = yaml.load(text, Loader=_DecimalLoader)
    data["上年对比"] = yaml.load(example.read_text(encoding="utf-8"), Loader=_DecimalLoader)["上年对比"]
    return dump_yaml(data)


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def relaid(source: Path, target: Path) -> None:
    """The workbook laid out differently: sheets reversed behind an extra sheet, every table moved down
    two rows and right one column, a blank row in each body, amounts in 元 as text with thousands
    separators (every other one in full-width digits), and the 单位 line saying 元."""
    import openpyxl

    old = openpyxl.load_workbook(source)
    new = openpyxl.Workbook()
    new.active.title = "填表说明"
    new.active["A1"] = "本工作簿由预算系统导出"
    shifted = count()

    def row_of(r: int) -> int:
        return r + 2 + (1 if r > 7 else 0)

    for sheet in reversed(old.worksheets):
        copy = new.create_sheet(sheet.title)
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, int | float) and not isinstance(value, bool):
                    value = f"{Decimal(str(value)) * 10000:,.2f}"
                    if next(shifted) % 2:
                        value = value.translate(_FULL_WIDTH)
                elif isinstance(value, str):
                    value = value.replace("单位：万元", "单位：元")
                if value is not None:
                    copy.cell(row_of(cell.row), cell.column + 1, value)
        for merged in sheet.merged_cells.ranges:
            copy.merge_cells(start_row=row_of(merged.min_row), end_row=row_of(merged.max_row),
                             start_column=merged.min_col + 1, end_column=merged.max_col + 1)
    new.save(target)
