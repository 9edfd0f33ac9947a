"""Checks of staff counts, procurement, assets and section texts."""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Level, Problem
from ..templateset import CheckLevel
from .base import CheckContext, gap, wan
from .registry import check


@check("staff-total", Level.WARNING, "实有人数与在职、退休、离休人数之和不符（级别由模板规定）")
def staff_total(ctx: CheckContext) -> Iterator[Problem]:
    """实有人数 = 在职 + 退休 + 离休 where the template says so."""
    staffing = ctx.data.overview.staffing
    rule = ctx.template.rules.staff_total_check
    if staffing is None or staffing.actual is None or rule is CheckLevel.OFF:
        return
    staff = ctx.figures.staff
    total = staff.counted if staff else 0
    if staffing.actual != total:
        counts = " + ".join(f"{line.label} {line.count}" for line in staff.lines) if staff else "0"
        yield ctx.problem(
            staff_total, ("概况", "人员情况", "实有人数"),
            f"实有人数 {staffing.actual} 人，而{counts} = {total} 人",
            Level(rule.value),
        )


@check("procurement-reserved", Level.ERROR, "面向中小企业、小微企业预留金额超过政府采购预算")
def procurement_reserved(ctx: CheckContext) -> Iterator[Problem]:
    """小微企业 ⊂ 中小企业 ⊂ 政府采购预算."""
    p = ctx.figures.procurement
    if p.sme_reserved > p.total:
        yield ctx.problem(
            procurement_reserved, ("其他事项", "政府采购", "面向中小企业预留"),
            f"面向中小企业预留 {wan(p.sme_reserved)} 超过政府采购预算 货物+工程+服务 = {wan(p.total)}{gap(p.sme_reserved, p.total)}",
        )
    if p.small_micro_reserved > p.sme_reserved:
        yield ctx.problem(
            procurement_reserved, ("其他事项", "政府采购", "面向小微企业预留"),
            f"面向小微企业预留 {wan(p.small_micro_reserved)} 超过面向中小企业预留 {wan(p.sme_reserved)}",
        )


@check("equipment-counts", Level.ERROR, "单位价值 100 万元以上设备多于 50 万元以上设备")
def equipment_counts(ctx: CheckContext) -> Iterator[Problem]:
    """Equipment worth over 100 万 is also worth over 50 万."""
    assets = ctx.data.other.assets
    for path, equipment in ((("其他事项", "国有资产", "大型设备"), assets.equipment),
                            (("其他事项", "国有资产", "本年购置", "大型设备"), assets.planned.equipment)):
        if equipment.over_100 > equipment.over_50:
            yield ctx.problem(
                equipment_counts, path,
                f"100万元以上 {equipment.over_100} 台（套）多于 50万元以上 {equipment.over_50} 台（套）；后者应包含前者",
            )


@check("class-purpose-missing", Level.WARNING, "说明四缺少某类支出的主要用途")
def class_purpose_missing(ctx: CheckContext) -> Iterator[Problem]:
    """Section 四 says what each 类 of general-budget spending is mainly used for."""
    for item in ctx.figures.fiscal_classes:
        if item.note is None:
            yield ctx.problem(
                class_purpose_missing, ("支出用途",),
                f"请在「支出用途」中写明 {item.key} {item.label}（{wan(item.amount)}）的主要用途",
            )
