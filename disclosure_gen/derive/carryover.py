"""Section 十一's list, from 表 11 (the query t11) and the carried-over items."""

from __future__ import annotations

from ..model import DisclosureInput
from .figures import CarryoverSection, Labelled, Table


def carryover_section(table: Table, data: DisclosureInput) -> CarryoverSection:
    """Section 十一: the total, its 财政拨款 and 非财政拨款 parts, and each item with its use."""
    items = tuple(
        Labelled(row.code, row.name, row.value("total"), note=item.use) for row, item in zip(table.rows, data.carryover_items)
    )
    return CarryoverSection(table.total_of("total"), table.total_of("fiscal_total"), table.total_of("other_total"), items)
