"""The expenditure ledger: every amount of the budget as one line (项, basic/project, source)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from ..model import BudgetKind, DisclosureInput, Source


class Nature(str, Enum):
    """Basic (基本支出) or project (项目支出) spending."""

    BASIC = "basic"
    PROJECT = "project"


@dataclass(frozen=True)
class Line:
    """One amount of expenditure, exact (not rounded), in 万元."""

    code: str  # 7-digit 功能分类 项
    nature: Nature
    source: Source
    amount: Decimal
    project: str | None = None  # the project's name, for project lines


def of_kind(kind: BudgetKind, with_carryover: bool) -> Callable[[Line], bool]:
    """Keeps the lines of one budget kind, with or without carried-over money."""
    return lambda line: line.source.kind is kind and (with_carryover or not line.source.is_carryover)


def build_ledger(data: DisclosureInput) -> tuple[Line, ...]:
    """All expenditure lines: basic lines in input order, each project's lines, then carried-over project money.

    A carried-over item with a 科目 is spent there as project money: 财政拨款 from 一般公共预算结转,
    非财政拨款 from 单位资金结转结余. It is entered once, in 上年结转结余明细, not under 项目.
    """
    lines = [
        Line(code, Nature.BASIC, source, amount)
        for code, by_source in data.basic.items()
        for source, amount in by_source.items()
    ]
    lines += [
        Line(p.function_code, Nature.PROJECT, source, amount, p.name)
        for p in data.projects
        for source, amount in p.sources.items()
    ]
    lines += [
        Line(item.function_code, Nature.PROJECT, source, amount, item.name)
        for item in data.carryover_items if item.function_code
        for source, amount in ((Source.CARRYOVER_GENERAL, item.fiscal.project), (Source.CARRYOVER_UNIT_FUNDS, item.other.project))
        if amount
    ]
    return tuple(lines)


def income_by_source(data: DisclosureInput) -> dict[Source, Decimal]:
    """Income of 表 1, exact, by the funding source that spends it."""
    inc = data.income
    u = inc.unit_funds
    return {
        Source.GENERAL: inc.general.own,
        Source.GENERAL_TRANSFER: inc.general.transfer,
        Source.FUND: inc.fund.own,
        Source.FUND_TRANSFER: inc.fund.transfer,
        Source.CAPITAL: inc.capital.own,
        Source.CAPITAL_TRANSFER: inc.capital.transfer,
        Source.SPECIAL_ACCOUNT: inc.special_account,
        Source.UNIT_FUNDS: u.operations + u.grants_from_above + u.from_subsidiaries + u.business + u.other,
        Source.CARRYOVER_GENERAL: inc.carryover.fiscal.general,
        Source.CARRYOVER_FUND: inc.carryover.fiscal.fund,
        Source.CARRYOVER_CAPITAL: inc.carryover.fiscal.capital,
        Source.CARRYOVER_SPECIAL_ACCOUNT: inc.carryover.other.special_account,
        Source.CARRYOVER_UNIT_FUNDS: inc.carryover.other.unit_funds,
    }


def spent_by_source(ledger: tuple[Line, ...]) -> dict[Source, Decimal]:
    """Expenditure, exact, by funding source (every source present, 0 where nothing is spent)."""
    spent = {source: Decimal(0) for source in Source}
    for line in ledger:
        spent[line.source] += line.amount
    return spent
