"""Finds a template set's tables in a workbook by their header text, wherever they stand."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..compose.docmodel import CellKind, Table
from ..compose.tables import COLUMN_NUMBER_MARK, header
from ..errors import DisclosureError
from ..tablespec import TableSpec
from ..writers.layout import place_header

HEADER_SEARCH_ROWS = 40  # how far down a sheet its header may start
_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_BLANK_AMOUNTS = {"", "-", "—", "－", "——"}
_UNIT = re.compile(r"单位[:：]\s*(万元|元)")


class WorkbookError(DisclosureError):
    """A workbook that cannot be imported: the message names file, sheet and cell."""


def normalised(value: Any) -> str:
    """A cell's text as compared with a header: full-width forms folded, all spaces removed."""
    if value is None:
        return ""
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(value)))


@dataclass(frozen=True)
class Cell:
    """Where a value was read: sheet and Excel reference (B7)."""

    sheet: str
    ref: str

    def __str__(self) -> str:
        return f"工作表「{self.sheet}」单元格 {self.ref}"


@dataclass(frozen=True)
class FoundRow:
    """One body row of a found table: its label texts and amounts, by the spec's column index."""

    texts: dict[int, str]
    amounts: dict[int, Decimal]
    cells: dict[int, Cell]

    def amount(self, column: int) -> Decimal:
        return self.amounts.get(column, Decimal(0))


@dataclass(frozen=True)
class FoundTable:
    """A table found on a sheet: the spec it follows, its body rows and the unit its amounts are in."""

    key: str
    spec: TableSpec
    sheet: str
    rows: tuple[FoundRow, ...]
    unit: str | None  # 元 or 万元 as the sheet's 单位 line says, None if it says neither


class Workbook:
    """The sheets of an .xlsx file as grids of values, merged areas filled with their value."""

    def __init__(self, path: Path):
        self.path = path
        book = _open(path)
        self.title = book.properties.title or ""
        sheets = {sheet.title: _grid(sheet) for sheet in book.worksheets}
        self.grids = {name: grid for name, (grid, _) in sheets.items()}
        self.spread = {name: spread for name, (_, spread) in sheets.items()}

    def find(self, key: str, spec: TableSpec) -> FoundTable:
        """The first sheet whose header is the spec's; raises WorkbookError naming the table if none is."""
        near: list[str] = []
        for name, grid in self.grids.items():
            located = _locate(grid, spec)
            if isinstance(located, tuple):
                header_bottom, columns = located
                rows = tuple(self._rows(name, grid, spec, header_bottom, columns))
                return FoundTable(key, spec, name, rows, _unit_of(grid, header_bottom))
            near += [f"工作表「{name}」第 {top} 行起的表头找不到「{'／'.join(path)}」列" for top, path in located]
        if near:
            raise WorkbookError(f"{self.path}：表「{key}」的表头不能识别：{'；'.join(near)}（表头文字须与公开表一致）")
        labels = "、".join(dict.fromkeys(normalised(c.text) for c in spec.header[0]))
        raise WorkbookError(f"{self.path}：缺少表「{key}」：没有哪个工作表有以「{labels}」开头的表头")

    def _rows(self, sheet: str, grid: dict, spec: TableSpec, header_bottom: int, columns: dict[int, int]):
        last_row = max((r for r, _ in grid), default=0)
        for r in range(header_bottom + 1, last_row + 1):
            values = {j: None if (r, c) in self.spread[sheet] else grid.get((r, c)) for j, c in columns.items()}
            if _is_column_number_row(values.values()):
                continue
            cells = {j: Cell(sheet, f"{_letter(c)}{r}") for j, c in columns.items()}
            amounts = {j: amount_in(values[j], cells[j], self.path) for j, kind in enumerate(spec.kinds) if kind == "amount"}
            texts = {j: _text(values[j], kind) for j, kind in enumerate(spec.kinds) if kind != "amount"}
            if all(v is None for v in amounts.values()):
                continue  # a blank row, a note under the table, or a row with nothing to import
            yield FoundRow(texts, {j: v for j, v in amounts.items() if v is not None}, cells)


