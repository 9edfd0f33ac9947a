"""The facts a derived table adds up: every amount of the input with every dimension the input gives it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ..model import BudgetKind, DisclosureInput, Source
from ..model.consolidation import unit_view
from ..templateset import Rules
from .ledger import Line, Nature, build_ledger, income_by_source

_KIND_NAMES = {
    Source.GENERAL: "general", Source.GENERAL_TRANSFER: "general", Source.CARRYOVER_GENERAL: "general",
    Source.FUND: "fund", Source.FUND_TRANSFER: "fund", Source.CARRYOVER_FUND: "fund",
    Source.CAPITAL: "capital", Source.CAPITAL_TRANSFER: "capital", Source.CARRYOVER_CAPITAL: "capital",
    Source.SPECIAL_ACCOUNT: "special_account", Source.CARRYOVER_SPECIAL_ACCOUNT: "special_account",
    Source.UNIT_FUNDS: "unit_funds", Source.CARRYOVER_UNIT_FUNDS: "unit_funds",
}
_TRANSFERS = {Source.GENERAL_TRANSFER, Source.FUND_TRANSFER, Source.CAPITAL_TRANSFER}


@dataclass(frozen=True)
class Fact:
    """One exact amount (万元) of one book, with the dimensions known for it (None: not known)."""

    book: str  # spending (功能分类 ledger), economic, project_economic, carryover (表 11 items), income, three_public
    amount: Decimal
    function: str | None = None  # 7-digit 功能分类 项
    economic: str | None = None  # 经济分类 款 (5 digits) or, for a project's split, 类 (3 digits)
    nature: str | None = None  # basic / project
    cost: str | None = None  # personnel / public
    kind: str | None = None  # general, fund, capital, special_account, unit_funds
    fiscal: bool | None = None  # 财政拨款
    carryover: bool | None = None  # 上年结转结余
    transfer: bool | None = None  # 上级转移支付
    project: str | None = None  # the project's (or carried-over item's) name
    item: int | None = None  # the carried-over item's number (1, 2, …)
    line: str | None = None  # the input's line: a 单位资金 kind of income, a “三公” item
    budget_unit: str | None = None  # the 编码 of the budget unit (预算单位) whose money it is, when the department has units


def department_facts(data: DisclosureInput, ledger: tuple[Line, ...], rules: Rules) -> tuple[Fact, ...]:
    """The department's facts; with budget units, each unit's own facts, marked with its 编码.

    A unit's carried-over items keep the numbers they have in the department's list (after the
    items of the units before it), so that rows by item name the department's items.
    """
    if not data.units:
        return build_facts(data, ledger, rules)
    facts: list[Fact] = []
    items_before = 0
    for index, unit in enumerate(data.units):
        own = unit_view(data, index).data
        facts += [
            replace(fact, budget_unit=unit.code, item=fact.item + items_before if fact.item else None)
            for fact in build_facts(own, build_ledger(own), rules)
        ]
        items_before += len(unit.carryover_items)
    return tuple(facts)


def build_facts(data: DisclosureInput, ledger: tuple[Line, ...], rules: Rules) -> tuple[Fact, ...]:
    """Every book's facts: the spending ledger, 基本支出 by 经济分类, projects' splits and carried-over items."""
    return (
        *(_spending(line) for line in ledger),
        *_basic_economic(data, rules),
        *(
            Fact("project_economic", amount, project.function_code, code, Nature.PROJECT.value, project=project.name)
            for project in data.projects for code, amount in project.economic.items()
        ),
        *_carried_over(data),
        *_income(data),
        *_three_public(data),
    )


def _spending(line: Line) -> Fact:
    source = line.source
    return Fact(
        "spending", line.amount, line.code, None, line.nature.value, None, _KIND_NAMES[source],
        source.is_fiscal, source.is_carryover, source in _TRANSFERS, line.project,
    )


def _basic_economic(data: DisclosureInput, rules: Rules) -> list[Fact]:
    """表 6's facts: 一般公共预算基本支出 by 经济分类 款; 人员经费 are the classes the rules name."""
    personnel = set(rules.personnel_economic_classes)
    return [
        Fact("economic", amount, None, code, Nature.BASIC.value, "personnel" if code[:3] in personnel else "public",
             "general", True)
        for code, amount in data.basic_economic.items()
    ]


def _carried_over(data: DisclosureInput) -> list[Fact]:
    """表 11's facts: each item's 财政拨款 and 非财政拨款, as 人员经费, 公用经费 and 项目支出."""
    facts = []
    for number, item in enumerate(data.carryover_items, start=1):
        for fiscal, spending in ((True, item.fiscal), (False, item.other)):
            for nature, cost, amount in (
                ("basic", "personnel", spending.personnel), ("basic", "public", spending.public), ("project", None, spending.project),
            ):
                facts.append(Fact("carryover", amount, item.function_code, None, nature, cost, None, fiscal, True,
                                  item=number))
    return facts


def _income(data: DisclosureInput) -> list[Fact]:
    """表 1's income, by the source that spends it; 单位资金 also by its kind (事业收入 …)."""
    facts = [
        Fact("income", amount, kind=_KIND_NAMES[source], fiscal=source.is_fiscal, carryover=source.is_carryover,
             transfer=source in _TRANSFERS)
        for source, amount in income_by_source(data).items() if source is not Source.UNIT_FUNDS
    ]
    u = data.income.unit_funds
    kinds = (("operations", u.operations), ("grants", u.grants_from_above), ("subsidiaries", u.from_subsidiaries),
             ("business", u.business), ("other", u.other))
    return facts + [
        Fact("income", amount, kind="unit_funds", fiscal=False, carryover=False, transfer=False, line=line)
        for line, amount in kinds
    ]


def _three_public(data: DisclosureInput) -> list[Fact]:
    """表 10's facts: each “三公” item by budget kind."""
    tp = data.three_public
    items = (("overseas", tp.overseas), ("reception", tp.reception), ("vehicle_purchase", tp.vehicle_purchase),
             ("vehicle_running", tp.vehicle_running))
    kinds = {BudgetKind.GENERAL: "general", BudgetKind.FUND: "fund", BudgetKind.CAPITAL: "capital"}
    return [
        Fact("three_public", amount, kind=kinds[kind], fiscal=True, line=line)
        for line, by_kind in items for kind, amount in by_kind.items() if kind in kinds
    ]
