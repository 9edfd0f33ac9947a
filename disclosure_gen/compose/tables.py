"""Lays out the 预算公开表 from the derived tables, as the template set's table definitions say."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from itertools import zip_longest

from ..derive.figures import Figures, Row, Table as Derived
from ..tablespec import TableSpec
from ..templateset import InvalidTemplateError
from .docmodel import BodyRow, CellKind, HeaderCell, Table
from .numbers import Formatter, chinese_numeral

NO_FIGURE = Decimal("0.00")  # a footer cell no figure stands behind (结转下年 in a budget): zero
COLUMN_NUMBER_MARK = "※"
INDENT = "\u3000"  # an ideographic space: one character of a label's indent

Body = tuple[list[BodyRow], BodyRow | None]  # the rows, and the total row (None: the table has none)


def layout(key: str, spec: TableSpec, figures: Figures, fmt: Formatter) -> Table:
    """The table `spec` defines, filled from the figures; the total row goes where the spec says."""
    rows, total = _BODIES[spec.body](spec, figures, fmt)
    shown_total = [total] if total and (rows or spec.empty_total) else []
    widths = {len(row.cells) for row in (*rows, *([total] if total else []))}
    if widths != {len(spec.kinds)}:
        raise InvalidTemplateError(f"表 {key} 的定义有 {len(spec.kinds)} 列，而「{spec.body}」形状的行有 {sorted(widths)} 列")
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


def code_cells(spec: TableSpec, code: str, levels: int) -> tuple[str, ...]:
    """A code as the spec prints it: in `levels` columns (201 | 31 | 01, or 301 | 01), or whole in one column."""
    if spec.codes == "joined":
        return (code,)
    return split_code(code)[:levels]


def _tree(spec: TableSpec, figures: Figures, fmt: Formatter) -> Body:
    """功能分类 类/款/项 rows: code columns, the name, then the amounts."""
    return _coded(spec, figures, fmt, lambda row: (*code_cells(spec, row.code, 3), label(spec, row)))


def _economic_tree(spec: TableSpec, figures: Figures, fmt: Formatter) -> Body:
    """经济分类 类/款 rows: code columns, the name, then the amounts."""
    return _coded(spec, figures, fmt, lambda row: (*code_cells(spec, row.code, 2), label(spec, row)))


def _projects(spec: TableSpec, figures: Figures, fmt: Formatter) -> Body:
    """Project rows (and any group rows above them): code columns, subject name, project name."""
    return _coded(spec, figures, fmt, lambda row: (*code_cells(spec, row.code, 3), label(spec, row), row.detail))


def _static(spec: TableSpec, figures: Figures, fmt: Formatter) -> Body:
    """A form printed as the set writes it (a blank 事前绩效评估 form, a signature row): no figures."""
    return [BodyRow(row) for row in spec.rows], None


def _items(spec: TableSpec, figures: Figures, fmt: Formatter) -> Body:
    """Named rows: the name, then the amounts."""
    return _coded(spec, figures, fmt, lambda row: (label(spec, row),))


def _units(spec: TableSpec, figures: Figures, fmt: Formatter) -> Body:
    """Rows with their own code whole in one column (a 预算单位's 单位代码), the name, then the amounts."""
    return _coded(spec, figures, fmt, lambda row: (row.code, label(spec, row)))


def label(spec: TableSpec, row: Row) -> str:
    """The row's label as the spec prints it: its own wording if the spec gives one, indented as the spec says."""
    indent = spec.indent.get(row.code, spec.indent.get(row.level, 0))
    return INDENT * indent + spec.labels.get(row.code, row.name)


def _coded(spec: TableSpec, figures: Figures, fmt: Formatter, labels: Callable[[Row], tuple[str, ...]]) -> Body:
    table = _source(spec, figures)
    pick = _value_indexes(spec, table)
    first = spec.label_columns
    rows = [BodyRow((*labels(row), *_cells(spec, fmt, first, (row.values[i] for i in pick)))) for row in table.rows]
    label_column = spec.label_columns - 1 if spec.total_label_column is None else spec.total_label_column
    total_labels = [""] * spec.label_columns
    total_labels[label_column] = spec.total_label[0]
    return rows, BodyRow((*total_labels, *_cells(spec, fmt, first, (table.total.values[i] for i in pick))), total=True)


def _cells(spec: TableSpec, fmt: Formatter, first: int, values: Iterable[Decimal]) -> tuple[str, ...]:
    """Amount cells from column `first` on, each zero printed as its column's `zero` style says."""
    return tuple(fmt.cell(value, spec.zero_shown(first + i)) for i, value in enumerate(values))


def _overview(spec: TableSpec, figures: Figures, fmt: Formatter) -> Body:
    """表 1: income lines beside every 功能分类 类, then the set's footer rows."""
    income, spending = (figures.tables[key] for key in spec.sources)
    rows = [
        BodyRow((label(spec, i) if i else "", *(_cells(spec, fmt, 1, (i.value("amount"),)) if i else ("",)),
                 _class_label(spec, s, n) if s else "", *(_cells(spec, fmt, 3, (s.value("amount"),)) if s else ("",))))
        for n, (i, s) in enumerate(zip_longest(income.rows, spending.rows), start=1)
    ]
    left, right = spec.total_label
    income_total, spending_total = (income.total_of("amount"),), (spending.total_of("amount"),)
    if spec.totals:
        income_total, spending_total = ((figures.printed(reference),) for reference in spec.totals)
    total = BodyRow((left, *_cells(spec, fmt, 1, income_total), right, *_cells(spec, fmt, 3, spending_total)), total=True)
    return rows + _footer(spec, figures, fmt), total


def _fiscal_overview(spec: TableSpec, figures: Figures, fmt: Formatter) -> Body:
    """表 4: 财政拨款 income by kind beside spending by 类 × kind, then the set's footer rows."""
    income, spending = (figures.tables[key] for key in spec.sources)
    pick = _value_indexes(spec, spending)  # `values` may keep only 合计: the 4-column overview of some formats
    rows = []
    for n, (i, s) in enumerate(zip_longest(income.rows, spending.rows), start=1):
        left = (i.name, *_cells(spec, fmt, 1, (i.value("amount"),))) if i else ("", "")
        right = (_class_label(spec, s, n), *_cells(spec, fmt, 3, (s.values[j] for j in pick))) if s else ("",) * (1 + len(pick))
        rows.append(BodyRow(left + right))
    if (spec.footer or spec.totals) and len(pick) != 1:
        raise InvalidTemplateError(f"表定义的 footer、totals 每侧只有一个数，而这张表的支出有 {len(pick)} 列：请用 values 只印一列（如 [total]）")
    left_label, right_label = spec.total_label
    received, spent = (income.total_of("amount"),), tuple(spending.total.values[j] for j in pick)
    if spec.totals:
        received, spent = ((figures.printed(reference),) for reference in spec.totals)
    total = (left_label, *_cells(spec, fmt, 1, received), right_label, *_cells(spec, fmt, 3, spent))
    return rows + _footer(spec, figures, fmt), BodyRow(total, total=True)


def _footer(spec: TableSpec, figures: Figures, fmt: Formatter) -> list[BodyRow]:
    """The rows a set adds above 总计 (本年收入合计 …, 结转下年 …): a label and a printed cell on each side (none: 0)."""
    def printed(reference: str | None) -> tuple[Decimal]:
        return (figures.printed(reference) if reference else NO_FIGURE,)

    return [
        BodyRow((left, *_cells(spec, fmt, 1, printed(income)), right, *_cells(spec, fmt, 3, printed(spent))))
        for left, income, right, spent in spec.footer
    ]


_BODIES: dict[str, Callable[[TableSpec, Figures, Formatter], Body]] = {
    "overview": _overview,
    "fiscal_overview": _fiscal_overview,
    "tree": _tree,
    "economic_tree": _economic_tree,
    "projects": _projects,
    "items": _items,
    "units": _units,
    "static": _static,
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


def _class_label(spec: TableSpec, row: Row, number: int) -> str:
    """A 类 row of 表1/表4: 201 一般公共服务支出, 一、一般公共服务支出 or （一）一般公共服务支出."""
    if spec.class_label == "numbered":
        return f"{chinese_numeral(number)}、{row.name}"
    if spec.class_label == "bracketed":
        return f"（{chinese_numeral(number)}）{row.name}"
    return f"{row.code} {row.name}"
