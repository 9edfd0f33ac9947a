"""Checks that income balances spending, source by source, and that tables agree with each other."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..derive.ledger import Nature, income_by_source, of_kind, spent_by_source
from ..model import BudgetKind, Source
from ..money import ZERO, round_half_up
from ..problems import Level, Problem
from .base import CheckContext, at, gap, mismatch_advice, wan
from .registry import check

_INCOME_OF_SOURCE = {
    Source.GENERAL: (at("income", "general", "own"), "一般财力"),
    Source.GENERAL_TRANSFER: (at("income", "general", "transfer"), "上级一般公共预算安排转移支付"),
    Source.FUND: (at("income", "fund", "own"), "政府性基金收入"),
    Source.FUND_TRANSFER: (at("income", "fund", "transfer"), "上级政府性基金安排转移支付"),
    Source.CAPITAL: (at("income", "capital", "own"), "国有资本经营收入"),
    Source.CAPITAL_TRANSFER: (at("income", "capital", "transfer"), "上级国有资本经营预算安排转移支付"),
    Source.SPECIAL_ACCOUNT: (at("income", "special_account"), "财政专户核拨"),
    Source.UNIT_FUNDS: (at("income", "unit_funds"), "单位资金"),
    Source.CARRYOVER_GENERAL: (at("income", "carryover", "fiscal", "general"), "一般公共预算拨款结转"),
    Source.CARRYOVER_FUND: (at("income", "carryover", "fiscal", "fund"), "基金预算拨款结转"),
    Source.CARRYOVER_CAPITAL: (at("income", "carryover", "fiscal", "capital"), "国有资本经营预算拨款结转"),
    Source.CARRYOVER_SPECIAL_ACCOUNT: (at("income", "carryover", "other", "special_account"), "财政专户核拨结转结余"),
    Source.CARRYOVER_UNIT_FUNDS: (at("income", "carryover", "other", "unit_funds"), "单位资金结转结余"),
}

@check("income-balance", Level.ERROR, "某项收入与用这项资金安排的支出不相等（收支不平衡）", per_unit=True)
def income_balance(ctx: CheckContext) -> Iterator[Problem]:
    """Each income line of 表 1 equals the spending funded from it, so income total = spending total."""
    spent = spent_by_source(ctx.ledger)
    for source, received in income_by_source(ctx.data).items():
        if round_half_up(received) != round_half_up(spent[source]):
            path, label = _INCOME_OF_SOURCE[source]
            parts = sum(1 for line in ctx.ledger if line.source is source)
            yield ctx.problem(
                income_balance, path,
                f"表1 收入「{label}」{wan(received)}，而基本支出和项目支出中资金来源为「{source.value}」的合计 "
                f"{wan(spent[source])}，两者不符{gap(received, spent[source])}；"
                + mismatch_advice(ctx, received, spent[source], parts, "请核对收入或支出"),
            )


@check("basic-economic-total", Level.ERROR, "表6 经济分类合计与一般公共预算基本支出合计不符", per_unit=True)
def basic_economic_total(ctx: CheckContext) -> Iterator[Problem]:
    """表 6 (by 经济分类) and the 基本支出 column of 表 5 (by 功能分类) describe the same money."""
    economic = ctx.figures.tables["t6"].total_of("total")
    functional = ctx.figures.tables["t5"].total_of("basic")
    if economic != functional:
        yield ctx.problem(
            basic_economic_total, at("basic_economic"),
            f"表6 一般公共预算基本支出按经济分类合计 {wan(economic)}，与表5 基本支出合计 {wan(functional)} 不符"
            f"{gap(economic, functional)}；请核对「基本支出经济分类」或「基本支出」",
        )


@check("personnel-tie", Level.ERROR, "社保、医保、公积金等经济分类款与对应功能分类项的金额不符", per_unit=True)
def personnel_ties(ctx: CheckContext) -> Iterator[Problem]:
    """Each 经济分类 款 the template ties (30108 = 2080505, …) equals the basic spending of its 项."""
    general = of_kind(BudgetKind.GENERAL, ctx.template.rules.fiscal_tables_include_carryover)
    basic: dict[str, Decimal] = {}
    for line in ctx.ledger:
        if line.nature is Nature.BASIC and general(line):
            basic[line.code] = basic.get(line.code, ZERO) + line.amount
    for economic_code, items in ctx.template.rules.personnel_ties.items():
        economic = ctx.data.basic_economic.get(economic_code, ZERO)
        functional = sum((basic.get(code, ZERO) for code in items), ZERO)
        if round_half_up(economic) != round_half_up(functional):
            parts = " + ".join(f"{code} {ctx.names.function_name(code)} {basic.get(code, ZERO):.2f}" for code in items)
            yield ctx.problem(
                personnel_ties, at("basic_economic", economic_code) if economic else at("basic_economic"),
                f"表6 {economic_code} {ctx.names.economic_name(economic_code)} {wan(economic)}，与表3 基本支出 {parts} "
                f"= {wan(functional)} 不符{gap(economic, functional)}；"
                + mismatch_advice(ctx, economic, functional, len(items) + 1, "请改正其中一边"),
            )


@check("three-public-vehicle", Level.WARNING, "“三公”公务用车运行费与表6 30231 公务用车运行维护费不符", per_unit=True)
def three_public_vehicle(ctx: CheckContext) -> Iterator[Problem]:
    """The 三公 vehicle running cost is the 30231 line of basic spending."""
    running = ctx.data.three_public.vehicle_running.get(BudgetKind.GENERAL, ZERO)
    economic = ctx.data.basic_economic.get("30231", ZERO)
    if round_half_up(running) != round_half_up(economic):
        yield ctx.problem(
            three_public_vehicle, at("three_public", "vehicle_running"),
            f"表10 公务用车运行费 {wan(running)}，与表6 30231 公务用车运行维护费 {wan(economic)} 不符"
            f"{gap(running, economic)}；如项目中另有公务用车运行经费，可忽略本提示",
        )


@check("rounding-tail", Level.WARNING, "元转万元后，某合计与所列分项之和相差尾差（文中将加注说明）")
def rounding_tails(ctx: CheckContext) -> Iterator[Problem]:
    """Amounts kept in 元 can leave a 0.01 tail between a shown total and its shown parts (each said once)."""
    messages = (
        f"{_table_name(tail.table)} 「{tail.row}」合计 {tail.shown_total:.2f} 与分项之和 {tail.parts_sum:.2f} "
        f"因四舍五入相差 {abs(tail.shown_total - tail.parts_sum):.2f}；文中将注明尾差"
        for tail in ctx.figures.tails
    )
    for message in dict.fromkeys(messages):
        yield ctx.problem(rounding_tails, at("unit"), message)


def _table_name(key: str) -> str:
    """表2 for the built-in t2 (and t7_grouped); a set's own table by its key, 表「qs_t2」."""
    if key == "general_current":
        return "一般公共预算当年拨款"
    built_in = re.fullmatch(r"t(\d+)(?:_\w+)?", key)
    return f"表{built_in[1]}" if built_in else f"表「{key}」"
