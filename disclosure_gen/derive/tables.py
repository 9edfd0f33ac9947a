"""Builds tree tables (类/款/项 rows with totals) and finds their rounding tails."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..money import ZERO, round_half_up
from .figures import Row, RowLevel, Table, Tail
from .ledger import Line

FUNCTIONAL_LEVELS = ((3, RowLevel.CLASS), (5, RowLevel.SECTION), (7, RowLevel.ITEM))
ECONOMIC_LEVELS = ((3, RowLevel.CLASS), (5, RowLevel.ITEM))
Partitions = tuple[tuple[str, tuple[str, ...]], ...]  # a column and the columns it is the sum of


@dataclass(frozen=True)
class Column:
    """A table column: which ledger lines it adds up."""

    key: str
    keep: Callable[[Line], bool]


def pivot(lines: Iterable[Line], columns: Sequence[Column]) -> dict[str, tuple[Decimal, ...]]:
    """Exact sums of the lines per 项 code and column, for codes with any money."""
    sums: dict[str, list[Decimal]] = {}
    for line in lines:
        cells = sums.setdefault(line.code, [ZERO] * len(columns))
        for i, column in enumerate(columns):
            if column.keep(line):
                cells[i] += line.amount
    return {code: tuple(cells) for code, cells in sums.items() if any(cells)}


def tree_table(
    key: str,
    leaves: dict[str, tuple[Decimal, ...]],
    columns: tuple[str, ...],
    name_of: Callable[[str], str],
    levels: tuple[tuple[int, RowLevel], ...] = FUNCTIONAL_LEVELS,
    partitions: Partitions = (),
) -> Table:
    """A table of leaf rows grouped under their ancestors, with a total row and its tails.

    `leaves` holds exact values by leaf code; every shown value is rounded half up to 0.01.
    `partitions` name columns that are the sum of others (合计 = 基本支出 + 项目支出).
    """
    width = len(columns)
    exact = _with_ancestors(leaves, levels, width)
    total = _sum_rows([exact[c] for c in exact if len(c) == levels[0][0]], width)
    level_name = dict(levels)
    rows = tuple(
        Row(code, level_name[len(code)], name_of(code), _shown(exact[code]), columns=columns) for code in sorted(exact)
    )
    total_row = Row("", RowLevel.TOTAL, "合计", _shown(total), columns=columns)
    tails = _vertical_tails(key, rows, total_row, levels) + horizontal_tails(key, rows + (total_row,), partitions)
    return Table(key, columns, rows, total_row, tails)


def _with_ancestors(
    leaves: dict[str, tuple[Decimal, ...]], levels: tuple[tuple[int, RowLevel], ...], width: int
) -> dict[str, tuple[Decimal, ...]]:
    exact: dict[str, list[Decimal]] = {}
    for code, values in leaves.items():
        for length, _ in levels:
            cells = exact.setdefault(code[:length], [ZERO] * width)
            for i, value in enumerate(values):
                cells[i] += value
    return {code: tuple(cells) for code, cells in exact.items()}


def _sum_rows(rows: Sequence[tuple[Decimal, ...]], width: int) -> tuple[Decimal, ...]:
    return tuple(sum((row[i] for row in rows), ZERO) for i in range(width))


def _shown(values: tuple[Decimal, ...]) -> tuple[Decimal, ...]:
    return tuple(round_half_up(v) for v in values)


def _vertical_tails(
    key: str, rows: tuple[Row, ...], total: Row, levels: tuple[tuple[int, RowLevel], ...]
) -> tuple[Tail, ...]:
    """Parents (类, 款, 合计) whose shown value differs from the sum of their shown children."""
    tails: list[Tail] = []
    lengths = [length for length, _ in levels]
    parents = [(row, lengths[lengths.index(len(row.code)) + 1]) for row in rows if len(row.code) != lengths[-1]]
    parents.append((total, lengths[0]))
    for parent, child_length in parents:
        children = [r for r in rows if len(r.code) == child_length and r.code.startswith(parent.code)]
        for i, shown in enumerate(parent.values):
            parts = sum((child.values[i] for child in children), ZERO)
            if parts != shown:
                tails.append(Tail(key, parent.code or "合计", str(i), shown, parts))
    return tuple(tails)


def horizontal_tails(
    key: str, rows: tuple[Row, ...], partitions: Partitions
) -> tuple[Tail, ...]:
    """Rows where a shown column differs from the sum of the shown columns it is made of."""
    tails: list[Tail] = []
    for whole, parts in partitions:
        for row in rows:
            parts_sum = sum((row.value(part) for part in parts), ZERO)
            if parts_sum != row.value(whole):
                tails.append(Tail(key, row.code or "合计", whole, row.value(whole), parts_sum))
    return tuple(tails)
