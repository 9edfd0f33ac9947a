"""Lays out the 预算公开表 from the derived tables, as the template set's table definitions say."""

from __future__ import annotations

from collections.abc import Callable
from itertools import zip_longest

from ..derive.figures import Figures, Row, Table as Derived
from ..tablespec import TableSpec
from ..templateset import InvalidTemplateError
from .docmodel import BodyRow, CellKind, HeaderCell, Table
from .numbers import Formatter

COLUMN_NUMBER_MARK = "※"
INDENT = "\u3000"  # an ideographic space: one character of a label's indent

Body = tuple[list[BodyRow], BodyRow]  # the rows, and the total row


def layout(key: str, spec: TableSpec, figures: Figures, fmt: Formatter) -> Table:
    """The table `spec` defines, filled from the figures; the total row goes where the spec says."""
    rows, total = _BODIES[spec.body](spec, figures, fmt)
    widths = {len(row.cells) for row in (*rows, total)}
    if widths != {len(spec.kinds)}:
        raise InvalidTemplateError(f"表 {key} 的定义有 {len(spec.kinds)} 列，而「{spec.body}」形状的行有 {sorted(widths)} 列")
    shown_total = [total] if rows or spec.empty_total else []
    body = [*shown_total, *rows] if spec.total == "top" else [*rows, *shown_total]
    return Table(header(spec), tuple(CellKind(k) for k in spec.kinds), spec.widths, tuple(body), font_size=spec.font_size)


def header(spec: TableSpec) -> tuple[tuple[HeaderCell, ...], ...]:
    """The header rows as defined, plus the column-number row (※ … 1 2 3 …) if the spec asks."""
    rows = tuple(tuple(HeaderCell(c.text, cols=c.cols, rows=c.rows) for c in row) for row in spec.header)
    return rows + ((column_numbers(spec),) if spec.column_numbers else ())


def column_numbers(spec: TableSpec) -> tuple[HeaderCell, ...]:
    """※ over each text or code column, and the amount columns numbered from 1."""
    cells, number = [], 0
    for kind in spec.kinds:
        if kind == "amount":
            number += 1
            cells.append(HeaderCell(str(number)))
        else:
            cells.append(HeaderCell(COLUMN_NUMBER_MARK))
    return tuple(cells)


def split_code(code: str) -> tuple[str, str, str]:
    """A 功能分类 code as the 类 / 款 / 项 columns print it: 2013101 → 201, 31, 01."""
    return code[:3], code[3:5], code[5:7]


def _tree(spec: TableSpec, figures: Figures, fmt: Formatter) -> Body:
    """功能分类 类/款/项 rows: code columns, the name, then the amounts."""
    return _coded(spec, figures, fmt, lambda row: (*split_code(row.code), label(spec, row)))


def _economic_tree(spec: TableSpec, figures: Figures, fmt: Formatter) -> Body:
    """经济分类 类/款 rows: code columns, the name, then the amounts."""
    return _coded(spec, figures, fmt, lambda row: (row.code[:3], row.code[3:5], label(spec, row)))


def _projects(spec: TableSpec, figures: Figures, fmt: Formatter) -> Body:
    """Project rows (and any group rows above them): code columns, subject name, project name."""
    return _coded(spec, figures, fmt, lambda row: (*split_code(row.code), label(spec, row), row.detail))


def _items(spec: TableSpec, figures: Figures, fmt: Formatter) -> Body:
    """Named rows: the name, then the amounts."""
    return _coded(spec, figures, fmt, lambda row: (label(spec, row),))


def label(spec: TableSpec, row: Row) -> str:
    """The row's label as the spec prints it: its own wording if the spec gives one, indented as the spec says."""
    indent = spec.indent.get(row.code, spec.indent.get(row.level, 0))
    return INDENT * indent + spec.labels.get(row.code, row.name)


def _coded(spec: TableSpec, figures: Figures, fmt: Formatter, labels: Callable[[Row], tuple[str, ...]]) -> Body:
    table = _source(spec, figures)
    pick = _value_indexes(spec, table)
    rows = [BodyRow((*labels(row), *(fmt.cell(row.values[i]) for i in pick))) for row in table.rows]
    label_column = spec.label_columns - 1 if spec.total_label_column is None else spec.total_label_column
    total_labels = [""] * spec.label_columns
    total_labels[label_column] = spec.total_label[0]
    return rows, BodyRow((*total_labels, *(fmt.cell(table.total.values[i]) for i in pick)), total=True)


def _overview(spec: TableSpec, figures: Figures, fmt: Formatter) -> Body:
    """表 1: income lines beside every 功能分类 类."""
    income, spending = figures.tables["t1_income"], figures.tables["t1_expenditure"]
    rows = [
        BodyRow((label(spec, i) if i else "", fmt.cell(i.value("amount")) if i else "", _class_label(s) if s else "", fmt.cell(s.value("amount")) if s else ""))
        for i, s in zip_longest(income.rows, spending.rows)
    ]
    left, right = spec.total_label
    return rows, BodyRow((left, fmt.cell(income.total_of("amount")), right, fmt.cell(spending.total_of("amount"))), total=True)


def _fiscal_overview(spec: TableSpec, figures: Figures, fmt: Formatter) -> Body:
    """表 4: 财政拨款 income by kind beside spending by 类 × kind."""
    income, spending = figures.tables["t4_income"], figures.tables["t4_expenditure"]
    pick = _value_indexes(spec, spending)
    rows = []
    for i, s in zip_longest(income.rows, spending.rows):
        left = (i.name, fmt.cell(i.value("amount"))) if i else ("", "")
        right = (_class_label(s), *(fmt.cell(s.values[j]) for j in pick)) if s else ("",) * (1 + len(pick))
        rows.append(BodyRow(left + right))
    left_label, right_label = spec.total_label
    total = (left_label, fmt.cell(income.total_of("amount")), right_label, *(fmt.cell(spending.total.values[j]) for j in pick))
    return rows, BodyRow(total, total=True)


_BODIES: dict[str, Callable[[TableSpec, Figures, Formatter], Body]] = {
    "overview": _overview,
    "fiscal_overview": _fiscal_overview,
    "tree": _tree,
    "economic_tree": _economic_tree,
    "projects": _projects,
    "items": _items,
}


def _source(spec: TableSpec, figures: Figures) -> Derived:
    if spec.source not in figures.tables:
        raise InvalidTemplateError(f"表定义的数据来源「{spec.source}」不存在；可用的有：{'、'.join(figures.tables)}")
    return figures.tables[spec.source]


def _value_indexes(spec: TableSpec, table: Derived) -> tuple[int, ...]:
    if spec.values is None:
        return tuple(range(len(table.columns)))
    unknown = [v for v in spec.values if v not in table.columns]
    if unknown:
        raise InvalidTemplateError(f"表「{table.key}」没有列 {'、'.join(unknown)}；可用的有：{'、'.join(table.columns)}")
    return tuple(table.columns.index(v) for v in spec.values)


def _class_label(row: Row) -> str:
    return f"{row.code} {row.name}"
