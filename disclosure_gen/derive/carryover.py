"""表 11 上年结转结余情况明细表 and section 十一's list, from the carried-over items."""

from __future__ import annotations

from decimal import Decimal

from ..model import CarryoverItem, DisclosureInput
from ..money import ZERO, round_half_up
from .figures import CarryoverSection, Labelled, Row, RowLevel, Table, Tail
from .tables import horizontal_tails

COLUMNS = (
    "total",
    "fiscal_total", "fiscal_personnel", "fiscal_public", "fiscal_project",
    "other_total", "other_personnel", "other_public", "other_project",
)
# 总计 = 财政拨款合计 + 非财政拨款合计; each 合计 = 人员经费 + 公用经费 + 项目支出
_PARTITIONS = (
    ("total", ("fiscal_total", "other_total")),
    ("fiscal_total", ("fiscal_personnel", "fiscal_public", "fiscal_project")),
    ("other_total", ("other_personnel", "other_public", "other_project")),
)


def carryover_table(data: DisclosureInput) -> Table:
    """One row per carried-over item, each amount rounded half up, with the total and its tails."""
    exact = [_exact(item) for item in data.carryover_items]
    rows = tuple(
        Row(str(i), RowLevel.ITEM, item.name, tuple(round_half_up(v) for v in values), columns=COLUMNS)
        for i, (item, values) in enumerate(zip(data.carryover_items, exact), start=1)
    )
    sums = tuple(sum((values[c] for values in exact), ZERO) for c in range(len(COLUMNS)))
    total = Row("", RowLevel.TOTAL, "合计", tuple(round_half_up(v) for v in sums), columns=COLUMNS)
    return Table("t11", COLUMNS, rows, total, _column_tails(rows, total) + horizontal_tails("t11", rows + (total,), _PARTITIONS))


def grouped_carryover_table(table: Table, department: str) -> Table:
    """表 11 as the 2024 format prints it: the department's row, then its items."""
    unit = (Row("", RowLevel.UNIT, department, table.total.values, columns=COLUMNS),) if table.rows else ()
    return Table("t11_grouped", COLUMNS, unit + table.rows, table.total, table.tails)


def carryover_section(table: Table, data: DisclosureInput) -> CarryoverSection:
    """Section 十一: the total, its 财政拨款 and 非财政拨款 parts, and each item with its use."""
    items = tuple(
        Labelled(row.code, row.name, row.value("total"), note=item.use) for row, item in zip(table.rows, data.carryover_items)
    )
    return CarryoverSection(table.total_of("total"), table.total_of("fiscal_total"), table.total_of("other_total"), items)


def _exact(item: CarryoverItem) -> tuple[Decimal, ...]:
    f, o = item.fiscal, item.other
    return (f.total + o.total, f.total, f.personnel, f.public, f.project, o.total, o.personnel, o.public, o.project)


def _column_tails(rows: tuple[Row, ...], total: Row) -> tuple[Tail, ...]:
    tails = []
    for c, column in enumerate(COLUMNS):
        parts = sum((row.values[c] for row in rows), ZERO)
        if parts != total.values[c]:
            tails.append(Tail("t11", "合计", column, total.values[c], parts))
    return tuple(tails)
