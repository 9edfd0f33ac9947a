"""Department-wide figures of the 2024 format: the 部门整体绩效目标表 and the 涉密 project summary."""

from __future__ import annotations

from ..model import DisclosureInput
from ..money import ZERO
from .figures import DepartmentIndicatorRow, DepartmentPerformanceTable, ProjectFigures, SecretSummary, Table

_UPPER = ("general_transfer", "fund_transfer", "capital_transfer")
_OWN = ("general_own", "fund_own", "capital_own")
_OTHER = ("special_account", "unit_funds", "carryover")


def department_performance(data: DisclosureInput, income: Table) -> DepartmentPerformanceTable | None:
    """The department's overall performance table; its money is 表 1's income as printed, by source."""
    target = data.department_performance
    if target is None:
        return None
    shown = {row.code: row.values[0] for row in income.rows}
    upper, own, other = (sum((shown[key] for key in keys), ZERO) for keys in (_UPPER, _OWN, _OTHER))
    rows = tuple(
        DepartmentIndicatorRow(i.first_level, i.second_level, i.name, i.target, i.basis, i.weight) for i in target.indicators
    )
    return DepartmentPerformanceTable(
        target.contact, target.phone, upper + own + other, upper, own, other, target.goal, rows,
        sum((i.weight for i in target.indicators), ZERO),
    )


def secret_summary(projects: tuple[ProjectFigures, ...]) -> SecretSummary:
    """The number of 涉密 projects and their money (all sources)."""
    secret = [p for p in projects if p.secret]
    return SecretSummary(len(secret), sum((p.total for p in secret), ZERO))
