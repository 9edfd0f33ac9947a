"""The import's view of each table: what its amount columns mean, its leaf rows, and total checks."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..errors import Location
from ..problems import Level, Problem
from ..templateset import builtin_queries
from .workbook import Cell, FoundTable, normalised

IMPORT_TOTAL_CHECK = "import-total"
ZERO = Decimal(0)

_QUERIES = builtin_queries()
PROJECT_COLUMNS = tuple(_QUERIES["t7"].columns)
# The derived columns each table prints when its spec names no `values` (the built-in queries, 表1 and 表10).
DERIVED_COLUMNS: dict[str, tuple[str, ...]] = {
    "t1": ("income", "spending"),
    **{key: tuple(query.columns) for key, query in _QUERIES.items()},
}
# Columns the tool adds up from other columns of the same row: column → its parts. A project's 经济分类
# columns add up to its total in a workbook, though the derived 表7 total counts only 一般公共预算.
COLUMN_SUMS: dict[str, dict[str, tuple[str, ...]]] = {
    **{key: query.all_sums for key, query in _QUERIES.items() if key in ("t2", "t3", "t5", "t6", "t11", "t11_grouped")},
    "t7": {"total": PROJECT_COLUMNS[1:]},
    "t7_grouped": {"total": PROJECT_COLUMNS[1:]},
    "t10": {"total": ("general", "fund", "capital")},
}
_CODE_WIDTHS = (3, 2, 2)


@dataclass(frozen=True)
class Line:
    """A body row read with meaning: its code (7/5/3 digits, "" for none), labels and named amounts."""

    code: str
    labels: tuple[str, ...]
    values: dict[str, Decimal]
    cells: dict[str, Cell]
    label_cell: Cell  # the first text column's cell, or the code's where it has one
    total: bool
    indent: int = 0  # leading spaces of the first label: a grouped table indents its items under a unit row

    def __getitem__(self, column: str) -> Decimal:
        return self.values.get(column, ZERO)


def lines(found: FoundTable, scale: Decimal) -> list[Line]:
    """The table's rows with named amounts (in the output unit) and the code its code columns spell."""
    spec = found.spec
    names = spec.values or DERIVED_COLUMNS[spec.source or found.key]
    amount_columns = [j for j, kind in enumerate(spec.kinds) if kind == "amount"]
    code_columns = [j for j, kind in enumerate(spec.kinds) if kind == "code"]
    text_columns = [j for j, kind in enumerate(spec.kinds) if kind == "text"]
    total_label = normalised(spec.total_label[0])
    result = []
    for row in found.rows:
        code = "".join(_padded(row.texts[j], i) for i, j in enumerate(code_columns) if row.texts[j])
        labels = tuple(row.texts[j] for j in text_columns)
        values = {names[n]: row.amount(j) * scale for n, j in enumerate(amount_columns)}
        cells = {names[n]: row.cells[j] for n, j in enumerate(amount_columns)}
        total = not code and any(normalised(label) == total_label for label in labels)
        label_cell = row.cells[code_columns[-1] if code else text_columns[0]]
        indent = len(labels[0]) - len(labels[0].lstrip("\u3000 ")) if labels else 0
        labels = tuple(label.strip() for label in labels)
        result.append(Line(code, labels, values, cells, label_cell, total, indent))
    return result


def _padded(text: str, position: int) -> str:
    width = _CODE_WIDTHS[position] if position < len(_CODE_WIDTHS) else 2
    return text.zfill(width) if text.isdigit() else text


class Comparisons:
    """Collects every place where a figure in the workbook differs from what the tool derives."""

    def __init__(self, path):
        self.path = path
        self.problems: list[Problem] = []

    def compare(self, cell: Cell, shown: Decimal, derived: Decimal, what: str) -> None:
        """Warns when the workbook's figure is not the derived one."""
        if shown != derived:
            location = Location(self.path, None, f"工作表「{cell.sheet}」{cell.ref}")
            message = f"{what}：工作簿中为 {shown:f}，由明细算出为 {derived:f}，相差 {shown - derived:f}"
            self.problems.append(Problem(IMPORT_TOTAL_CHECK, Level.WARNING, location, message))

    def columns(self, key: str, line: Line) -> None:
        """Each column the tool adds up across the row (合计 = 基本支出 + 项目支出, …)."""
        for column, parts in COLUMN_SUMS.get(key, {}).items():
            if column in line.values:
                self.compare(line.cells[column], line[column], sum((line[p] for p in parts), ZERO), f"「{_name(line)}」行的合计")

    def rows(self, line: Line, leaves: list[Line], what: str) -> None:
        """A subtotal or total row against the sum of the leaf rows under it, column by column."""
        for column, cell in line.cells.items():
            self.compare(cell, line[column], sum((leaf[column] for leaf in leaves), ZERO), what)


def _name(line: Line) -> str:
    return next((label for label in reversed(line.labels) if label), line.code)


def tree_leaves(key: str, table: list[Line], leaf_width: int, checks: Comparisons) -> list[Line]:
    """Rows with a full code (项 or 款); every 类/款 and total row is checked against them."""
    leaves = [line for line in table if len(line.code) == leaf_width]
    for line in table:
        checks.columns(key, line)
        if line not in leaves:
            under = [leaf for leaf in leaves if leaf.code.startswith(line.code)]
            checks.rows(line, under, f"「{_name(line)}」行" if line.code else "总计行")
    return leaves


def project_leaves(key: str, table: list[Line], checks: Comparisons) -> list[tuple[Line, str]]:
    """Project rows with the unit they are listed under (2024 grouping; "" if none); group rows checked."""
    groups: list[tuple[Line | None, list[Line]]] = [(None, [])]
    structure: list[tuple[Line, int]] = []
    for line in table:
        checks.columns(key, line)
        if len(line.code) == 7 and line.labels[-1]:
            groups[-1][1].append(line)
        elif line.total:
            structure.append((line, -1))
        elif not line.code:
            groups.append((line, []))
        else:
            structure.append((line, len(groups) - 1))
    every = [leaf for _, leaves in groups for leaf in leaves]
    for unit, leaves in groups:
        if unit is not None:
            checks.rows(unit, leaves, f"「{_name(unit)}」行")
    for line, group in structure:
        pool = every if group < 0 else groups[group][1]
        checks.rows(line, [leaf for leaf in pool if leaf.code.startswith(line.code)], f"「{_name(line)}」行" if line.code else "总计行")
    return [(leaf, _name(unit) if unit is not None else "") for unit, leaves in groups for leaf in leaves]


def item_leaves(key: str, table: list[Line], checks: Comparisons, grouped: bool = False) -> list[Line]:
    """Named rows other than the total, which is checked against them.

    In a `grouped` table (2024 表11: 总计, the department's row, its items indented) only the most
    indented rows are items.
    """
    named = [line for line in table if not line.total]
    depth = max((line.indent for line in named), default=0) if grouped else None
    items = [line for line in named if depth is None or line.indent == depth]
    for line in table:
        checks.columns(key, line)
        if line.total:
            checks.rows(line, items, "合计行")
    return items
