"""Checks of the 2024 format's department-wide parts: carried-over items, overall performance, 表8/表9's split."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..derive.ledger import Nature, of_kind
from ..model import BudgetKind
from ..money import ZERO, round_half_up
from ..problems import Level, Problem
from .base import CheckContext, at, gap, wan
from .projects import weighted
from .registry import check

_KINDS = (("财政拨款", True), ("非财政拨款", False))


@check("carryover-items-missing", Level.ERROR, "模板要求逐项列出上年结转结余，而有结转结余收入却没有明细", per_unit=True)
def carryover_items_missing(ctx: CheckContext) -> Iterator[Problem]:
    """The 2024 format prints 表 11 and section 十一 from the itemised carry-over."""
    carried = ctx.figures.tables["t1_income"].row("carryover")
    if ctx.template.rules.carryover_items_required and carried and carried.value("amount") and not ctx.data.carryover_items:
        yield ctx.problem(
            carryover_items_missing, at("income", "carryover"),
            f"上年结转结余 {wan(carried.value('amount'))}，模板「{ctx.template.name}」要求在「上年结转结余明细」中逐项列出"
            "（名称、用途、财政拨款和非财政拨款的人员经费、公用经费、项目支出）",
        )


_PROJECT_ADVICE = (
    "；结转的项目支出只录入一次：在明细中写明该事项的「科目」（如 2299999），不要再在「项目」中录入"
)


@check("carryover-items-sum", Level.ERROR, "上年结转结余明细与用结转资金安排的基本支出、项目支出不符", per_unit=True)
def carryover_items_sum(ctx: CheckContext) -> Iterator[Problem]:
    """表 11 must agree with 表 2 and 表 3: the items' basic and project money equals the carried-over spending."""
    items = ctx.data.carryover_items
    if not items:
        return
    for label, fiscal in _KINDS:
        listed = [item.fiscal if fiscal else item.other for item in items]
        for nature, part, name in ((Nature.BASIC, "basic", "基本支出（人员经费 + 公用经费）"), (Nature.PROJECT, "project", "项目支出")):
            in_items = sum((getattr(spending, part) for spending in listed), ZERO)
            spent = _carried_spending(ctx, fiscal, nature)
            if round_half_up(in_items) != round_half_up(spent):
                yield ctx.problem(
                    carryover_items_sum, at("carryover_items"),
                    f"明细中{label}{name}合计 {wan(in_items)}，而用{label}结转资金安排的{name[:4]} {wan(spent)}{gap(in_items, spent)}"
                    + (_PROJECT_ADVICE if nature is Nature.PROJECT else ""),
                )


@check("department-performance-missing", Level.WARNING, "模板要求部门整体绩效目标表，输入中没有填写")
def department_performance_missing(ctx: CheckContext) -> Iterator[Problem]:
    """The 2024 format prints a 部门整体绩效目标表."""
    if ctx.template.rules.department_performance_required and ctx.data.department_performance is None:
        yield ctx.problem(
            department_performance_missing, at("department"),
            f"模板「{ctx.template.name}」要求填写「部门整体绩效目标」（联系人、联系电话、年度目标、指标），文中将缺少部门整体绩效目标表",
        )


@check("department-performance-weights", Level.ERROR, "部门整体绩效指标分值权重合计不等于模板规定的总分")
def department_performance_weights(ctx: CheckContext) -> Iterator[Problem]:
    """The department's indicator weights add up to the jurisdiction's total (100)."""
    table = ctx.figures.department_performance
    expected = ctx.template.rules.department_performance_weight_total
    if table is not None and weighted(table.rows) and table.weight_total != expected:
        yield ctx.problem(
            department_performance_weights, at("department_performance", "indicators"),
            f"部门整体绩效指标分值合计 {table.weight_total}，应为 {expected}（差 {abs(table.weight_total - expected)}）",
        )


def _carried_spending(ctx: CheckContext, fiscal: bool, nature: Nature) -> Decimal:
    return sum(
        (line.amount for line in ctx.ledger
         if line.source.is_carryover and line.source.is_fiscal == fiscal and line.nature is nature),
        ZERO,
    )


_BY_COST = (("t8_by_cost", BudgetKind.FUND, "表8 政府性基金预算支出情况表"), ("t9_by_cost", BudgetKind.CAPITAL, "表9 国有资本经营预算支出情况表"))


@check("kind-basic-unsplit", Level.ERROR, "模板按人员经费、公用经费列示政府性基金、国有资本经营预算的基本支出，而输入无法拆分", per_unit=True)
def kind_basic_unsplit(ctx: CheckContext) -> Iterator[Problem]:
    """表8/表9 of the 2024 format split 基本支出, which the input gives by 功能分类 only."""
    printed = ctx.template.printed_tables()
    for source, kind, table in _BY_COST:
        keep = of_kind(kind, ctx.template.rules.fiscal_tables_include_carryover)
        codes = sorted({line.code for line in ctx.ledger if line.nature is Nature.BASIC and keep(line)})
        if source in printed and codes:
            yield ctx.problem(
                kind_basic_unsplit, at("basic", codes[0]),
                f"模板「{ctx.template.name}」的{table}把基本支出分为人员经费、公用经费，而输入只按功能分类录入基本支出，"
                f"无法拆分；{kind.value}安排的基本支出（{'、'.join(codes)}）请改由一般公共预算安排，或改用按基本支出合计列示的模板",
            )
