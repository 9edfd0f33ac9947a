"""表 7 一般公共预算项目支出情况表: flat (2023) and grouped by unit and 类/款 (2024)."""

from __future__ import annotations

from decimal import Decimal

from ..catalogue import Catalogue
from ..model import BudgetKind, DisclosureInput
from ..money import ZERO, round_half_up
from ..numerals import chinese_numeral
from ..templateset import Rules
from .budget_tables import of_kind
from .figures import Row, RowLevel, Table
from .ledger import Line

PROJECT_ECONOMIC_CLASSES = ("301", "302", "303", "307", "309", "310", "311", "312", "313", "399")
COLUMNS = ("total", *(f"e{code}" for code in PROJECT_ECONOMIC_CLASSES))


def public_names(data: DisclosureInput) -> dict[str, str]:
    """Each project's name as published: a secret project's cover name (涉密项目一, …) instead."""
    names, secret = {}, 0
    for project in data.projects:
        if project.secret:
            secret += 1
            names[project.name] = project.cover_name or f"涉密项目{chinese_numeral(secret)}"
        else:
            names[project.name] = project.name
    return names


def project_rows(data: DisclosureInput, ledger: tuple[Line, ...], names: Catalogue, rules: Rules) -> tuple[Row, ...]:
    """One row per project with general-public-budget money: its amount by 经济分类 类, shown values."""
    keep = of_kind(BudgetKind.GENERAL, rules.fiscal_tables_include_carryover)
    published = public_names(data)
    rows = []
    for project in data.projects:
        amount = sum((line.amount for line in ledger if line.project == project.name and keep(line)), ZERO)
        if amount == ZERO:
            continue
        values = (amount, *(project.economic.get(code, ZERO) for code in PROJECT_ECONOMIC_CLASSES))
        rows.append(Row(project.function_code, RowLevel.PROJECT, names.function_name(project.function_code) or "",
                        tuple(round_half_up(v) for v in values), published[project.name], COLUMNS))
    return tuple(rows)


def project_table(rows: tuple[Row, ...]) -> Table:
    """表 7 as the 2023 format prints it: the project rows and their total."""
    return Table("t7", COLUMNS, rows, _row("", RowLevel.TOTAL, "合计", rows))


def grouped_project_table(rows: tuple[Row, ...], data: DisclosureInput, names: Catalogue) -> Table:
    """表 7 as the 2024 format prints it: each unit, then its 类 and 款, above the project rows.

    Group rows add up the shown project values, so every group visibly equals its rows.
    """
    unit_of = {p.name: p.unit for p in data.projects}
    by_public = {name: unit_of[real] for real, name in public_names(data).items()}
    grouped: list[Row] = []
    for unit in dict.fromkeys(by_public[r.detail] for r in rows):
        mine = [r for r in rows if by_public[r.detail] == unit]
        grouped.append(_row("", RowLevel.UNIT, unit, mine))
        grouped += _by_subject(mine, names)
    return Table("t7_grouped", COLUMNS, tuple(grouped), _row("", RowLevel.TOTAL, "总计", rows))


def _by_subject(rows: list[Row], names: Catalogue) -> list[Row]:
    """类 rows, each followed by its 款 rows, each followed by its project rows (in code order)."""
    result: list[Row] = []
    for class_code in sorted({r.code[:3] for r in rows}):
        in_class = [r for r in rows if r.code.startswith(class_code)]
        result.append(_row(class_code, RowLevel.CLASS, names.function_name(class_code) or class_code, in_class))
        for section in sorted({r.code[:5] for r in in_class}):
            in_section = [r for r in in_class if r.code.startswith(section)]
            result.append(_row(section, RowLevel.SECTION, names.function_name(section) or section, in_section))
            result += sorted(in_section, key=lambda r: r.code)
    return result


def _row(code: str, level: RowLevel, name: str, rows: list[Row] | tuple[Row, ...]) -> Row:
    """A group or total row: the sums of the shown values of `rows`."""
    values = tuple(sum((r.values[i] for r in rows), ZERO) for i in range(len(COLUMNS)))
    return Row(code, level, name, values, columns=COLUMNS)
