"""Department-wide figures of the 2024 format: the 部门整体绩效目标表 and the 涉密 project summary."""

from __future__ import annotations

from ..model import DisclosureInput, Origin
from ..money import ZERO, round_half_up
from .figures import DepartmentIndicatorRow, DepartmentPerformanceTable, ProjectFigures, SecretSummary, Table, TaskRow

_UPPER = ("general_transfer", "fund_transfer", "capital_transfer")
_OWN = ("general_own", "fund_own", "capital_own")
_OTHER = ("special_account", "unit_funds", "other_carryover")


def department_performance(data: DisclosureInput, income: Table) -> DepartmentPerformanceTable | None:
    """The department's overall performance table; its money is 表 1's income as printed, by source.

    财政拨款结转 is 财政资金: an item carried over from upper-level money counts as 上级安排, the rest
    as 本级安排 (the published 2024 table: 22.30 transfer + 4.62 自治区 carry-over = 上级安排 26.92).
    """
    target = data.department_performance
    if target is None:
        return None
    shown = {row.code: row.value("amount") for row in income.rows}
    upper_carried = round_half_up(sum((i.fiscal.total for i in data.carryover_items if i.origin is Origin.UPPER), ZERO))
    own_carried = shown["fiscal_carryover"] - upper_carried
    upper, own, other = (sum((shown[key] for key in keys), ZERO) for keys in (_UPPER, _OWN, _OTHER))
    upper, own = upper + upper_carried, own + own_carried
    rows = tuple(
        DepartmentIndicatorRow(i.first_level, i.second_level, i.name, i.target, i.basis, i.weight) for i in target.indicators
    )
    return DepartmentPerformanceTable(
        target.contact, target.phone, upper + own + other, upper, own, other, target.goal, rows,
        sum((i.weight for i in target.indicators if i.weight is not None), ZERO),
        tuple(TaskRow(t.name, t.content or "", None if t.amount is None else round_half_up(t.amount)) for t in target.tasks),
        target.key_work or "",
    )


def secret_summary(projects: tuple[ProjectFigures, ...]) -> SecretSummary:
    """The number of 涉密 projects and their money (all sources)."""
    secret = [p for p in projects if p.secret]
    return SecretSummary(len(secret), sum((p.total for p in secret), ZERO))