def amount_in(value: Any, cell: Cell, path: Path) -> Decimal | None:
    """A cell's amount: a number, or text such as "1,063.86" or full-width digits; None if blank."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise WorkbookError(f"{path} {cell}：「{value}」不是金额")
    if isinstance(value, int | float):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = normalised(value).replace(",", "")
    if text in _BLANK_AMOUNTS:
        return None
    if not _NUMBER.fullmatch(text):
        raise WorkbookError(f"{path} {cell}：「{value}」不是金额（应为数字，如 1,063.86）")
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise WorkbookError(f"{path} {cell}：「{value}」不是金额") from None


def _open(path: Path):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(path, data_only=True, read_only=False)
    except FileNotFoundError:
        raise WorkbookError(f"{path}：文件不存在") from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise WorkbookError(f"{path}：不是 Excel 工作簿（.xlsx），不能读取") from None


def _grid(sheet) -> tuple[dict[tuple[int, int], Any], set[tuple[int, int]]]:
    """(row, column) → value of every non-empty cell, each merged area filled with its top-left value;
    and the cells filled from an area spanning columns (a header group or a note, not a body value)."""
    grid = {(c.row, c.column): c.value for row in sheet.iter_rows() for c in row if c.value not in (None, "")}
    spread: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:
        value = grid.get((merged.min_row, merged.min_col))
        if value is None:
            continue
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                grid[(r, c)] = value
                if c != merged.min_col:
                    spread.add((r, c))
    return grid, spread


def _locate(grid: dict, spec: TableSpec) -> tuple[int, dict[int, int]] | list[tuple[int, tuple[str, ...]]]:
    """(last header row, spec column → sheet column) where the spec's header stands on this grid;
    else, for each row that starts like the header, the first column path it lacks."""
    wanted = _column_paths(spec)
    first_row = {normalised(c.text) for c in spec.header[0]}
    height = len(spec.header)
    near = []
    texts_by_row: dict[int, set[str]] = {}
    for (r, _), value in grid.items():
        if r <= HEADER_SEARCH_ROWS:
            texts_by_row.setdefault(r, set()).add(normalised(value))
    for top in sorted(texts_by_row):
        if not first_row <= texts_by_row[top]:
            continue
        mapping = _match_columns(wanted, _sheet_paths(grid, top, height))
        if isinstance(mapping, dict):
            return top + height - 1, mapping
        near.append((top, mapping))
    return near


def _column_paths(spec: TableSpec) -> list[tuple[str, ...]]:
    """Each spec column's header texts from top to bottom (a cell spanning rows counted once)."""
    table = Table(header(spec)[: len(spec.header)], tuple(CellKind(k) for k in spec.kinds), spec.widths, ())
    paths: list[list[str]] = [[] for _ in spec.kinds]
    for cell in sorted(place_header(table), key=lambda c: c.row):
        for j in range(cell.col, cell.col + cell.cols):
            paths[j].append(normalised(cell.text))
    return [tuple(p) for p in paths]


def _sheet_paths(grid: dict, top: int, height: int) -> dict[int, tuple[str, ...]]:
    columns = {c for (r, c) in grid if top <= r < top + height}
    paths = {}
    for c in sorted(columns):
        texts: list[str] = []
        for r in range(top, top + height):
            text = normalised(grid.get((r, c)))
            if text and (not texts or texts[-1] != text):
                texts.append(text)
        paths[c] = tuple(texts)
    return paths


def _match_columns(wanted: list[tuple[str, ...]], found: dict[int, tuple[str, ...]]) -> dict[int, int] | tuple[str, ...]:
    """Spec column → sheet column: the same header path, or (unmerged headers) its last part(s);
    the path of the first spec column not found if one is missing."""
    mapping: dict[int, int] = {}
    for j, path in enumerate(wanted):
        exact = [c for c, p in found.items() if p == path and c not in mapping.values()]
        partial = [c for c, p in found.items() if p and path[-len(p):] == p and c not in mapping.values()]
        choice = (exact or partial or [None])[0]
        if choice is None:
            return path
        mapping[j] = choice
    return mapping


def _is_column_number_row(values) -> bool:
    texts = [normalised(v) for v in values if v is not None]
    return bool(texts) and COLUMN_NUMBER_MARK in texts and all(t == COLUMN_NUMBER_MARK or t.isdigit() for t in texts)


def _text(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "code" and isinstance(value, int | float) and not isinstance(value, bool):
        return str(int(value))
    return str(value).rstrip().lstrip(" \t\r\n") if kind == "text" else normalised(value)  # a leading 　 is an indent


def _unit_of(grid: dict, header_bottom: int) -> str | None:
    for (r, _), value in sorted(grid.items()):
        if r > header_bottom:
            break
        match = _UNIT.search(normalised(value))
        if match:
            return match.group(1)
    return None


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)
